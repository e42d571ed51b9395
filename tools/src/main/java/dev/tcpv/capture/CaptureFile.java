package dev.tcpv.capture;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A packet capture read into memory: libpcap (microsecond or nanosecond timestamps, either byte order) or pcapng
 * (any number of sections and interfaces, each interface with its own link type and timestamp resolution).
 * Frames are numbered from 1 in file order, as Wireshark numbers them; a record that is not a packet (a pcapng
 * block of another kind) is not a frame.
 *
 * <p>Bad input is refused with one line naming the file and the byte offset ({@link CaptureFormatException}): an
 * unknown magic number, a header or a record cut short, a record length beyond the file or the snap length's
 * sanity limit, a pcapng block whose two length fields differ. A file that ends inside a record is refused, not
 * read up to the cut: a capture whose tail is lost would validate as a connection that stops.
 *
 * @param name the file, for messages
 * @param frames the packets, in file order
 */
public record CaptureFile(String name, List<Frame> frames) {

  /** Copies the list. */
  public CaptureFile {
    frames = List.copyOf(frames);
  }

  /**
   * One captured packet.
   *
   * @param number its frame number (1 for the first packet of the file)
   * @param micros its timestamp, in microseconds since the epoch (or since whatever the capture's clock started at)
   * @param linkType its interface's link type (LINKTYPE_* of the tcpdump registry)
   * @param data the octets captured (at most the snap length)
   * @param origLen the packet's length on the wire
   */
  public record Frame(int number, long micros, int linkType, byte[] data, int origLen) {
    /** Copies the octets. */
    public Frame {
      data = data.clone();
    }

    @Override
    public byte[] data() {
      return data.clone();
    }

    /** The octets, not copied: for decoders that only read. */
    ByteBuffer view() {
      return ByteBuffer.wrap(data).asReadOnlyBuffer().order(ByteOrder.BIG_ENDIAN);
    }
  }

  /** libpcap magic numbers (as read in the file's own byte order). */
  private static final int PCAP_MICROS = 0xA1B2C3D4;
  private static final int PCAP_NANOS = 0xA1B23C4D;
  /** pcapng's Section Header Block type and byte-order magic. */
  private static final int SHB = 0x0A0D0D0A;
  private static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
  private static final int IDB = 1;
  private static final int OBSOLETE_PB = 2;
  private static final int SPB = 3;
  private static final int EPB = 6;
  /** The most octets one record may claim: larger is a corrupt length, not a packet. */
  static final int MAX_RECORD = 1 << 18;

  /**
   * Whether {@code head} (the first bytes of a file) is a libpcap or pcapng file.
   */
  public static boolean isCapture(byte[] head) {
    if (head.length < 4) {
      return false;
    }
    int be = ByteBuffer.wrap(head, 0, 4).order(ByteOrder.BIG_ENDIAN).getInt();
    int le = ByteBuffer.wrap(head, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    return be == SHB || be == PCAP_MICROS || be == PCAP_NANOS || le == PCAP_MICROS || le == PCAP_NANOS;
  }

  /** Reads a capture from its octets; {@code name} is for messages. */
  public static CaptureFile read(byte[] bytes, String name) throws CaptureFormatException {
    if (bytes.length < 4) {
      throw new CaptureFormatException(name + ": not a packet capture (" + bytes.length + " octets)");
    }
    ByteBuffer b = ByteBuffer.wrap(bytes);
    int magic = b.order(ByteOrder.BIG_ENDIAN).getInt(0);
    if (magic == SHB) {
      return new CaptureFile(name, pcapng(b, name));
    }
    int le = b.order(ByteOrder.LITTLE_ENDIAN).getInt(0);
    if (le == PCAP_MICROS || le == PCAP_NANOS) {
      return new CaptureFile(name, pcap(b.order(ByteOrder.LITTLE_ENDIAN), le == PCAP_NANOS, name));
    }
    if (magic == PCAP_MICROS || magic == PCAP_NANOS) {
      return new CaptureFile(name, pcap(b.order(ByteOrder.BIG_ENDIAN), magic == PCAP_NANOS, name));
    }
    throw new CaptureFormatException(String.format("%s: not a pcap or pcapng file (magic number 0x%08x)", name,
        magic));
  }

  private static List<Frame> pcap(ByteBuffer b, boolean nanos, String name) throws CaptureFormatException {
    if (b.capacity() < 24) {
      throw new CaptureFormatException(name + ": the pcap file header is cut short (" + b.capacity()
          + " of 24 octets)");
    }
    int major = Short.toUnsignedInt(b.getShort(4));
    if (major != 2) {
      throw new CaptureFormatException(name + ": pcap version " + major + "." + Short.toUnsignedInt(b.getShort(6))
          + " is not supported (2.4 is)");
    }
    // The upper bits of the link-type field hold the FCS length and flags (pcap-linktype(7)).
    int linkType = b.getInt(20) & 0x0FFF_FFFF;
    List<Frame> frames = new ArrayList<>();
    int at = 24;
    while (at < b.capacity()) {
      if (b.capacity() - at < 16) {
        throw new CaptureFormatException(name + ": record " + (frames.size() + 1) + " at offset " + at
            + ": its header is cut short (the file ends " + (b.capacity() - at) + " octets into 16)");
      }
      long sec = Integer.toUnsignedLong(b.getInt(at));
      long frac = Integer.toUnsignedLong(b.getInt(at + 4));
      int incl = b.getInt(at + 8);
      int orig = b.getInt(at + 12);
      if (incl < 0 || incl > MAX_RECORD) {
        throw new CaptureFormatException(name + ": record " + (frames.size() + 1) + " at offset " + at
            + ": captured length " + Integer.toUnsignedString(incl) + " is not a packet's");
      }
      if (b.capacity() - at - 16 < incl) {
        throw new CaptureFormatException(name + ": record " + (frames.size() + 1) + " at offset " + at
            + ": cut short (" + incl + " octets captured, the file ends " + (b.capacity() - at - 16) + " in)");
      }
      if ((nanos ? frac >= 1_000_000_000L : frac >= 1_000_000L)) {
        throw new CaptureFormatException(name + ": record " + (frames.size() + 1) + " at offset " + at
            + ": timestamp fraction " + frac + " is not a fraction of a second");
      }
      long micros = sec * 1_000_000L + (nanos ? frac / 1000 : frac);
      byte[] data = new byte[incl];
      b.get(at + 16, data);
      frames.add(new Frame(frames.size() + 1, micros, linkType, data, Math.max(incl, orig)));
      at += 16 + incl;
    }
    return frames;
  }

  /** An interface of a pcapng section: its link type and how many of its timestamp units make a second. */
  private record Interface(int linkType, long unitsPerSecond) {}

  private static List<Frame> pcapng(ByteBuffer b, String name) throws CaptureFormatException {
    List<Frame> frames = new ArrayList<>();
    List<Interface> interfaces = new ArrayList<>();
    int at = 0;
    while (at < b.capacity()) {
      if (b.capacity() - at < 12) {
        throw new CaptureFormatException(name + ": block at offset " + at + ": cut short (the file ends "
            + (b.capacity() - at) + " octets into its 12-octet frame)");
      }
      int type = b.getInt(at);
      if (type == SHB) {
        // The byte-order magic follows the length; the section's byte order is the one in which it reads right.
        int bom = b.order(ByteOrder.BIG_ENDIAN).getInt(at + 8);
        if (bom == BYTE_ORDER_MAGIC) {
          b.order(ByteOrder.BIG_ENDIAN);
        } else if (Integer.reverseBytes(bom) == BYTE_ORDER_MAGIC) {
          b.order(ByteOrder.LITTLE_ENDIAN);
        } else {
          throw new CaptureFormatException(String.format("%s: section header at offset %d: byte-order magic"
              + " 0x%08x is not pcapng's", name, at, bom));
        }
        interfaces.clear();
      }
      int len = b.getInt(at + 4);
      if (len < 12 || len % 4 != 0 || len > b.capacity() - at) {
        throw new CaptureFormatException(name + ": block at offset " + at + ": length "
            + Integer.toUnsignedString(len) + (len > b.capacity() - at ? " runs past the end of the file"
            : " is not a block's (a multiple of 4, at least 12)"));
      }
      if (b.getInt(at + len - 4) != len) {
        throw new CaptureFormatException(name + ": block at offset " + at + ": its trailing length "
            + Integer.toUnsignedString(b.getInt(at + len - 4)) + " differs from its leading " + len);
      }
      switch (type) {
        case IDB -> interfaces.add(idb(b, at, len, name));
        case EPB, OBSOLETE_PB -> frames.add(epb(b, at, len, type, interfaces, frames.size() + 1, name));
        case SPB -> {
          // A simple packet block carries no timestamp: a capture of them cannot be checked against timers.
          throw new CaptureFormatException(name + ": block at offset " + at
              + ": a simple packet block has no timestamp; timers cannot be judged without one");
        }
        default -> {
          // Name resolution, statistics, custom and other blocks say nothing of the packets' order or times.
        }
      }
      at += len;
    }
    return frames;
  }

  private static Interface idb(ByteBuffer b, int at, int len, String name) throws CaptureFormatException {
    if (len < 20) {
      throw new CaptureFormatException(name + ": interface block at offset " + at + ": cut short (" + len
          + " octets)");
    }
    int linkType = Short.toUnsignedInt(b.getShort(at + 8));
    long units = 1_000_000L;
    // Options: code, length, value padded to 4; if_tsresol (9) sets the timestamp resolution.
    int o = at + 16;
    int end = at + len - 4;
    while (end - o >= 4) {
      int code = Short.toUnsignedInt(b.getShort(o));
      int olen = Short.toUnsignedInt(b.getShort(o + 2));
      if (code == 0 || end - o - 4 < olen) {
        break;
      }
      if (code == 9 && olen >= 1) {
        int r = b.get(o + 4) & 0xFF;
        int exp = r & 0x7F;
        boolean binary = (r & 0x80) != 0;
        if (binary ? exp > 62 : exp > 18) {
          throw new CaptureFormatException(name + ": interface block at offset " + at + ": timestamp resolution "
              + (binary ? "2^-" : "10^-") + exp + " is beyond what a 64-bit clock counts");
        }
        units = binary ? 1L << exp : pow10(exp);
      }
      o += 4 + (olen + 3) / 4 * 4;
    }
    return new Interface(linkType, units);
  }

  private static long pow10(int e) {
    long v = 1;
    for (int i = 0; i < e; i++) {
      v *= 10;
    }
    return v;
  }

  private static Frame epb(ByteBuffer b, int at, int len, int type, List<Interface> interfaces, int number,
      String name) throws CaptureFormatException {
    if (len < 32) {
      throw new CaptureFormatException(name + ": packet block at offset " + at + ": cut short (" + len
          + " octets)");
    }
    int ifc = type == EPB ? b.getInt(at + 8) : Short.toUnsignedInt(b.getShort(at + 8));
    if (ifc < 0 || ifc >= interfaces.size()) {
      throw new CaptureFormatException(name + ": frame " + number + " at offset " + at + ": interface "
          + Integer.toUnsignedString(ifc) + " is not described (" + interfaces.size() + " interface block(s))");
    }
    Interface i = interfaces.get(ifc);
    long ts = (Integer.toUnsignedLong(b.getInt(at + 12)) << 32) | Integer.toUnsignedLong(b.getInt(at + 16));
    int incl = b.getInt(at + 20);
    int orig = b.getInt(at + 24);
    if (incl < 0 || incl > MAX_RECORD || incl > len - 32) {
      throw new CaptureFormatException(name + ": frame " + number + " at offset " + at + ": captured length "
          + Integer.toUnsignedString(incl) + " does not fit its block of " + len + " octets");
    }
    byte[] data = new byte[incl];
    b.get(at + 28, data);
    long micros = micros(ts, i.unitsPerSecond());
    return new Frame(number, micros, i.linkType(), data, orig < 0 ? incl : Math.max(incl, orig));
  }

  /** {@code ts} units of {@code perSecond} per second, in microseconds (without overflow for any 64-bit ts). */
  private static long micros(long ts, long perSecond) {
    if (perSecond == 1_000_000L) {
      return ts;
    }
    long sec = Long.divideUnsigned(ts, perSecond);
    long rest = Long.remainderUnsigned(ts, perSecond);
    return sec * 1_000_000L + (long) ((double) rest * 1_000_000.0 / perSecond);
  }
}
