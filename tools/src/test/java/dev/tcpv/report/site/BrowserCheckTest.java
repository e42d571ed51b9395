package dev.tcpv.report.site;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The browser checks in Debian's headless Chromium, installed first when missing and running as root (as CI does);
 * skipped, with the reason, only when it cannot be had.
 */
class BrowserCheckTest {
  /** The runs of this JVM name their folders so; runs of a test JVM beside this one (forkCount) are theirs. */
  private static final String OWN_SCRATCH = BrowserCheck.SCRATCH_PREFIX + ProcessHandle.current().pid() + "-";
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private static Chromium.@Nullable Found chromium;
  private static String missing = "";

  private final Path root;
  private final Path shots;

  BrowserCheckTest(@TempDir Path dir) {
    root = dir.resolve("site");
    shots = dir.resolve("shots");
  }

  @BeforeAll
  static void obtainChromium(@TempDir Path logs) {
    Chromium.Lookup lookup = Chromium.obtain(logs.resolve("apt.log"), System.out::println);
    if (lookup instanceof Chromium.Found found) {
      chromium = found;
    } else if (lookup instanceof Chromium.Missing why) {
      missing = why.reason();
    }
  }

  private static Chromium.Found chromium() {
    Chromium.Found found = chromium;
    assumeTrue(found != null, "Chromium cannot be had here: " + missing);
    if (found == null) {
      throw new IllegalStateException(missing);
    }
    return found;
  }

  /**
   * Quitting the driver leaves no browser or driver process behind: no child of this JVM, and no process (such as
   * Chromium's crash handler, which is nobody's child) that names a temporary folder of this JVM's runs.
   */
  @AfterEach
  void noBrowserLeft() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    List<String> left = browsers();
    while (!left.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(100);
      left = browsers();
    }
    assertEquals(List.of(), left, "processes left behind");
  }

  private static List<String> browsers() {
    return Stream.concat(
            ProcessHandle.current().descendants()
                .filter(p -> p.info().command().orElse("").contains("chrom")),
            ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(OWN_SCRATCH)))
        .filter(ProcessHandle::isAlive)
        .map(p -> p.pid() + " " + p.info().commandLine().orElse(""))
        .toList();
  }

  @Test
  void goodSitePassesAndIsPhotographed() throws IOException {
    Sites.good(root);
    BrowserCheck.Result result = BrowserCheck.run(chromium(), root, SiteCheck.htmlPages(root),
        List.of("index.html", "rule/R-TW-1.html"), shots);
    assertEquals(List.of(), result.problems());
    assertEquals(List.of(shots.resolve("index-390.png"), shots.resolve("index-1280.png"),
        shots.resolve("rule_R-TW-1-390.png"), shots.resolve("rule_R-TW-1-1280.png")), result.screenshots());
    for (Path png : result.screenshots()) {
      byte[] bytes = Files.readAllBytes(png);
      assertTrue(bytes.length > PNG_SIGNATURE.length, png + " is empty");
      assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(bytes, PNG_SIGNATURE.length), png + " is not a PNG");
      BufferedImage image = ImageIO.read(png.toFile());
      assertTrue(image != null, png + " does not decode");
      if (image != null) {
        boolean narrow = png.toString().endsWith("-390.png");
        assertEquals(narrow ? BrowserCheck.NARROW_WIDTH : BrowserCheck.WIDE_WIDTH, image.getWidth(), png.toString());
        assertTrue(image.getHeight() >= (narrow ? BrowserCheck.NARROW_HEIGHT : BrowserCheck.WIDE_HEIGHT),
            png + " is " + image.getHeight() + " px high");
      }
    }
  }

  @Test
  void eachBrokenPageReportsItsProblem() throws IOException {
    Sites.good(root);
    Sites.write(root, "thrower.html", Sites.page("Thrower", "style.css", """
        <p>Hello</p>
        <script>throw new Error("boom on purpose");</script>
        """));
    Sites.write(root, "wide.html", Sites.page("Wide", "style.css", """
        <div style="width: 600px">too wide for a phone</div>
        """));
    Sites.write(root, "gone.html", Sites.page("Gone", "style.css", """
        <p><img src="gone.png" alt="a picture that is not there"></p>
        """));
    Sites.write(root, "stuck.html", Sites.page("Stuck", "style.css", """
        <style>body { user-select: none; }</style>
        <p>Text that cannot be copied.</p>
        """));
    List<String> pages = List.of("thrower.html", "wide.html", "gone.html", "stuck.html", "index.html");
    List<String> problems = BrowserCheck.run(chromium(), root, pages, List.of(), shots).problems();

    assertEquals(4, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("thrower.html: console error: thrower.html "), problems.get(0));
    assertTrue(problems.get(0).contains("Uncaught Error: boom on purpose"), problems.get(0));
    assertTrue(problems.get(1).startsWith("wide.html: horizontal overflow at 390 px wide (content 6"),
        problems.get(1));
    assertTrue(problems.get(2).startsWith("gone.html: console error: "), problems.get(2));
    assertTrue(problems.get(2).contains("gone.png") && problems.get(2).contains("ERR_FILE_NOT_FOUND"),
        problems.get(2));
    assertEquals("stuck.html: text not selectable (body has user-select: none)", problems.get(3));
    assertTrue(Files.notExists(shots), "no screenshots asked for");
  }

  @Test
  void overflowOnTheDesktopToo() throws IOException {
    Files.createDirectories(root);
    Sites.write(root, "huge.html", Sites.page("Huge", "style.css", """
        <div style="width: 2000px">too wide for anything</div>
        """));
    Sites.write(root, "style.css", "body { margin: 0; }\n");
    assertEquals(List.of("huge.html: horizontal overflow at 390 px wide (content 2000 px)",
            "huge.html: horizontal overflow at 1280 px wide (content 2000 px)"),
        BrowserCheck.run(chromium(), root, List.of("huge.html"), List.of(), shots).problems());
  }

  @Test
  void missingPageIsAProblem() throws IOException {
    Files.createDirectories(root);
    assertEquals(List.of("models.html: no such page"),
        BrowserCheck.run(chromium(), root, List.of(), List.of("models.html"), shots).problems());
  }

  @Test
  void siteChecksRunsBothAndSummarizes() throws IOException {
    chromium();
    Sites.good(root);
    SiteVerdict verdict = SiteChecks.run(root, Sites.RULES, List.of("index.html"), shots, shots.resolve("apt.log"),
        System.out::println);
    assertEquals(List.of(), verdict.problems());
    assertEquals("site: 5 pages, 0 problems, screenshots in " + shots, verdict.summary());
    assertEquals(2, verdict.screenshots().size());
    System.out.println("browser checks of 5 pages took " + verdict.browserTime().toMillis() + " ms");

    Sites.edit(root, "index.html", "href=\"rules.html\"", "href=\"rulez.html\"");
    SiteVerdict broken = SiteChecks.run(root, Sites.RULES, List.of(), shots, shots.resolve("apt.log"),
        System.out::println);
    assertEquals(String.join(System.lineSeparator(), "site: 5 pages, 1 problem",
        "  index.html: broken link rulez.html"), broken.summary());
  }
}
