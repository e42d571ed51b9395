package dev.tcpv.tun;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The few C library calls a TUN device needs (open, ioctl, read, write, poll, eventfd, close), bound through the
 * Foreign Function and Memory API: no JNI and nothing to build. Each call captures {@code errno}; a failure is an
 * {@link IOException} naming the call and {@code strerror(errno)}. Linux on x86-64 and aarch64 (the constants
 * below are the kernel's generic ones, the same on both).
 */
final class Libc {
  private Libc() {}

  /** {@code O_RDWR}. */
  static final int O_RDWR = 2;
  /** {@code O_NONBLOCK}. */
  static final int O_NONBLOCK = 0x800;
  /** {@code O_CLOEXEC}. */
  static final int O_CLOEXEC = 0x80000;
  /** {@code EFD_NONBLOCK}, {@code EFD_CLOEXEC}: the same bits as the O_ flags. */
  static final int EFD_NONBLOCK = O_NONBLOCK;
  static final int EFD_CLOEXEC = O_CLOEXEC;
  /** {@code POLLIN}. */
  static final short POLLIN = 1;
  /** {@code EINTR}: a signal interrupted the call; try again. */
  static final int EINTR = 4;
  /** {@code EAGAIN}: nothing to read now on a non-blocking descriptor. */
  static final int EAGAIN = 11;
  /** {@code TUNSETIFF}, {@code _IOW('T', 202, int)} (linux/if_tun.h). */
  static final long TUNSETIFF = 0x400454caL;
  /** {@code IFF_TUN}: IP packets, no link-layer header. */
  static final short IFF_TUN = 0x0001;
  /** {@code IFF_NO_PI}: no 4-octet packet-information prefix; each read or write is one bare IP packet. */
  static final short IFF_NO_PI = 0x1000;
  /** {@code sizeof(struct ifreq)} on 64-bit Linux: a 16-octet name and a 24-octet union. */
  static final int IFREQ_SIZE = 40;
  /** {@code IFNAMSIZ}, the name's room including its terminating NUL. */
  static final int IFNAMSIZ = 16;
  /** {@code sizeof(struct pollfd)}: int fd, short events, short revents. */
  static final int POLLFD_SIZE = 8;

  private static final Linker LINKER = Linker.nativeLinker();
  private static final SymbolLookup LIBC = LINKER.defaultLookup();
  private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
  private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
  private static final Linker.Option ERRNO_OPTION = Linker.Option.captureCallState("errno");

  private static final MethodHandle OPEN = handle("open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT,
      JAVA_INT), ERRNO_OPTION, Linker.Option.firstVariadicArg(2));
  private static final MethodHandle IOCTL = handle("ioctl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG,
      ADDRESS), ERRNO_OPTION, Linker.Option.firstVariadicArg(2));
  private static final MethodHandle READ = handle("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS,
      JAVA_LONG), ERRNO_OPTION);
  private static final MethodHandle WRITE = handle("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS,
      JAVA_LONG), ERRNO_OPTION);
  private static final MethodHandle POLL = handle("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG,
      JAVA_INT), ERRNO_OPTION);
  private static final MethodHandle EVENTFD = handle("eventfd", FunctionDescriptor.of(JAVA_INT, JAVA_INT,
      JAVA_INT), ERRNO_OPTION);
  private static final MethodHandle CLOSE = handle("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT),
      ERRNO_OPTION);
  private static final MethodHandle STRERROR = handle("strerror", FunctionDescriptor.of(ADDRESS, JAVA_INT));

  // Restricted by design: a downcall's signature cannot be checked against the C function. Each descriptor above
  // is the function's prototype from its man page (open(2), ioctl(2), read(2), write(2), poll(2), eventfd(2),
  // close(2), strerror(3)) for LP64 Linux: int as JAVA_INT, size_t/ssize_t/nfds_t/unsigned long as JAVA_LONG.
  @SuppressWarnings("restricted")
  private static MethodHandle handle(String name, FunctionDescriptor d, Linker.Option... options) {
    MemorySegment symbol = LIBC.find(name).orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name));
    return LINKER.downcallHandle(symbol, d, options);
  }

  /** A place for one call's captured {@code errno}, in {@code arena}. */
  static MemorySegment errnoSlot(Arena arena) {
    return arena.allocate(CAPTURE);
  }

  /** The {@code errno} a call left in {@code slot}. */
  static int errno(MemorySegment slot) {
    return (int) ERRNO.get(slot, 0L);
  }

  /** {@code strerror(errno)}, e.g. "No such file or directory". */
  // Restricted by design: the returned pointer has no size. strerror returns a NUL-terminated message of glibc's
  // table, all shorter than 256 octets, and getString stops at the NUL.
  @SuppressWarnings("restricted")
  static String describe(int errno) {
    try {
      // invokeWithArguments, not invokeExact: the Checker Framework 4.4 crashes on a signature-polymorphic call
      // whose one argument is a primitive (typetools/checker-framework#7806); this path is not hot.
      MemorySegment s = (MemorySegment) STRERROR.invokeWithArguments(errno);
      // strerror returns a NUL-terminated string of unknown length; 256 octets bound every glibc message.
      return s.reinterpret(256).getString(0);
    } catch (Throwable t) {
      return "errno " + errno;
    }
  }

  private static IOException failure(String call, MemorySegment slot) {
    int e = errno(slot);
    return new IOException(call + ": " + describe(e) + " (errno " + e + ")");
  }

  /** {@code open(path, flags)}. */
  static int open(String path, int flags) throws IOException {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment slot = errnoSlot(a);
      int fd = (int) OPEN.invokeExact(slot, a.allocateFrom(path), flags, 0);
      if (fd < 0) {
        throw failure("open " + path, slot);
      }
      return fd;
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /**
   * {@code ioctl(fd, TUNSETIFF, &ifr)} with {@code ifr_name = name} and {@code ifr_flags = flags}: attaches
   * {@code fd} to the TUN device {@code name}, creating it when it does not exist (CAP_NET_ADMIN).
   */
  static void tunSetIff(int fd, String name, short flags) throws IOException {
    byte[] n = checkInterfaceName(name);
    try (Arena a = Arena.ofConfined()) {
      MemorySegment ifr = a.allocate(IFREQ_SIZE);
      MemorySegment.copy(n, 0, ifr, java.lang.foreign.ValueLayout.JAVA_BYTE, 0, n.length);
      ifr.set(JAVA_SHORT, IFNAMSIZ, flags);
      MemorySegment slot = errnoSlot(a);
      int r = (int) IOCTL.invokeExact(slot, fd, TUNSETIFF, ifr);
      if (r < 0) {
        throw failure("ioctl TUNSETIFF " + name, slot);
      }
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /**
   * The octets of interface name {@code name}, or an IOException when Linux would refuse it: 1 to 15 characters
   * of printable ASCII without '/', ':' or white space (net/core/dev.c, dev_valid_name).
   */
  static byte[] checkInterfaceName(String name) throws IOException {
    boolean ok = !name.isEmpty() && name.length() < IFNAMSIZ && !name.equals(".") && !name.equals("..");
    for (int i = 0; ok && i < name.length(); i++) {
      char c = name.charAt(i);
      ok = c > ' ' && c < 0x7F && c != '/' && c != ':';
    }
    if (!ok) {
      throw new IOException("not an interface name (1 to " + (IFNAMSIZ - 1) + " printable ASCII characters "
          + "without '/', ':' or spaces): \"" + name + "\"");
    }
    return name.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  /** {@code read(fd, buf, buf.byteSize())}: the octets read, or -1 when a non-blocking fd has none (EAGAIN). */
  static long read(int fd, MemorySegment buf, MemorySegment slot) throws IOException {
    try {
      while (true) {
        long n = (long) READ.invokeExact(slot, fd, buf, buf.byteSize());
        if (n >= 0) {
          return n;
        }
        int e = errno(slot);
        if (e == EAGAIN) {
          return -1;
        }
        if (e != EINTR) {
          throw failure("read", slot);
        }
      }
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /** {@code write(fd, buf, length)}; a short write of a datagram device is an error. */
  static void write(int fd, MemorySegment buf, long length, MemorySegment slot) throws IOException {
    try {
      while (true) {
        long n = (long) WRITE.invokeExact(slot, fd, buf, length);
        if (n == length) {
          return;
        }
        if (n >= 0) {
          throw new IOException("write: " + n + " of " + length + " octets written");
        }
        if (errno(slot) != EINTR) {
          throw failure("write", slot);
        }
      }
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /** {@code poll(fds, count, timeoutMillis)}: how many descriptors are ready (0 on timeout or a signal). */
  static int poll(MemorySegment fds, int count, int timeoutMillis, MemorySegment slot) throws IOException {
    try {
      int r = (int) POLL.invokeExact(slot, fds, (long) count, timeoutMillis);
      if (r < 0) {
        if (errno(slot) == EINTR) {
          return 0;
        }
        throw failure("poll", slot);
      }
      return r;
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /** {@code eventfd(0, flags)}. */
  static int eventfd(int flags) throws IOException {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment slot = errnoSlot(a);
      int fd = (int) EVENTFD.invokeExact(slot, 0, flags);
      if (fd < 0) {
        throw failure("eventfd", slot);
      }
      return fd;
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /** {@code close(fd)}; an error is ignored (the descriptor is gone either way on Linux). */
  static void close(int fd) {
    try (Arena a = Arena.ofConfined()) {
      int ignored = (int) CLOSE.invokeExact(errnoSlot(a), fd);
    } catch (Throwable t) {
      // close(2) releases the descriptor even when it reports an error; nothing to undo
    }
  }
}
