package dev.tcpv.tlc.child;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A private directory for the standard modules TLC extracts, one per JVM. TLC 2.18 copies each standard module it
 * parses ({@code Naturals.tla}, {@code Sequences.tla}, ...) out of its jar into {@code java.io.tmpdir} under the
 * module's own name ({@code util.SimpleFilenameToStream}, {@code FilenameToStream.TMPDIR}), overwriting the file
 * there, and deletes it when its JVM exits. Two JVMs that parse at once on one machine (two validations side by
 * side, shards of one, TLC runs in parallel) then read each other's half-written or deleted copies, and a parse
 * fails ("Module-Table lookup failure for module name ..."). {@link #isolate} points {@code java.io.tmpdir} at a
 * directory of this JVM's own before TLC first reads it (the JDK's own temporary files keep the directory it read
 * at start-up); {@link #childFlag} does the same for a TLC JVM started with TLC's own main class. The JVM that made
 * a directory deletes it, with whatever is left in it, when it exits: TLC's own deletion of its copies does not
 * happen in a child that is killed, and was seen not to happen in test JVMs either. A JVM killed outright runs
 * no deletion at all: each directory names the process that made it, and a new one sweeps away those of processes
 * that are gone ({@link #sweep}).
 */
public final class ModuleScratch {
  private static final String PREFIX = "tcpv-tlc-modules-";
  private static final Pattern OWNED = Pattern.compile(Pattern.quote(PREFIX) + "(\\d+)-.*");

  private static boolean isolated;

  private ModuleScratch() {}

  /** Gives this JVM a directory of its own for TLC's extracted modules; does nothing the second time. */
  public static synchronized void isolate() {
    if (!isolated) {
      System.setProperty("java.io.tmpdir", fresh().toString());
      isolated = true;
    }
  }

  /**
   * A {@code -Djava.io.tmpdir=} option naming a new directory, for a child JVM whose main class is TLC's own; the
   * child deletes the modules it extracts there, and this JVM the directory, when each exits.
   */
  public static String childFlag() {
    return "-Djava.io.tmpdir=" + fresh();
  }

  private static Path fresh() {
    try {
      Path dir = Files.createTempDirectory(PREFIX + ProcessHandle.current().pid() + "-");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir), "tcpv-tlc-modules-cleanup"));
      Path parent = dir.getParent();
      if (parent != null) {
        sweep(parent);
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make a directory for TLC's standard modules", e);
    }
  }

  /**
   * Deletes the module directories in {@code tmp} whose JVM is gone: a JVM killed outright runs no shutdown hook,
   * so its directory outlives it. A directory names the process that made it; one whose process still runs (or
   * whose number a new process has taken) is left alone.
   */
  public static void sweep(Path tmp) {
    try (Stream<Path> dirs = Files.list(tmp)) {
      for (Path d : dirs.toList()) {
        Matcher m = OWNED.matcher(String.valueOf(d.getFileName()));
        String pid = m.matches() ? m.group(1) : null;
        if (pid != null && Files.isDirectory(d) && !alive(pid)) {
          deleteTree(d);
        }
      }
    } catch (IOException | UncheckedIOException e) {
      // Nothing swept: the directories stay as they were, and this JVM's own is made all the same.
    }
  }

  private static boolean alive(String pid) {
    try {
      return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
    } catch (NumberFormatException e) {
      return true; // not a number this code wrote: not ours to delete
    }
  }

  /** Deletes {@code dir} and what is in it, as far as it can: at exit there is no one left to tell of a failure. */
  static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | UncheckedIOException e) {
      // Left behind, in java.io.tmpdir, under the tcpv-tlc-modules- prefix that names it.
    }
  }
}
