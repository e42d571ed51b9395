package dev.tcpv.apt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AptLockTest {

  @Test
  @DisplayName("a second process waits while the lock is held and takes it once it is released")
  void aSecondProcessWaits(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("apt.lock");
    String java = ProcessHandle.current().info().command()
        .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
    Process child;
    try (AptLock lock = AptLock.take(file)) {
      assertTrue(lock.held());
      child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), AptLockChild.class.getName(),
          file.toString()).redirectErrorStream(true).start();
      // The child has started and is blocked on the lock, not merely slow to start: it has not exited.
      assertFalse(child.waitFor(3, TimeUnit.SECONDS), "the child took a held lock");
    }
    assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child never took the released lock");
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      assertEquals("took", out.readLine());
    }
    assertEquals(0, child.exitValue());
  }

  @Test
  @DisplayName("a file that cannot be opened gives no lock and no error")
  void anUnopenableFileGivesNoLock(@TempDir Path dir) throws Exception {
    try (AptLock lock = AptLock.take(dir)) {
      assertFalse(lock.held());
    }
  }
}
