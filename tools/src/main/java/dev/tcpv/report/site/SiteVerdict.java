package dev.tcpv.report.site;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The outcome of {@link SiteChecks#run}: how many pages the site has, the problems found (one line each, empty
 * when the site passes), the screenshots written and where, and how long the browser took.
 */
public record SiteVerdict(int pages, List<String> problems, List<Path> screenshots, Path screenshotDir,
    Duration browserTime) {
  /** Copies the lists. */
  public SiteVerdict {
    problems = List.copyOf(problems);
    screenshots = List.copyOf(screenshots);
  }

  /** Whether no problem was found. */
  public boolean passed() {
    return problems.isEmpty();
  }

  /**
   * One line for the report stage, {@code site: 12 pages, 0 problems, screenshots in DIR}, followed, when there are
   * problems, by each on its own line, indented.
   */
  public String summary() {
    StringBuilder out = new StringBuilder("site: ").append(pages).append(pages == 1 ? " page, " : " pages, ")
        .append(problems.size()).append(problems.size() == 1 ? " problem" : " problems");
    if (!screenshots.isEmpty()) {
      out.append(", screenshots in ").append(screenshotDir);
    }
    for (String problem : problems) {
      out.append(System.lineSeparator()).append("  ").append(problem);
    }
    return out.toString();
  }
}
