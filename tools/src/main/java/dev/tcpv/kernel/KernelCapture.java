package dev.tcpv.kernel;

import dev.tcpv.apt.AptLock;
import dev.tcpv.capture.CaptureFile;
import dev.tcpv.capture.CaptureFormatException;
import dev.tcpv.capture.CaptureValidation;
import dev.tcpv.capture.Profiles;
import dev.tcpv.tracefile.TraceFormatException;
import dev.tcpv.tracefile.TraceHeader;
import dev.tcpv.validate.TraceValidator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Runs one {@link Scenario} on the kernel and validates what it put on the wire: a namespace of its own, the
 * scenario's filter rules, tcpdump on the namespace's loopback ({@code -U --immediate-mode}, a 32 MB buffer,
 * headers only: 200 octets a packet, lengths come from the IP header; a capture it reports drops in is not
 * validated), the scenario's sockets in a JVM inside the namespace, then
 * {@code tcpv validate --profile linux} on the capture, kept under the output directory.
 *
 * <p>Why tcpdump and not a packet socket of our own: tcpdump is the capture tool people use and trust, the one a
 * capture made elsewhere comes from, and its pcap files open in Wireshark as they are; a packet socket through the
 * FFM API would need raw-socket code of our own for what Debian's package already does.
 */
public final class KernelCapture {
  private KernelCapture() {}

  /** How long a scenario's sockets may take. */
  static final long SCENARIO_SECONDS = 60;

  /**
   * What became of one scenario.
   *
   * @param scenario the scenario
   * @param capture the capture file, kept
   * @param ran null when the sockets did what the scenario says, else why not (one line)
   * @param report the capture's validation, or null when there is no capture to validate
   */
  public record Outcome(Scenario scenario, Path capture, @Nullable String ran,
      CaptureValidation.@Nullable Report report) {
    /** "valid", "rejected", or "not run". */
    public String verdict() {
      CaptureValidation.Report r = report;
      if (ran != null || r == null) {
        return "not run";
      }
      return r.rejected() ? "rejected" : "valid";
    }
  }

  /**
   * Why the kernel cannot be captured here (not Linux, not root, no {@code ip}), or null when it can.
   */
  public static @Nullable String unavailable() {
    if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
      return "not Linux (" + System.getProperty("os.name") + ")";
    }
    if (!onPath("ip")) {
      return "no ip command (Debian package iproute2)";
    }
    try {
      String uid = Namespace.run(List.of("id", "-u"));
      if (!uid.equals("0")) {
        return "not root (uid " + uid + "): creating a network namespace and capturing in it needs root";
      }
    } catch (IOException e) {
      return "cannot tell the user id: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
    return null;
  }

  /**
   * Installs tcpdump and iptables from Debian's packages when they are missing ({@code apt-get update} once, then
   * {@code apt-get install -y}); fails in one line naming what to install when that is not possible.
   */
  public static void ensureTools(PrintWriter err) throws IOException, InterruptedException {
    List<String> missing = missingTools();
    if (missing.isEmpty()) {
      return;
    }
    if (!onPath("apt-get")) {
      throw new IOException("install " + String.join(" and ", missing) + " (no apt-get here to do it)");
    }
    // Another process may be installing them now: wait for it, then look again.
    try (AptLock _ = AptLock.take()) {
      missing = missingTools();
      if (missing.isEmpty()) {
        return;
      }
      err.println("linux: installing " + String.join(", ", missing) + " (apt-get)");
      err.flush();
      Namespace.run(List.of("apt-get", "update", "-qq"));
      List<String> install = new ArrayList<>(List.of("apt-get", "install", "-y", "-qq"));
      install.addAll(missing);
      Namespace.run(install);
    }
  }

  private static List<String> missingTools() {
    List<String> missing = new ArrayList<>();
    for (String tool : List.of("tcpdump", "iptables")) {
      if (!onPath(tool)) {
        missing.add(tool);
      }
    }
    return missing;
  }

  private static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    for (String dir : (path == null ? "/usr/sbin:/usr/bin:/sbin:/bin" : path + ":/usr/sbin:/sbin").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  /** The profile a scenario's capture is validated with: Linux's, with the scenario's keep-alive settings. */
  public static TraceHeader profile(Scenario s) throws TraceFormatException, IOException {
    return profile(s.keepAlive());
  }

  /** Linux's profile, with keep-alive settings {@code IDLE,INTERVAL,PROBES} when they are not null. */
  static TraceHeader profile(@Nullable String ka) throws TraceFormatException, IOException {
    TraceHeader linux = Profiles.of("linux");
    if (ka == null) {
      return linux;
    }
    String[] v = ka.split(",");
    return Profiles.withKeepAlive(linux, Long.parseLong(v[0]), Long.parseLong(v[1]), Integer.parseInt(v[2]));
  }

  /** Runs {@code s} in namespace {@code nsName}, keeps its capture in {@code dir}, and validates it. */
  public static Outcome run(Scenario s, String nsName, Path dir, TraceValidator validator)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path pcap = dir.resolve(s.label() + ".pcap").toAbsolutePath();
    Files.deleteIfExists(pcap);
    String ran;
    try (Namespace ns = Namespace.create(nsName)) {
      // Linux's tail loss probe (RACK-TLP, RFC 8985) resends the last segment sent when no ACK comes within about
      // two round trips, which on loopback can be a few milliseconds; the spec's retransmissions resend from
      // SND.UNA (RetransmitTimeout, FastRetransmit), so a probe is rejected (docs/findings.md F4). The namespace
      // turns TLP off (per namespace since Linux 4.15); RACK's loss detection and fast retransmit stay on.
      ns.sysctl("net.ipv4.tcp_early_retrans", "0");
      if (!s.link().isEmpty()) {
        ns.loopback(s.link());
      }
      for (String rule : s.rules()) {
        ns.rule(rule);
      }
      ran = captured(ns, s.label(), "lo", ScenarioMain.class, pcap, SCENARIO_SECONDS, new ArrayList<>());
    }
    if (ran != null && !Files.exists(pcap)) {
      return new Outcome(s, pcap, ran, null);
    }
    try {
      CaptureFile f = CaptureFile.read(Files.readAllBytes(pcap), s.label() + ".pcap");
      return new Outcome(s, pcap, ran, CaptureValidation.validate(f, profile(s), validator));
    } catch (CaptureFormatException | TraceFormatException e) {
      return new Outcome(s, pcap, ran == null ? e.getMessage() : ran, null);
    }
  }

  /** The command that runs {@code main} with {@code args} in a JVM like this one, on this one's class path. */
  static List<String> java(Class<?> main, List<String> args) {
    List<String> c = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
        "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), main.getName()));
    c.addAll(args);
    return c;
  }

  /**
   * Why a capture is incomplete, from tcpdump's closing report ({@code N packets dropped by kernel}, N above 0: its
   * buffer overflowed), or null when it is not.
   */
  static @Nullable String dropped(List<String> report) {
    for (String line : report) {
      String l = line.strip();
      if (l.endsWith("packets dropped by kernel") || l.endsWith("packet dropped by kernel")) {
        String n = l.substring(0, l.indexOf(' '));
        if (!n.equals("0")) {
          return "tcpdump dropped " + n + " packet(s): the capture misses segments the connection carried";
        }
      }
    }
    return null;
  }

  /**
   * Runs scenario {@code label} in a JVM of its own inside {@code ns} ({@code main LABEL}) for at most
   * {@code seconds}, capturing device {@code device} into {@code pcap}; null when the scenario did what it says,
   * else why not. What the JVM printed is added to {@code said}, a line an element.
   */
  static @Nullable String captured(Namespace ns, String label, String device, Class<?> main, Path pcap,
      long seconds, List<String> said) throws IOException, InterruptedException {
    return captured(ns, label, device, main, List.of(), pcap, seconds, said);
  }

  /** As {@link #captured(Namespace, String, String, Class, Path, long, List)}, with {@code more} arguments. */
  static @Nullable String captured(Namespace ns, String label, String device, Class<?> main, List<String> more,
      Path pcap, long seconds, List<String> said) throws IOException, InterruptedException {
    Process tcpdump = new ProcessBuilder(ns.exec(List.of("tcpdump", "-i", device, "-w", pcap.toString(), "-U",
        "--immediate-mode", "-B", "32768", "-Z", "root", "-s", "200", "tcp")))
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    Process child = null;
    try {
      CompletableFuture<Boolean> listening = new CompletableFuture<>();
      List<String> chatter = new ArrayList<>();
      Thread reader = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(tcpdump.getErrorStream(),
            StandardCharsets.UTF_8))) {
          for (String line = r.readLine(); line != null; line = r.readLine()) {
            synchronized (chatter) {
              chatter.add(line);
            }
            if (line.contains("listening on")) {
              listening.complete(true);
            }
          }
        } catch (IOException e) {
          // the process ended
        }
        listening.complete(false);
      }, "tcpdump " + label);
      reader.setDaemon(true);
      reader.start();
      boolean ready;
      try {
        ready = listening.get(15, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        ready = false;
      }
      if (!ready) {
        synchronized (chatter) {
          return "tcpdump did not start: " + String.join("; ", chatter);
        }
      }
      List<String> args = new ArrayList<>(List.of(label));
      args.addAll(more);
      List<String> java = java(main, args);
      ProcessBuilder pb = new ProcessBuilder(ns.exec(java)).redirectErrorStream(true);
      // Where an interop scenario's engine writes its own trace (EngineTrace): beside the capture.
      pb.environment().put(EngineTrace.ENV, EngineTrace.base(pcap).toString());
      child = pb.start();
      Process c = child;
      CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> {
        try (var in = c.getInputStream()) {
          return in.readAllBytes();
        } catch (IOException e) {
          return new byte[0];
        }
      });
      if (!child.waitFor(seconds, TimeUnit.SECONDS)) {
        child.destroyForcibly();
        return "the scenario did not finish within " + seconds + " s";
      }
      // The last segments have been sent; tcpdump reads them as they come (immediate mode): a moment for it.
      Thread.sleep(300);
      String text = new String(output.join(), StandardCharsets.UTF_8).strip();
      said.addAll(text.lines().toList());
      if (child.exitValue() != 0) {
        return "the scenario failed (exit " + child.exitValue() + ")" + (text.isEmpty() ? "" : ": "
            + text.lines().reduce((a, b) -> b).orElse(""));
      }
      // A capture tcpdump could not keep up with misses segments the connection carried: not one to validate.
      tcpdump.destroy();
      tcpdump.waitFor(10, TimeUnit.SECONDS);
      reader.join(5000);
      synchronized (chatter) {
        return dropped(chatter);
      }
    } finally {
      if (child != null && child.isAlive()) {
        child.destroyForcibly();
      }
      tcpdump.destroy();
      if (!tcpdump.waitFor(10, TimeUnit.SECONDS)) {
        tcpdump.destroyForcibly();
      }
    }
  }
}
