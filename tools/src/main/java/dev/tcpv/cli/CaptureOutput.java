package dev.tcpv.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.tcpv.capture.CaptureFile;
import dev.tcpv.capture.CaptureFormatException;
import dev.tcpv.capture.CaptureValidation;
import dev.tcpv.capture.Profiles;
import dev.tcpv.check.InputException;
import dev.tcpv.text.TextTable;
import dev.tcpv.tracefile.TraceFormatException;
import dev.tcpv.tracefile.TraceHeader;
import dev.tcpv.validate.TraceValidator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** {@code validate} on packet captures: reads each, validates its connections, prints a table or JSON. */
final class CaptureOutput {
  private CaptureOutput() {}

  /** Validates {@code files}; returns how many incarnations were rejected. */
  static int run(List<Path> files, String profileName, List<String> hostProfiles, @Nullable String keepAlive,
      boolean json, TraceValidator validator, PrintWriter out) throws InputException, IOException {
    TraceHeader profile;
    try {
      profile = withKeepAlive(Profiles.of(profileName), keepAlive);
    } catch (TraceFormatException e) {
      throw new InputException(e.getMessage() == null ? "bad profile " + profileName : e.getMessage());
    }
    Map<String, TraceHeader> byAddress = byAddress(hostProfiles);
    int rejected = 0;
    int connections = 0;
    int incarnations = 0;
    long packets = 0;
    long nanos = 0;
    for (Path f : files) {
      CaptureFile capture;
      try {
        capture = CaptureFile.read(Files.readAllBytes(f), f.toString());
      } catch (NoSuchFileException e) {
        throw new InputException("no such file: " + f);
      } catch (CaptureFormatException e) {
        throw new InputException(e.getMessage() == null ? "bad capture " + f : e.getMessage());
      }
      CaptureValidation.Report r = CaptureValidation.validate(capture, profile, byAddress, validator);
      connections += r.split().conversations().size();
      incarnations += r.results().size();
      rejected += (int) r.results().stream().filter(x -> x.verdict().equals("rejected")).count();
      packets += r.packets();
      nanos += r.nanos();
      if (json) {
        out.println(new GsonBuilder().disableHtmlEscaping().create().toJson(toJson(r, profile)));
      } else {
        print(r, out);
      }
    }
    if (!json) {
      double seconds = nanos / 1e9;
      out.printf("validate: %d capture(s), %d connection(s), %d incarnation(s), %d rejected; %,d packets in %.2f s"
          + " (%,.0f packets/s); profile %s%n", files.size(), connections, incarnations, rejected, packets, seconds,
          seconds == 0 ? 0.0 : packets / seconds, profileName);
    }
    return rejected;
  }

  /** The profiles of {@code --host-profile ADDRESS=NAME|FILE}, by address; a malformed one is bad input. */
  static Map<String, TraceHeader> byAddress(List<String> hostProfiles) throws InputException, IOException {
    Map<String, TraceHeader> out = new LinkedHashMap<>();
    for (String hp : hostProfiles) {
      int eq = hp.indexOf('=');
      if (eq <= 0 || eq == hp.length() - 1) {
        throw new InputException("--host-profile " + hp + ": expected ADDRESS=NAME|FILE");
      }
      String address = hp.substring(0, eq);
      try {
        java.net.InetAddress.ofLiteral(dev.tcpv.capture.Captures.unbracketed(address));
      } catch (IllegalArgumentException e) {
        throw new InputException("--host-profile " + hp + ": " + address + " is not an IP address");
      }
      if (out.containsKey(address)) {
        throw new InputException("--host-profile " + hp + ": " + address + " has a profile already");
      }
      try {
        out.put(address, Profiles.of(hp.substring(eq + 1)));
      } catch (TraceFormatException e) {
        throw new InputException(e.getMessage() == null ? "bad profile " + hp : e.getMessage());
      }
    }
    return out;
  }

  /** The profile with keep-alive on, as {@code IDLE,INTERVAL,PROBES} (seconds, seconds, count) say; or as it is. */
  static TraceHeader withKeepAlive(TraceHeader p, @Nullable String spec) throws InputException {
    if (spec == null) {
      return p;
    }
    String[] parts = spec.split(",", -1);
    long idle;
    long interval;
    int probes;
    try {
      if (parts.length != 3) {
        throw new NumberFormatException();
      }
      idle = Long.parseLong(parts[0].trim());
      interval = Long.parseLong(parts[1].trim());
      probes = Integer.parseInt(parts[2].trim());
    } catch (NumberFormatException e) {
      throw new InputException("--keep-alive " + spec + ": expected IDLE,INTERVAL,PROBES (seconds, seconds, count)");
    }
    if (idle < 1 || interval < 1 || probes < 1 || idle > 1_000_000 || interval > 1_000_000 || probes > 1000) {
      throw new InputException("--keep-alive " + spec + ": each value must be at least 1 (and idle and interval"
          + " at most 1000000 s, probes at most 1000)");
    }
    return Profiles.withKeepAlive(p, idle, interval, probes);
  }

  private static void print(CaptureValidation.Report r, PrintWriter out) {
    out.printf("%s: %,d frame(s), %d TCP connection(s)%s%n", r.file(), r.split().frames(),
        r.split().conversations().size(), r.split().badChecksums() == 0 ? ""
            : String.format("; %,d segment(s) whose TCP checksum does not verify (checksum offload), judged as"
                + " captured", r.split().badChecksums()));
    for (Map.Entry<String, Integer> e : r.split().skipped().entrySet()) {
      out.printf("  skipped %,d frame(s): %s%n", e.getValue(), e.getKey());
    }
    String conversation = "";
    TextTable table = null;
    for (CaptureValidation.Result x : r.results()) {
      if (!x.conversation().equals(conversation)) {
        if (table != null) {
          out.print(table.render());
        }
        conversation = x.conversation();
        out.println(conversation);
        table = new TextTable("incarnation", "frames", "packets", "verdict").alignRight(0).alignRight(2);
      }
      if (table != null) {
        table.row(String.valueOf(x.incarnation().index()), x.incarnation().first() + "-" + x.incarnation().last(),
            String.valueOf(x.incarnation().packets()), x.verdict() + (x.alone() ? " (validated alone)" : ""));
      }
    }
    if (table != null) {
      out.print(table.render());
    }
    for (CaptureValidation.Result x : r.results()) {
      String f = x.failure();
      if (f != null) {
        out.println(f);
      }
    }
  }

  private static JsonObject toJson(CaptureValidation.Report r, TraceHeader profile) {
    JsonObject o = new JsonObject();
    o.addProperty("capture", r.file());
    o.addProperty("profile", profile.scenario());
    o.addProperty("frames", r.split().frames());
    o.addProperty("badChecksums", r.split().badChecksums());
    JsonObject skipped = new JsonObject();
    r.split().skipped().forEach(skipped::addProperty);
    o.add("skipped", skipped);
    JsonArray results = new JsonArray();
    for (CaptureValidation.Result x : r.results()) {
      JsonObject j = new JsonObject();
      j.addProperty("connection", x.conversation());
      j.addProperty("incarnation", x.incarnation().index());
      j.addProperty("firstFrame", x.incarnation().first());
      j.addProperty("lastFrame", x.incarnation().last());
      j.addProperty("packets", x.incarnation().packets());
      j.addProperty("verdict", x.verdict());
      j.addProperty("alone", x.alone());
      String f = x.failure();
      if (f != null) {
        j.addProperty("failure", f);
      }
      results.add(j);
    }
    o.add("results", results);
    o.addProperty("packets", r.packets());
    o.addProperty("seconds", r.nanos() / 1e9);
    return o;
  }
}
