package dev.tcpv.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace of its own ({@code ip netns add}), with its loopback up and nothing else: no address, no
 * route and no device outside it, so every packet of a scenario stays inside. Closing it deletes the namespace,
 * which takes its loopback and filter rules with it; a JVM that exits before that deletes it on the way out.
 */
final class Namespace implements AutoCloseable {
  private final String name;
  private final Thread reaper;

  private Namespace(String name) {
    this.name = name;
    this.reaper = new Thread(() -> delete(name), "delete " + name);
  }

  /** Creates namespace {@code name} with its loopback up. */
  static Namespace create(String name) throws IOException, InterruptedException {
    Namespace ns = new Namespace(name);
    run(List.of("ip", "netns", "add", name));
    Runtime.getRuntime().addShutdownHook(ns.reaper);
    run(List.of("ip", "-n", name, "link", "set", "lo", "up"));
    return ns;
  }

  String name() {
    return name;
  }

  /** {@code command} run inside the namespace. */
  List<String> exec(List<String> command) {
    List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", name));
    c.addAll(command);
    return c;
  }

  /** Sets the namespace's loopback: {@code ip link set lo SETTINGS...}. */
  void loopback(List<String> settings) throws IOException, InterruptedException {
    List<String> c = new ArrayList<>(List.of("ip", "-n", name, "link", "set", "lo"));
    c.addAll(settings);
    run(c);
  }

  /** Sets the namespace's own value of the sysctl {@code key} ({@code sysctl -w KEY=VALUE} inside it). */
  void sysctl(String key, String value) throws IOException, InterruptedException {
    run(exec(List.of("sysctl", "-q", "-w", key + "=" + value)));
  }

  /** Adds one iptables rule ({@code iptables ARGS...}) to the namespace's own filter table. */
  void rule(String args) throws IOException, InterruptedException {
    List<String> c = new ArrayList<>(List.of("iptables"));
    c.addAll(List.of(args.split(" ")));
    run(exec(c));
  }

  @Override
  public void close() {
    delete(name);
    try {
      Runtime.getRuntime().removeShutdownHook(reaper);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs, or has run, anyway
    }
  }

  private static void delete(String name) {
    try {
      new ProcessBuilder("ip", "netns", "del", name).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(10, TimeUnit.SECONDS);
    } catch (IOException e) {
      // nothing more can be done; ip netns list shows it
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Runs {@code command} to its end (30 s at most); a failure is an IOException naming it and its output. */
  static String run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out;
    try (var in = p.getInputStream()) {
      out = in.readAllBytes();
    }
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException(String.join(" ", command) + ": did not finish within 30 s");
    }
    String text = new String(out, StandardCharsets.UTF_8).strip();
    if (p.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + ": exit " + p.exitValue()
          + (text.isEmpty() ? "" : ": " + text.lines().findFirst().orElse("")));
    }
    return text;
  }
}
