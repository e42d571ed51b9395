package dev.tcpv.cli;

import dev.tcpv.check.ProjectLayout;
import dev.tcpv.mutate.CatalogueCheck;
import dev.tcpv.mutate.CatalogueReader;
import dev.tcpv.mutate.MutateOptions;
import dev.tcpv.mutate.MutateReport;
import dev.tcpv.mutate.MutationGate;
import dev.tcpv.mutate.MutationResult;
import dev.tcpv.tlc.TlcLauncher;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@code mutate} row of {@code tcpv all}: the catalogue's CI subset, with the default time limit; the detail
 * is the summary line.
 *
 * <p>The catalogue is written against the repository's spec. When {@code --spec-dir} points elsewhere and the
 * spec there contains none of the catalogue's {@code find} texts (a spec of something else, as in a test
 * workspace), the stage skips and says so; a spec that contains some of them is held to the whole catalogue.
 */
final class MutateStage implements Stage {
  private final LocationOptions locations;
  private @Nullable MutateReport report;

  MutateStage(LocationOptions locations) {
    this.locations = locations;
  }

  @Override
  public String name() {
    return "mutate";
  }

  @Override
  public StageResult run(PrintWriter out, PrintWriter err) throws Exception {
    ProjectLayout layout = locations.layout();
    Path catalogue = MutationGate.defaultCatalogue();
    if (!layout.specDir().equals(ProjectLayout.root().resolve("spec"))) {
      String spec = MutationGate.readSpec(layout);
      if (CatalogueReader.read(catalogue).mutations().stream()
          .noneMatch(m -> CatalogueCheck.occurrences(spec, m.find()) > 0)) {
        String detail =
            "skipped: the catalogue does not apply to " + layout.specDir().resolve(MutationGate.MODULE_FILE);
        out.println("mutate: " + detail);
        return new StageResult(ExitCodes.OK, detail);
      }
    }
    MutateReport report = new MutationGate(layout, catalogue, TlcLauncher.forCurrentJvm()::run, out, err)
        .run(MutateOptions.ciDefaults());
    this.report = report;
    return new StageResult(report.exitCode(), report.summary());
  }

  /** The results of the mutations this stage tried; empty before it ran. */
  List<MutationResult> results() {
    MutateReport r = report;
    return r == null ? List.of() : r.results();
  }
}
