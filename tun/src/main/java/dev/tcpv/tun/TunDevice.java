package dev.tcpv.tun;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A Linux TUN device ({@code /dev/net/tun}, {@code IFF_TUN | IFF_NO_PI}): every read returns one IP packet the
 * kernel routed to the device, every write hands the kernel one IP packet as if it had arrived on it. The device
 * is created in the network namespace of the calling thread when it does not exist, and is not persistent: it
 * disappears with the last descriptor, so {@link #close} (or the process's exit) leaves nothing behind.
 *
 * <p>Reads are non-blocking; wait with {@link EventLoop}'s poll. One thread uses a device at a time: its buffers
 * are confined to the thread that opened it.
 */
public final class TunDevice implements AutoCloseable {
  /** The largest IP packet a TUN device carries (its MTU may be at most 65,535). */
  public static final int MAX_PACKET = 65_535;

  private final String name;
  private final int fd;
  private final Arena arena = Arena.ofConfined();
  private final MemorySegment buffer = arena.allocate(MAX_PACKET);
  private final MemorySegment errno = Libc.errnoSlot(arena);
  private boolean closed;

  private TunDevice(String name, int fd) {
    this.name = name;
    this.fd = fd;
  }

  /**
   * Opens (creating if needed) the TUN device {@code name} in the calling thread's network namespace.
   *
   * @throws IOException when {@code /dev/net/tun} is missing or the caller lacks CAP_NET_ADMIN, with the reason
   */
  public static TunDevice open(String name) throws IOException {
    Libc.checkInterfaceName(name);
    int fd = Libc.open("/dev/net/tun", Libc.O_RDWR | Libc.O_NONBLOCK | Libc.O_CLOEXEC);
    try {
      Libc.tunSetIff(fd, name, (short) (Libc.IFF_TUN | Libc.IFF_NO_PI));
    } catch (IOException e) {
      Libc.close(fd);
      throw e;
    }
    return new TunDevice(name, fd);
  }

  /** The device's name, e.g. {@code tun0}. */
  public String name() {
    return name;
  }

  /** The file descriptor, for poll. */
  int fd() {
    return fd;
  }

  /** The next packet the kernel sent to the device, or null when there is none now. */
  public byte @org.jspecify.annotations.Nullable [] read() throws IOException {
    long n = Libc.read(fd, buffer, errno);
    if (n < 0) {
      return null;
    }
    return buffer.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE);
  }

  /** Hands the kernel {@code packet}, one whole IPv4 or IPv6 packet, as arriving on the device. */
  public void write(byte[] packet) throws IOException {
    if (packet.length > MAX_PACKET) {
      throw new IOException("packet of " + packet.length + " octets is larger than a TUN device carries");
    }
    MemorySegment.copy(packet, 0, buffer, ValueLayout.JAVA_BYTE, 0, packet.length);
    Libc.write(fd, buffer, packet.length, errno);
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      Libc.close(fd);
      arena.close();
    }
  }
}
