package dev.tcpv.check;

import dev.tcpv.text.Formats;
import dev.tcpv.text.TextTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Which branches of the spec (its {@code Took} labels) some run took, summed over runs, judged against the
 * catalogue: every catalogued branch must be taken unless the catalogue excuses it with a reason; an excused
 * branch that a run takes (the excuse is out of date) and a branch the catalogue does not list are errors of
 * the catalogue. The model checker, {@code conform} and {@code traces} each keep one.
 */
public final class BranchLedger {
  private final BranchCatalogue catalogue;
  private final Function<BranchCatalogue.Branch, @Nullable String> excuse;
  private final String excused;
  private final Map<String, Long> counts = new LinkedHashMap<>();
  private final Map<String, List<String>> takenBy = new LinkedHashMap<>();
  private final Map<String, List<String>> unknown = new TreeMap<>();

  /** An empty ledger for the catalogue's branches, the model checker's: a branch is excused when it is exempt. */
  public BranchLedger(BranchCatalogue catalogue) {
    this(catalogue, BranchCatalogue.Branch::exempt, "exempt");
  }

  /** An empty ledger for conformance: a branch is excused when it is exempt or not driven yet ({@code undriven}). */
  public static BranchLedger forConform(BranchCatalogue catalogue) {
    return new BranchLedger(catalogue, b -> b.exempt() != null ? b.exempt() : b.undriven(), "exempt or undriven");
  }

  private BranchLedger(BranchCatalogue catalogue, Function<BranchCatalogue.Branch, @Nullable String> excuse,
      String excused) {
    this.catalogue = catalogue;
    this.excuse = excuse;
    this.excused = excused;
    for (BranchCatalogue.Branch b : catalogue.branches()) {
      counts.put(b.name(), 0L);
      takenBy.put(b.name(), new ArrayList<>());
    }
  }

  /** Adds one run's counts (branch name to the steps that took it). */
  public void record(String run, Map<String, Long> taken) {
    taken.forEach((name, n) -> {
      if (n <= 0) {
        return;
      }
      if (!counts.containsKey(name)) {
        unknown.computeIfAbsent(name, k -> new ArrayList<>()).add(run);
        return;
      }
      counts.merge(name, n, Long::sum);
      List<String> runs = takenBy.get(name);
      if (runs != null && !runs.contains(run)) {
        runs.add(run);
      }
    });
  }

  /** The catalogued branches no run took and none is excused from. */
  public List<String> missing() {
    List<String> out = new ArrayList<>();
    for (BranchCatalogue.Branch b : catalogue.branches()) {
      if (excuse.apply(b) == null && counts.getOrDefault(b.name(), 0L) == 0) {
        out.add(b.name());
      }
    }
    return out;
  }

  /** The branches excused that some run took: the catalogue's excuse is out of date. */
  public List<String> takenDespiteListed() {
    List<String> out = new ArrayList<>();
    for (BranchCatalogue.Branch b : catalogue.branches()) {
      if (excuse.apply(b) != null && counts.getOrDefault(b.name(), 0L) > 0) {
        out.add(b.name());
      }
    }
    return out;
  }

  /** Names some run took that the catalogue does not list. */
  public List<String> uncatalogued() {
    return List.copyOf(unknown.keySet());
  }

  /** The branches that must be taken: the catalogue less its listed exceptions. */
  public int required() {
    return (int) catalogue.branches().stream().filter(b -> excuse.apply(b) == null).count();
  }

  /** Whether every required branch was taken and the catalogue matches what the runs took. */
  public boolean passed() {
    return missing().isEmpty() && takenDespiteListed().isEmpty() && uncatalogued().isEmpty();
  }

  /** The share of required branches taken, in percent. */
  public double percent() {
    int required = required();
    return required == 0 ? 100.0 : 100.0 * (required - missing().size()) / required;
  }

  /** One line: the verdict of the gate for {@code what} (for example "the CI models"), naming every problem. */
  public String gateLine(String what) {
    return (passed() ? "Branch gate: " : "Branch gate FAILED: ") + summary(what);
  }

  /** What {@code what} took, naming every branch missing, excused but taken, or not catalogued; no verdict. */
  public String summary(String what) {
    int required = required();
    String head = String.format("%d of %d branches of the catalogue taken by %s (%.1f%%; %d %s)",
        required - missing().size(), required, what, percent(), catalogue.branches().size() - required, excused);
    if (passed()) {
      return head + ".";
    }
    List<String> problems = new ArrayList<>();
    if (!missing().isEmpty()) {
      problems.add("never taken: " + String.join(", ", missing()));
    }
    if (!takenDespiteListed().isEmpty()) {
      problems.add(excused + " but taken: " + String.join(", ", takenDespiteListed()));
    }
    unknown.forEach((name, runs) -> problems.add("not in " + BranchCatalogue.FILE + ": " + name + " (taken by "
        + String.join(", ", runs) + ")"));
    return head + "; " + String.join("; ", problems) + ".";
  }

  /** One row per catalogued branch: its rules, the runs that took it and how often, or why none can. */
  public String table() {
    TextTable table = new TextTable("BRANCH", "RULES", "TAKEN BY", "STEPS").alignRight(3);
    for (BranchCatalogue.Branch b : catalogue.branches()) {
      List<String> runs = takenBy.getOrDefault(b.name(), List.of());
      String why = excuse.apply(b);
      String by = !runs.isEmpty() ? String.join(", ", runs) : why != null ? "(" + why + ")" : "(never taken)";
      table.row(b.name(), b.rules().isEmpty() ? "-" : String.join(" ", b.rules()), by,
          Formats.count(counts.getOrDefault(b.name(), 0L)));
    }
    return table.render();
  }
}
