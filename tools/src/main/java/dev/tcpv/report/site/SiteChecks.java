package dev.tcpv.report.site;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The checks of a generated site in one call, for the report stage: the static checks ({@link SiteCheck}), then
 * every page in headless Chromium ({@link BrowserCheck}), which is installed first when missing and this process
 * runs as root ({@link Chromium}). When Chromium cannot be had, that is a problem of its own, with what to install.
 */
public final class SiteChecks {
  private SiteChecks() {}

  /**
   * {@link #run(Path, Set, List, Path, Path, Consumer)} with apt-get's log in the system's temporary folder and
   * progress (the one line saying that Chromium is being installed) on standard output.
   */
  public static SiteVerdict run(Path siteRoot, Set<String> ruleIds, List<String> screenshotPages, Path screenshotDir)
      throws IOException {
    Path aptLog = Path.of(System.getProperty("java.io.tmpdir"), "tcpv-apt-chromium.log");
    return run(siteRoot, ruleIds, screenshotPages, screenshotDir, aptLog, System.out::println);
  }

  /**
   * Checks the site under {@code siteRoot}: statically, with {@code ruleIds} the rule IDs that need an entry in
   * {@code rules.html} and a page each, and then every {@code .html} page in the browser, with screenshots of
   * {@code screenshotPages} (paths relative to the root) written into {@code screenshotDir}.
   *
   * @param aptLog where apt-get's output goes if Chromium has to be installed
   * @param progress receives the line announcing an install
   * @throws IOException when the site cannot be listed or a screenshot cannot be written
   */
  public static SiteVerdict run(Path siteRoot, Set<String> ruleIds, List<String> screenshotPages, Path screenshotDir,
      Path aptLog, Consumer<String> progress) throws IOException {
    List<String> pages = SiteCheck.htmlPages(siteRoot);
    List<String> problems = new ArrayList<>(SiteCheck.check(siteRoot, ruleIds));
    List<Path> screenshots = List.of();
    long start = System.nanoTime();
    Chromium.Lookup chromium = Chromium.obtain(aptLog, progress);
    if (chromium instanceof Chromium.Found found) {
      BrowserCheck.Result browser = BrowserCheck.run(found, siteRoot, pages, screenshotPages, screenshotDir);
      problems.addAll(browser.problems());
      screenshots = browser.screenshots();
    } else if (chromium instanceof Chromium.Missing missing) {
      problems.add("browser checks not run: " + missing.reason());
    }
    Duration browserTime = Duration.ofNanos(System.nanoTime() - start);
    return new SiteVerdict(pages.size(), problems, screenshots, screenshotDir, browserTime);
  }
}
