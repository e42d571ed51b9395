package dev.tcpv.report.site;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The checks of a generated site in a real browser: Debian's Chromium, headless, driven through its chromedriver by
 * Selenium. Every page is opened from disk ({@code file://}) in one browser session; for each, the browser's console
 * errors (level SEVERE, which includes every resource that failed to load) are problems, and so is horizontal
 * overflow at a phone's viewport ({@value #NARROW_WIDTH} x {@value #NARROW_HEIGHT}) or a desktop's
 * ({@value #WIDE_WIDTH} x {@value #WIDE_HEIGHT}), and a body whose text cannot be selected. Screenshots of chosen
 * pages are taken at both widths, the whole page down to {@value #MAX_SHOT_HEIGHT} pixels.
 *
 * <p>The browser runs with a fresh profile in a temporary folder, deleted afterwards, and is quit whatever happens.
 * The driver's path is given to Selenium, so it never looks for a driver of its own.
 */
public final class BrowserCheck {
  /** The phone's viewport, in CSS pixels. */
  public static final int NARROW_WIDTH = 390;
  /** The phone's viewport height. */
  public static final int NARROW_HEIGHT = 844;
  /** The desktop's viewport, in CSS pixels. */
  public static final int WIDE_WIDTH = 1280;
  /** The desktop's viewport height. */
  public static final int WIDE_HEIGHT = 900;
  /** Screenshots stop at this height, in pixels. */
  public static final int MAX_SHOT_HEIGHT = 12_000;

  private static final List<Viewport> VIEWPORTS =
      List.of(new Viewport(NARROW_WIDTH, NARROW_HEIGHT), new Viewport(WIDE_WIDTH, WIDE_HEIGHT));
  private static final int MAX_MESSAGE = 300;
  /** The start of a run's temporary folder, followed by the JVM's pid; Chromium's command lines name the folder. */
  public static final String SCRATCH_PREFIX = "tcpv-chromium-";
  /** Selenium's own logger, kept here so that its level holds: it warns about DevTools versions, unused here. */
  private static final Logger SELENIUM_LOG = Logger.getLogger("org.openqa.selenium");

  private BrowserCheck() {}

  /** The problems found, one line each, and the screenshots written. */
  public record Result(List<String> problems, List<Path> screenshots) {
    /** Copies the lists. */
    public Result {
      problems = List.copyOf(problems);
      screenshots = List.copyOf(screenshots);
    }
  }

  private record Viewport(int width, int height) {}

  /**
   * Opens each of {@code pages} (and each of {@code screenshotPages}), paths relative to {@code siteRoot}, in
   * headless Chromium and checks it; writes PNG screenshots of {@code screenshotPages} at both widths into
   * {@code screenshotDir}, named after the page: {@code rule/R-TW-1.html} gives {@code rule_R-TW-1-390.png} and
   * {@code rule_R-TW-1-1280.png}.
   *
   * @throws IOException when the temporary profile or a screenshot cannot be written
   */
  public static Result run(Chromium.Found chromium, Path siteRoot, List<String> pages, List<String> screenshotPages,
      Path screenshotDir) throws IOException {
    Path root = siteRoot.toAbsolutePath().normalize();
    Set<String> visit = new LinkedHashSet<>(pages);
    visit.addAll(screenshotPages);
    Set<String> shoot = Set.copyOf(screenshotPages);
    if (!shoot.isEmpty()) {
      Files.createDirectories(screenshotDir);
    }
    List<String> problems = new ArrayList<>();
    List<Path> screenshots = new ArrayList<>();
    // Named after this JVM, so that a check of what a run left behind can tell its own processes from those of a
    // run beside it (a second test JVM, another checkout).
    Path scratch = Files.createTempDirectory(SCRATCH_PREFIX + ProcessHandle.current().pid() + "-");
    SELENIUM_LOG.setLevel(Level.SEVERE);
    // Chromium's crash handler keeps its reports under $XDG_CONFIG_HOME, whatever the profile: keep them here too.
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(chromium.driver().toFile())
        .usingAnyFreePort()
        .withEnvironment(Map.of("XDG_CONFIG_HOME", scratch.resolve("config").toString(),
            "XDG_CACHE_HOME", scratch.resolve("cache").toString()))
        .withLogOutput(OutputStream.nullOutputStream())
        .build();
    ChromeDriver driver = null;
    try {
      driver = new ChromeDriver(service, options(chromium, scratch.resolve("profile")));
      driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
      driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
      String rootUrl = root.toUri().toString();
      for (String page : visit) {
        Path file = root.resolve(page).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file)) {
          problems.add(page + ": no such page");
          continue;
        }
        try {
          checkPage(driver, page, file, rootUrl, shoot.contains(page) ? screenshotDir : null, problems, screenshots);
        } catch (WebDriverException e) {
          problems.add(page + ": the browser failed on it: " + oneLine(firstLine(e.getMessage()), rootUrl));
        }
      }
    } catch (WebDriverException e) {
      problems.add("chromium: could not be driven: " + firstLine(e.getMessage()));
    } finally {
      if (driver != null) {
        try {
          driver.quit();
        } catch (WebDriverException e) {
          problems.add("chromium: did not quit cleanly: " + firstLine(e.getMessage()));
        }
      }
      service.stop();
      endLeftovers(scratch);
      delete(scratch);
    }
    return new Result(problems, screenshots);
  }

  private static ChromeOptions options(Chromium.Found chromium, Path profile) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.browser().toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--allow-file-access-from-files", "--user-data-dir=" + profile,
        "--window-size=" + WIDE_WIDTH + "," + WIDE_HEIGHT);
    LoggingPreferences logging = new LoggingPreferences();
    logging.enable(LogType.BROWSER, Level.ALL);
    options.setCapability(ChromeOptions.LOGGING_PREFS, logging);
    return options;
  }

  private static void checkPage(ChromeDriver driver, String page, Path file, String rootUrl,
      @Nullable Path screenshotDir, List<String> problems, List<Path> screenshots) throws IOException {
    driver.manage().logs().get(LogType.BROWSER); // whatever the previous page left
    boolean loaded = false;
    for (Viewport viewport : VIEWPORTS) {
      setViewport(driver, viewport.width(), viewport.height());
      if (!loaded) {
        driver.get(file.toUri().toString());
        loaded = true;
      }
      long scrollWidth = number(driver.executeScript("return document.documentElement.scrollWidth;"));
      long innerWidth = number(driver.executeScript("return window.innerWidth;"));
      if (scrollWidth > innerWidth + 1) {
        problems.add(page + ": horizontal overflow at " + viewport.width() + " px wide (content " + scrollWidth
            + " px)");
      }
      if (screenshotDir != null) {
        screenshots.add(screenshot(driver, viewport, screenshotDir.resolve(shotName(page, viewport.width()))));
      }
    }
    Object userSelect = driver.executeScript(
        "return document.body ? getComputedStyle(document.body).userSelect : null;");
    if ("none".equals(userSelect)) {
      problems.add(page + ": text not selectable (body has user-select: none)");
    }
    for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
      if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
        problems.add(page + ": console error: " + oneLine(entry.getMessage(), rootUrl));
      }
    }
  }

  /** The CSS viewport set exactly (the window's size would include the browser's frame). */
  private static void setViewport(ChromeDriver driver, int width, int height) {
    driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
  }

  private static Path screenshot(ChromeDriver driver, Viewport viewport, Path png) throws IOException {
    long height = number(driver.executeScript(
        "return Math.max(document.documentElement.scrollHeight, document.body ? document.body.scrollHeight : 0);"));
    long shotHeight = Math.min(MAX_SHOT_HEIGHT, Math.max(viewport.height(), height));
    Map<String, Object> clip =
        Map.of("x", 0, "y", 0, "width", viewport.width(), "height", shotHeight, "scale", 1);
    Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot",
        Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
    Object data = shot.get("data");
    if (!(data instanceof String base64)) {
      throw new WebDriverException("no screenshot data");
    }
    Files.write(png, Base64.getDecoder().decode(base64));
    return png;
  }

  /** {@code rule/R-TW-1.html} at 390 px: {@code rule_R-TW-1-390.png}. */
  static String shotName(String page, int width) {
    String stem = page.toLowerCase(Locale.ROOT).endsWith(".html") ? page.substring(0, page.length() - 5) : page;
    return stem.replace('/', '_') + "-" + width + ".png";
  }

  private static long number(@Nullable Object value) {
    if (value instanceof Number n) {
      return n.longValue();
    }
    throw new WebDriverException("expected a number from the page, got " + value);
  }

  private static String firstLine(@Nullable String message) {
    return message == null ? "(no message)" : message.lines().findFirst().orElse("");
  }

  /** A browser message on one line, the site's URL prefix dropped, cut to a sensible length. */
  private static String oneLine(String message, String rootUrl) {
    String line = message.replace(rootUrl, "").replaceAll("\\s+", " ").strip();
    return line.length() <= MAX_MESSAGE ? line : line.substring(0, MAX_MESSAGE) + "...";
  }

  /**
   * Waits for the processes this run started to end, and ends those still there after a few seconds: Chromium's
   * crash handlers are not the driver's children, but their command lines name the run's temporary folder.
   */
  private static void endLeftovers(Path scratch) {
    String mark = scratch.toString();
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    List<ProcessHandle> left = leftovers(mark);
    while (!left.isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      left = leftovers(mark);
    }
    left.forEach(ProcessHandle::destroyForcibly);
  }

  private static List<ProcessHandle> leftovers(String mark) {
    return ProcessHandle.allProcesses()
        .filter(p -> p.isAlive() && p.info().commandLine().orElse("").contains(mark))
        .toList();
  }

  /** Deletes the temporary folder; Chromium may still be writing to it a moment after quitting. */
  private static void delete(Path folder) throws IOException {
    for (int attempt = 1; ; attempt++) {
      try {
        deleteTree(folder);
        return;
      } catch (IOException e) {
        if (attempt == 5) {
          throw e;
        }
        try {
          Thread.sleep(200);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private static void deleteTree(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    Files.walkFileTree(folder, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
        Files.deleteIfExists(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, @Nullable IOException failure) throws IOException {
        if (failure != null) {
          throw failure;
        }
        Files.deleteIfExists(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
