package dev.tcpv.report.site;

import dev.tcpv.apt.AptLock;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Debian's Chromium and its chromedriver, which the browser checks drive: found at {@code /usr/bin/chromium} and
 * {@code /usr/bin/chromedriver}, and installed with {@code apt-get} (packages {@code chromium} and
 * {@code chromium-driver}) when either is missing and the process runs as root. When not root, the answer says what
 * to install.
 */
public final class Chromium {
  /** Where Debian's package {@code chromium} puts the browser. */
  public static final Path BROWSER = Path.of("/usr/bin/chromium");
  /** Where Debian's package {@code chromium-driver} puts the driver. */
  public static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  /** The Debian packages that provide them. */
  public static final List<String> PACKAGES = List.of("chromium", "chromium-driver");

  private static final long APT_TIMEOUT_MINUTES = 20;
  private static final Apt SYSTEM_APT = new Apt(Chromium::run);
  private static @Nullable Missing failed;

  private Chromium() {}

  /** The answer of {@link #obtain}: the two programs, or why they cannot be had. */
  public sealed interface Lookup permits Found, Missing {}

  /** The browser and its driver, both present. */
  public record Found(Path browser, Path driver) implements Lookup {}

  /** Why the browser or its driver is missing, in one line that says what to install. */
  public record Missing(String reason) implements Lookup {}

  /** Runs one command with its output appended to a log; answers its exit status. */
  @FunctionalInterface
  interface Runner {
    int run(List<String> command, Path log) throws IOException, InterruptedException;
  }

  /** apt-get through a runner, remembering whether its package lists were updated. */
  static final class Apt {
    private final Runner runner;
    private boolean updated;

    Apt(Runner runner) {
      this.runner = runner;
    }
  }

  /**
   * Finds Debian's Chromium and chromedriver, installing them with {@code apt-get update} (once per process) and
   * {@code apt-get install -y chromium chromium-driver} when either is missing and this process runs as root. The
   * install is announced in one line through {@code say}; its output goes to {@code aptLog}. A failed install is not
   * tried again in the same process.
   */
  public static synchronized Lookup obtain(Path aptLog, Consumer<String> say) {
    Missing before = failed;
    if (before != null) {
      return before;
    }
    Lookup lookup = obtain(BROWSER, DRIVER, runsAsRoot(), SYSTEM_APT, aptLog, say);
    if (lookup instanceof Missing missing) {
      failed = missing;
    }
    return lookup;
  }

  /** {@link #obtain(Path, Consumer)} with the paths, the user and apt-get given. */
  static Lookup obtain(Path browser, Path driver, boolean root, Apt apt, Path aptLog, Consumer<String> say) {
    List<Path> missing = missing(browser, driver);
    if (missing.isEmpty()) {
      return new Found(browser, driver);
    }
    String packages = String.join(" ", PACKAGES);
    if (!root) {
      return new Missing(what(missing) + " missing: install Debian's packages " + packages
          + " (as root: apt-get install -y " + packages + ")");
    }
    // Another process may be installing them now: wait for it, then look again.
    try (AptLock _ = AptLock.take()) {
      if (missing(browser, driver).isEmpty()) {
        return new Found(browser, driver);
      }
      say.accept("installing " + packages + " with apt-get for the browser checks (log: " + aptLog + ")");
      Path folder = aptLog.toAbsolutePath().getParent();
      if (folder != null) {
        Files.createDirectories(folder);
      }
      if (!apt.updated) {
        int status = apt.runner.run(List.of("apt-get", "update"), aptLog);
        if (status != 0) {
          return new Missing("apt-get update failed (" + exit(status) + "), see " + aptLog);
        }
        apt.updated = true;
      }
      List<String> install = new ArrayList<>(List.of("apt-get", "install", "-y"));
      install.addAll(PACKAGES);
      int status = apt.runner.run(install, aptLog);
      if (status != 0) {
        return new Missing("apt-get install -y " + packages + " failed (" + exit(status) + "), see " + aptLog);
      }
    } catch (IOException e) {
      return new Missing("apt-get could not run: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Missing("apt-get interrupted");
    }
    List<Path> still = missing(browser, driver);
    return still.isEmpty()
        ? new Found(browser, driver)
        : new Missing(what(still) + " still missing after apt-get install -y " + packages + ", see " + aptLog);
  }

  private static String exit(int status) {
    return status < 0 ? "timed out after " + APT_TIMEOUT_MINUTES + " min" : "exit " + status;
  }

  private static List<Path> missing(Path browser, Path driver) {
    return List.of(browser, driver).stream().filter(p -> !Files.isExecutable(p)).toList();
  }

  private static String what(List<Path> missing) {
    return String.join(" and ", missing.stream().map(Path::toString).toList());
  }

  /** Whether this process's effective user is root, from {@code /proc/self/status}; false when that is unreadable. */
  static boolean runsAsRoot() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Uid:")) {
          String[] fields = line.substring(4).strip().split("\\s+");
          return fields.length > 1 && fields[1].equals("0");
        }
      }
    } catch (IOException e) {
      return false;
    }
    return false;
  }

  /** Runs a command with no input, its output and errors appended to {@code log}; answers its exit status. */
  static int run(List<String> command, Path log) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
    Process process = builder.start();
    if (!process.waitFor(APT_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      process.waitFor();
      return -1;
    }
    return process.exitValue();
  }
}
