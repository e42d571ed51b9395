package dev.tcpv.tun;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The FFM bindings against the real C library, on files and an eventfd (a TUN device needs root and a namespace:
 * the interop stage opens one).
 */
class LibcTest {

  @Test
  void aFailedCallNamesItsErrno(@TempDir Path dir) {
    IOException e = assertThrows(IOException.class,
        () -> Libc.open(dir.resolve("missing").toString(), Libc.O_RDWR));
    assertEquals("open " + dir.resolve("missing") + ": No such file or directory (errno 2)", e.getMessage());
  }

  @Test
  void readAndWriteMoveTheOctetsGiven(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("f");
    Files.writeString(f, "");
    int fd = Libc.open(f.toString(), Libc.O_RDWR);
    try (Arena a = Arena.ofConfined()) {
      MemorySegment errno = Libc.errnoSlot(a);
      MemorySegment out = a.allocateFrom("tcpv");
      Libc.write(fd, out, 4, errno);
    } finally {
      Libc.close(fd);
    }
    assertEquals("tcpv", Files.readString(f));
    fd = Libc.open(f.toString(), Libc.O_RDWR);
    try (Arena a = Arena.ofConfined()) {
      MemorySegment in = a.allocate(16);
      long n = Libc.read(fd, in, Libc.errnoSlot(a));
      assertEquals(4, n);
      assertArrayEquals("tcpv".getBytes(StandardCharsets.US_ASCII),
          in.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE));
    } finally {
      Libc.close(fd);
    }
  }

  @Test
  void anEmptyEventfdReadsNothingAndPollWaitsForIt() throws IOException {
    int fd = Libc.eventfd(Libc.EFD_NONBLOCK | Libc.EFD_CLOEXEC);
    try (Arena a = Arena.ofConfined()) {
      MemorySegment errno = Libc.errnoSlot(a);
      MemorySegment counter = a.allocate(8);
      assertEquals(-1, Libc.read(fd, counter, errno), "EAGAIN: nothing to read");
      MemorySegment fds = a.allocate(Libc.POLLFD_SIZE);
      fds.set(ValueLayout.JAVA_INT, 0, fd);
      fds.set(ValueLayout.JAVA_SHORT, 4, Libc.POLLIN);
      assertEquals(0, Libc.poll(fds, 1, 0, errno), "not ready");
      counter.set(ValueLayout.JAVA_LONG, 0, 3L);
      Libc.write(fd, counter, 8, errno);
      assertEquals(1, Libc.poll(fds, 1, 1000, errno), "ready once written");
      assertEquals(8, Libc.read(fd, counter, errno));
      assertEquals(3L, counter.get(ValueLayout.JAVA_LONG, 0));
    } finally {
      Libc.close(fd);
    }
  }

  @Test
  void interfaceNamesAreCheckedAsLinuxChecksThem() throws IOException {
    assertArrayEquals("tun0".getBytes(StandardCharsets.US_ASCII), Libc.checkInterfaceName("tun0"));
    Libc.checkInterfaceName("a234567890abcde");
    for (String bad : new String[] {"", "a234567890abcdef", "tun 0", "tun/0", "tun:0", ".", "..", "tün"}) {
      IOException e = assertThrows(IOException.class, () -> TunDevice.open(bad), bad);
      String m = String.valueOf(e.getMessage());
      assertTrue(m.startsWith("not an interface name"), m);
    }
  }

  @Test
  void strerrorDescribesAnErrno() {
    assertEquals("No such file or directory", Libc.describe(2));
    assertEquals("Resource temporarily unavailable", Libc.describe(Libc.EAGAIN));
  }
}
