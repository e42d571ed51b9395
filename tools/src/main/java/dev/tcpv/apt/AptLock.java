package dev.tcpv.apt;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jspecify.annotations.Nullable;

/**
 * One installer at a time on this machine. Two processes that each find a package missing (two test JVMs side by
 * side, a test and a stage) would otherwise both run {@code apt-get}, and the second fail on dpkg's lock, or use
 * a tool the first is still installing. Each takes this lock, then looks again for what is missing, then installs.
 *
 * <p>An advisory lock on a file of a fixed name in {@code /tmp} (not {@code java.io.tmpdir}, which each JVM that
 * runs TLC points at a directory of its own). Only root installs; a process that cannot open the file (another
 * user's) holds no lock, which costs nothing, since it does not install either.
 */
public final class AptLock implements AutoCloseable {
  /** The lock file. */
  private static final Path FILE = Path.of("/tmp", "tcpv-apt.lock");

  private final @Nullable FileChannel channel;
  private final @Nullable FileLock lock;

  private AptLock(@Nullable FileChannel channel, @Nullable FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Waits until no other process of this machine holds the lock, and takes it. */
  public static AptLock take() throws IOException {
    return take(FILE);
  }

  static AptLock take(Path file) throws IOException {
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      return new AptLock(null, null);
    }
    try {
      return new AptLock(channel, channel.lock());
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** Whether this process holds the lock (false when the file could not be opened). */
  boolean held() {
    return lock != null && lock.isValid();
  }

  @Override
  public void close() throws IOException {
    if (lock != null) {
      lock.release();
    }
    if (channel != null) {
      channel.close();
    }
  }
}
