package dev.tcpv.wire;

import dev.tcpv.seq.SeqNum;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

/** Seeded generators of segments, options, addresses and bytes for the property tests. */
final class RandomWire {

  private static final int[] KNOWN_KINDS = {0, 1, 2, 3, 4, 5, 8};

  private RandomWire() {}

  /** The seeds of a property: {@code count} cases, numbered so that a failing case names its seed. */
  static LongStream seeds(int count) {
    return LongStream.range(0, count);
  }

  static byte[] bytes(SplittableRandom random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  static PseudoHeader pseudoHeader(SplittableRandom random) {
    return random.nextBoolean()
        ? new PseudoHeader.Ipv4(bytes(random, 4), bytes(random, 4))
        : new PseudoHeader.Ipv6(bytes(random, 16), bytes(random, 16));
  }

  /** A random valid segment of at most {@code maxLength} octets, with a random checksum field. */
  static Segment segment(SplittableRandom random, int maxLength) {
    List<TcpOption> options = options(random);
    Segment header =
        Segment.builder()
            .sourcePort(random.nextInt(0x10000))
            .destinationPort(random.nextInt(0x10000))
            .seq(new SeqNum(random.nextInt()))
            .ack(new SeqNum(random.nextInt()))
            .flags(new Flags(random.nextInt(0x100)))
            .window(random.nextInt(0x10000))
            .checksum(random.nextInt(0x10000))
            .urgentPointer(random.nextInt(0x10000))
            .options(options)
            .build();
    int room = maxLength - header.headerLength();
    int choice = random.nextInt(100);
    int payloadLength;
    if (choice < 35) {
      payloadLength = 0;
    } else if (choice < 80) {
      payloadLength = 1 + random.nextInt(64);
    } else if (choice < 97) {
      payloadLength = random.nextInt(1461);
    } else if (choice < 99) {
      payloadLength = random.nextInt(room + 1);
    } else {
      payloadLength = room;
    }
    return header.toBuilder().payload(bytes(random, Math.min(payloadLength, room))).build();
  }

  /** A random option list that fits the 40 octets of option space, sometimes ended by EOL. */
  static List<TcpOption> options(SplittableRandom random) {
    List<TcpOption> options = new ArrayList<>();
    int budget = Segment.MAX_OPTIONS_LENGTH;
    int count = random.nextInt(9);
    for (int n = 0; n < count && budget > 0; n++) {
      TcpOption option = option(random, budget);
      if (option.length() <= budget) {
        options.add(option);
        budget -= option.length();
      }
    }
    if (budget > 0 && random.nextInt(4) == 0) {
      options.add(new TcpOption.Eol());
    }
    return options;
  }

  /** A random option other than EOL, usually of at most {@code budget} octets. */
  static TcpOption option(SplittableRandom random, int budget) {
    return switch (random.nextInt(7)) {
      case 0 -> new TcpOption.Nop();
      case 1 -> new TcpOption.Mss(random.nextInt(0x10000));
      case 2 -> new TcpOption.WindowScale(random.nextInt(0x100));
      case 3 -> new TcpOption.SackPermitted();
      case 4 -> {
        int maxBlocks = Math.max(1, Math.min(TcpOption.Sack.MAX_BLOCKS, (budget - 2) / 8));
        List<TcpOption.SackBlock> blocks = new ArrayList<>();
        for (int b = 1 + random.nextInt(maxBlocks); b > 0; b--) {
          blocks.add(new TcpOption.SackBlock(new SeqNum(random.nextInt()), new SeqNum(random.nextInt())));
        }
        yield new TcpOption.Sack(blocks);
      }
      case 5 -> new TcpOption.Timestamps(random.nextLong(1L << 32), random.nextLong(1L << 32));
      default -> {
        int kind;
        do {
          kind = random.nextInt(0x100);
        } while (isKnown(kind));
        int maxData = Math.max(0, Math.min(TcpOption.Unknown.MAX_DATA_LENGTH, budget - 2));
        yield new TcpOption.Unknown(kind, bytes(random, random.nextInt(maxData + 1)));
      }
    };
  }

  private static boolean isKnown(int kind) {
    for (int k : KNOWN_KINDS) {
      if (k == kind) {
        return true;
      }
    }
    return false;
  }
}
