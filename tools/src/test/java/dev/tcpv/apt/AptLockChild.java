package dev.tcpv.apt;

import java.nio.file.Path;

/** A second process for {@link AptLockTest}: takes the lock on the file named by its argument, says so, exits. */
final class AptLockChild {
  private AptLockChild() {}

  public static void main(String[] args) throws Exception {
    try (AptLock lock = AptLock.take(Path.of(args[0]))) {
      System.out.println(lock.held() ? "took" : "no lock");
    }
  }
}
