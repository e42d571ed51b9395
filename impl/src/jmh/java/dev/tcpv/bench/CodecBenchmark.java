package dev.tcpv.bench;

import dev.tcpv.seq.SeqNum;
import dev.tcpv.wire.Checksum;
import dev.tcpv.wire.Flag;
import dev.tcpv.wire.PseudoHeader;
import dev.tcpv.wire.Segment;
import dev.tcpv.wire.SegmentCodec;
import dev.tcpv.wire.SegmentDecodeResult;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decoding one 1480-octet segment (20-octet header, 1460 octets of payload, no options) with its checksum
 * verified against an IPv4 pseudo-header. Throughput in segments per second; times {@link #SEGMENT_LENGTH} gives
 * octets per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class CodecBenchmark {

  /** Payload octets: one Ethernet MSS. */
  public static final int PAYLOAD_LENGTH = 1460;

  /** Octets of the whole segment. */
  public static final int SEGMENT_LENGTH = Segment.MIN_HEADER_LENGTH + PAYLOAD_LENGTH;

  private final PseudoHeader pseudoHeader =
      new PseudoHeader.Ipv4(new byte[] {10, 0, 0, 1}, new byte[] {10, 0, 0, 2});

  private final byte[] wire;

  /** Encodes the segment once. */
  public CodecBenchmark() {
    byte[] payload = new byte[PAYLOAD_LENGTH];
    for (int i = 0; i < payload.length; i++) {
      payload[i] = (byte) (i * 31 + 7);
    }
    Segment segment =
        Segment.builder()
            .sourcePort(40_000)
            .destinationPort(443)
            .seq(SeqNum.of(0x1234_5678L))
            .ack(SeqNum.of(0x9ABC_DEF0L))
            .flags(Flag.ACK, Flag.PSH)
            .window(65_535)
            .payload(payload)
            .build();
    wire = SegmentCodec.encode(segment, pseudoHeader);
    if (wire.length != SEGMENT_LENGTH || !(SegmentCodec.decode(wire, pseudoHeader) instanceof SegmentDecodeResult.Decoded)) {
      throw new IllegalStateException("bad benchmark segment");
    }
  }

  /** Full decode: checksum, header, options, payload copy. */
  @Benchmark
  public SegmentDecodeResult decode() {
    return SegmentCodec.decode(wire, pseudoHeader);
  }

  /** The checksum verification alone, for comparison. */
  @Benchmark
  public boolean verifyChecksum() {
    return Checksum.verifies(Checksum.add(pseudoHeader.sum(wire.length), wire, 0, wire.length));
  }
}
