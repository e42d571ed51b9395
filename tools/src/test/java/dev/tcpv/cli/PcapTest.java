package dev.tcpv.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tcpv.tracefile.EngineRecords;
import dev.tcpv.tracefile.SegmentRecord;
import dev.tcpv.tracefile.Trace;
import dev.tcpv.tracefile.TraceLine;
import dev.tcpv.tracefile.TraceReader;
import dev.tcpv.wire.DecodeError;
import dev.tcpv.wire.IpPacket;
import dev.tcpv.wire.PacketDecodeResult;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jspecify.annotations.Nullable;

class PcapTest {
  private static final int SEEDS = 12;
  /** Wireshark's expert severity of an error (a malformed packet); a reset is only a warning. */
  private static final int PI_ERROR = 0x00800000;
  private final Path dir;

  PcapTest(@TempDir Path dir) {
    this.dir = dir;
  }

  /** One pcap record: its timestamp in microseconds and the packet. */
  private record PcapRecord(long micros, byte[] packet) {}

  /** Reads a pcap file, checking its global header; fails the test on a malformed file. */
  private static List<PcapRecord> readPcap(Path file) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(0xA1B2C3D4, b.getInt(), "magic (microseconds, little-endian)");
    assertEquals(2, b.getShort(), "major version");
    assertEquals(4, b.getShort(), "minor version");
    assertEquals(0, b.getInt(), "time zone");
    assertEquals(0, b.getInt(), "accuracy");
    assertEquals(65535, b.getInt(), "snapshot length");
    assertEquals(101, b.getInt(), "link type RAW");
    List<PcapRecord> records = new ArrayList<>();
    while (b.hasRemaining()) {
      long sec = Integer.toUnsignedLong(b.getInt());
      long usec = Integer.toUnsignedLong(b.getInt());
      int incl = b.getInt();
      int orig = b.getInt();
      assertEquals(orig, incl, "whole packets");
      assertTrue(usec < 1_000_000, "microseconds field");
      byte[] p = new byte[incl];
      b.get(p);
      records.add(new PcapRecord(sec * 1_000_000 + usec, p));
    }
    return records;
  }

  private Path simulate() {
    Path out = dir.resolve("out");
    Workspace.Run r = Workspace.tcpv(
        "simulate", "--seed", "1", "--count", String.valueOf(SEEDS), "--pcap", "--out", out.toString());
    assertEquals(0, r.exit(), r.err());
    return out;
  }

  @Test
  @DisplayName("simulate --pcap: one record per segment sent, each decoding to the trace's segment at its time")
  void pcapMatchesTrace() throws Exception {
    Path out = simulate();
    long tickMicros = -1;
    for (int s = 1; s <= SEEDS; s++) {
      Trace t = TraceReader.read(out.resolve("seed-" + s + ".ndjson"));
      tickMicros = t.header().tickMicros();
      List<SegmentRecord> sent = new ArrayList<>();
      List<Long> times = new ArrayList<>();
      for (TraceLine l : t.lines()) {
        for (SegmentRecord rec : l.sent()) {
          sent.add(rec);
          times.add(l.t());
        }
      }
      List<PcapRecord> records = readPcap(out.resolve("seed-" + s + ".pcap"));
      assertEquals(sent.size(), records.size(), "seed " + s + ": records = segments sent in the trace");
      assertTrue(sent.size() > 0, "seed " + s + " sent nothing");
      for (int i = 0; i < records.size(); i++) {
        PacketDecodeResult d = IpPacket.decode(records.get(i).packet());
        if (d instanceof DecodeError e) {
          fail("seed " + s + " record " + (i + 1) + ": " + e);
        } else if (d instanceof PacketDecodeResult.Decoded ok) {
          byte[] src = ok.packet().pseudoHeader().source();
          String host = Arrays.equals(src, new byte[] {(byte) 192, 0, 2, 1}) ? "A" : "B";
          assertEquals(sent.get(i), EngineRecords.segment(host, ok.packet().segment()),
              "seed " + s + " record " + (i + 1));
          assertEquals(host.equals("A") ? 40000 : 80, ok.packet().segment().sourcePort());
          assertEquals(times.get(i), records.get(i).micros(), "seed " + s + " record " + (i + 1) + " time");
        }
      }
    }
    assertTrue(tickMicros > 0);
    Path again = dir.resolve("again");
    Workspace.tcpv("simulate", "--seed", "3", "--pcap", "--out", again.toString());
    assertEquals(Arrays.toString(Files.readAllBytes(out.resolve("seed-3.pcap"))),
        Arrays.toString(Files.readAllBytes(again.resolve("seed-3.pcap"))), "same seed, same pcap");
  }

  /** The {@code tshark} on the PATH, or null. */
  private static @Nullable File tshark() {
    String path = System.getenv("PATH");
    for (String d : (path == null ? "" : path).split(File.pathSeparator)) {
      File f = new File(d, "tshark");
      if (!d.isEmpty() && f.canExecute()) {
        return f;
      }
    }
    return null;
  }

  @Test
  @DisplayName("tshark (when installed) reads every record as TCP over IPv4 with good checksums")
  void tsharkReadsPcap() throws Exception {
    File tshark = tshark();
    Assumptions.assumeTrue(tshark != null, "tshark is not installed: skipped");
    String exe = tshark == null ? "tshark" : tshark.getPath();
    Path out = simulate();
    for (int s = 1; s <= SEEDS; s++) {
      Path pcap = out.resolve("seed-" + s + ".pcap");
      int records = readPcap(pcap).size();
      Process p = new ProcessBuilder(exe, "-n", "-r", pcap.toString(),
          "-o", "ip.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE", "-o", "tcp.analyze_sequence_numbers:FALSE",
          "-T", "fields", "-e", "ip.checksum.status", "-e", "tcp.checksum.status", "-e", "tcp.srcport",
          "-e", "_ws.expert.severity")
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(60, TimeUnit.SECONDS));
      assertEquals(0, p.exitValue(), text);
      List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
      assertEquals(records, lines.size(), text);
      for (String l : lines) {
        String[] f = l.split("\t", -1);
        assertEquals("1", f[0], "IP checksum good: " + l);
        assertEquals("1", f[1], "TCP checksum good: " + l);
        assertTrue(f[2].equals("40000") || f[2].equals("80"), l);
        for (String sev : f[3].isEmpty() ? new String[0] : f[3].split(",")) {
          assertTrue(Integer.parseInt(sev) < PI_ERROR, "no expert error (malformed packet): " + l);
        }
      }
    }
  }
}
