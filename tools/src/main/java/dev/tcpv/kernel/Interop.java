package dev.tcpv.kernel;

import dev.tcpv.capture.CaptureFile;
import dev.tcpv.capture.CaptureFormatException;
import dev.tcpv.capture.CaptureValidation;
import dev.tcpv.capture.Profiles;
import dev.tcpv.tracefile.TraceFormatException;
import dev.tcpv.tracefile.TraceHeader;
import dev.tcpv.tracefile.TraceReader;
import dev.tcpv.validate.Failure;
import dev.tcpv.validate.Peer;
import dev.tcpv.validate.TraceValidator;
import dev.tcpv.validate.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Runs an {@link InteropScenario}: a namespace of its own with the TUN device {@value InteropRig#DEVICE} (the
 * kernel's side addressed, the engine's addresses routed to it, MTU 65,535), tcpdump on the device, the scenario in
 * a JVM inside the namespace ({@link InteropMain}), then the capture validated with the wire validator, both TCBs
 * hidden. Deleting the namespace deletes the device; the scenario's JVM and tcpdump are ended before.
 */
public final class Interop {
  private Interop() {}

  /** How long a scenario's JVM may run. */
  static final long SCENARIO_SECONDS = 150;

  /**
   * The frames of a capture the stage validates, at most: its first ones. With the device's MSS every scenario's
   * capture holds fewer (a 4 MiB exchange about 540), so each is validated whole; the bound keeps a scenario that
   * grows from taking the stage's time ({@code tcpv validate --profile linux} on the kept capture validates all).
   */
  public static final int VALIDATED_FRAMES = 1_000;

  /**
   * A scenario's outcome.
   *
   * @param scenario the scenario
   * @param pcap its capture
   * @param summary what the scenario's JVM reported (its summary, or why it failed)
   * @param failed why the scenario failed (its ends, the kernel or the capture), or null
   * @param report the capture's validation, when there was a capture to validate: of its first {@link
   *     #VALIDATED_FRAMES} frames
   * @param frames the frames in the capture (0 when there is none)
   * @param engine the engine's own traces ({@link EngineTrace}, one per pair of ports), each validated with its
   *     peer open ({@link Peer#OPEN}); empty when the scenario's JVM wrote none
   */
  public record Outcome(InteropScenario scenario, Path pcap, String summary, @Nullable String failed,
      CaptureValidation.@Nullable Report report, int frames, List<Verdict> engine) {

    /** Copies the list. */
    public Outcome {
      engine = List.copyOf(engine);
    }

    /** The engine traces' verdict: valid (with their events), rejected, or none. */
    public String engineVerdict() {
      if (engine.isEmpty()) {
        return "none";
      }
      return enginesValid()
          ? "valid (" + engine.stream().mapToLong(Verdict::events).sum() + ")" : "rejected";
    }

    /** The capture's verdict: valid, rejected, empty (no connection in it) or none (no capture). */
    public String verdict() {
      CaptureValidation.Report r = report;
      return r == null ? "none" : r.results().isEmpty() ? "empty" : r.rejected() ? "rejected" : "valid";
    }

    /**
     * Whether the scenario passed: it did what it says, and its capture's verdict is the one expected
     * ({@link InteropScenario#capture}).
     */
    public boolean passed() {
      return failed == null && expected(scenario.capture(), verdict()) && !engine.isEmpty() && enginesValid();
    }

    /** Whether every engine trace is valid (true when there is none). */
    private boolean enginesValid() {
      return engine.stream().allMatch(Verdict::ok);
    }
  }

  /**
   * The profile the engine's addresses follow in a capture (docs/findings.md F5): the engine as it ships, which
   * departs from RFC 9293 in no named policy; Linux's address follows the linux profile.
   */
  static Map<String, TraceHeader> engineProfile() {
    TraceHeader engine = Profiles.builtIn("tcpv");
    if (engine == null) {
      throw new IllegalStateException("the tcpv profile is built in");
    }
    return Map.of(InteropRig.ENGINE_V4, engine, InteropRig.ENGINE_V6, engine);
  }

  /** Whether {@code verdict} is what {@code expected} allows; a finding that no longer shows is not. */
  static boolean expected(InteropScenario.Capture expected, String verdict) {
    return switch (expected) {
      case VALID -> verdict.equals("valid");
      case VALID_OR_F7 -> verdict.equals("valid") || verdict.equals("rejected");
    };
  }

  /** Runs {@code s} in namespace {@code nsName}, keeps its capture in {@code dir}, and validates it. */
  public static Outcome run(InteropScenario s, String nsName, Path dir, TraceValidator validator)
      throws IOException, InterruptedException {
    return run(s, nsName, dir, validator, InteropMain.class, List.of());
  }

  /**
   * As {@link #run(InteropScenario, String, Path, TraceValidator)}, the scenario's JVM running {@code main} with the
   * scenario's name and {@code more} (a test's main that runs the engine with a fault).
   */
  static Outcome run(InteropScenario s, String nsName, Path dir, TraceValidator validator, Class<?> main,
      List<String> more) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path pcap = dir.resolve(s.label() + ".pcap").toAbsolutePath();
    Files.deleteIfExists(pcap);
    String failed;
    List<String> said = new ArrayList<>();
    try (Namespace ns = Namespace.create(nsName)) {
      device(ns, s.mtu());
      for (String rule : s.rules()) {
        ns.rule(rule);
      }
      failed = KernelCapture.captured(ns, s.label(), InteropRig.DEVICE, main, more, pcap, SCENARIO_SECONDS, said);
    }
    String summary = said.isEmpty() ? "" : said.getLast();
    List<Verdict> engine = engineTraces(pcap, validator);
    if (failed != null && !Files.exists(pcap)) {
      return new Outcome(s, pcap, summary, failed, null, 0, engine);
    }
    int frames = 0;
    try {
      CaptureFile f = CaptureFile.read(Files.readAllBytes(pcap), s.label() + ".pcap");
      frames = f.frames().size();
      CaptureFile first = frames <= VALIDATED_FRAMES ? f
          : new CaptureFile(f.name(), f.frames().subList(0, VALIDATED_FRAMES));
      return new Outcome(s, pcap, summary, failed,
          CaptureValidation.validate(first, KernelCapture.profile(s.keepAlive()), engineProfile(), validator),
          frames, engine);
    } catch (CaptureFormatException | TraceFormatException e) {
      return new Outcome(s, pcap, summary, failed == null ? e.getMessage() : failed, null, frames, engine);
    }
  }

  /**
   * The engine's own traces of the scenario captured in {@code pcap} ({@link EngineTrace}, written beside it), each
   * validated with its peer open; one that cannot be read is a rejection at its first line, with the reason.
   */
  static List<Verdict> engineTraces(Path pcap, TraceValidator validator) throws IOException {
    List<Verdict> out = new ArrayList<>();
    TraceValidator open = validator.withPeer(Peer.OPEN);
    for (Path f : EngineTrace.written(EngineTrace.base(pcap))) {
      try {
        out.add(open.validate(TraceReader.read(f)));
      } catch (TraceFormatException | IllegalArgumentException e) {
        out.add(new Verdict(f.toString(), 0, 0, new Failure(f.toString(), 1, "the trace as a whole", List.of(),
            String.valueOf(e.getMessage())), Map.of()));
      }
    }
    return out;
  }

  /**
   * Makes the TUN device {@value InteropRig#DEVICE} in namespace {@code ns}: MTU 65,535, the
   * kernel's addresses on it, the engine's routed to it; no tail loss probes (as in the linux stage, docs/findings.md
   * F4: the spec does not describe them).
   */
  static void device(Namespace ns) throws IOException, InterruptedException {
    device(ns, InteropRig.MTU);
  }

  /** As {@link #device(Namespace)}, with MTU {@code mtu}. */
  static void device(Namespace ns, int mtu) throws IOException, InterruptedException {
    String dev = InteropRig.DEVICE;
    String nsName = ns.name();
    Namespace.run(List.of("ip", "-n", nsName, "tuntap", "add", "dev", dev, "mode", "tun"));
    Namespace.run(List.of("ip", "-n", nsName, "link", "set", dev, "mtu", String.valueOf(mtu), "up"));
    Namespace.run(List.of("ip", "-n", nsName, "addr", "add", InteropRig.LINUX_V4 + "/24", "dev", dev));
    Namespace.run(List.of("ip", "-n", nsName, "-6", "addr", "add", InteropRig.LINUX_V6 + "/64", "dev", dev,
        "nodad"));
    ns.sysctl("net.ipv4.tcp_early_retrans", "0");
  }

  /**
   * What the stage's scenarios left behind, one line each, none when nothing: a network namespace whose name
   * starts with {@code nsPrefix} (its TUN device lives and dies with it), or a process this JVM started that still
   * runs a scenario ({@link InteropMain}) or tcpdump on the device.
   */
  public static List<String> leftovers(String nsPrefix) throws IOException, InterruptedException {
    List<String> left = new ArrayList<>();
    for (String line : Namespace.run(List.of("ip", "netns", "list")).lines().toList()) {
      String name = line.strip().split("\\s+")[0];
      if (name.startsWith(nsPrefix)) {
        left.add("namespace " + name);
      }
    }
    // This JVM's own: another run beside it (a second checkout, a CI job) has scenarios of its own.
    ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).forEach(p -> {
      String cmd = p.info().commandLine().orElse("");
      if (cmd.contains(InteropMain.class.getName()) || cmd.contains("tcpdump -i " + InteropRig.DEVICE)) {
        left.add("process " + p.pid() + ": " + cmd);
      }
    });
    return left;
  }
}
