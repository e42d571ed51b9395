package dev.tcpv.tlc;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Turns the messages of one TLC run into a {@link TlcResult}: the first verdict TLC reports wins, the
 * numbers come from the final statistics, the trace from the state messages after the verdict, and the
 * coverage from the successor counts of the child JVM.
 */
public final class TlcOutputCollector implements TlcMessageReader.Listener {
  private static final Pattern NUMBER = Pattern.compile("[\\d,]+");
  private static final Pattern PROGRESS =
      Pattern.compile("Progress\\((\\d+)\\).*?([\\d,]+) distinct states found", Pattern.DOTALL);
  private static final Pattern GENERATED = Pattern.compile("([\\d,]+) states generated");
  private static final Pattern DISTINCT_FOUND = Pattern.compile("([\\d,]+) distinct states? found");
  private static final Pattern INIT_DISTINCT =
      Pattern.compile("([\\d,]+) distinct states? generated|with ([\\d,]+) of them distinct");
  private static final Pattern VIOLATED_NAME = Pattern.compile("(?:Invariant|[Pp]roperty) (\\S+) is violated");
  private static final Pattern ACTION_COUNT = Pattern.compile("([^\t]+)\t([^\t]+)\t(\\d+)\t(\\d+)");
  private static final Pattern BRANCH_COUNT = Pattern.compile("([^\t]+)\t(\\d+)");
  private static final int UNFRAMED_KEPT = 30;

  private final List<String> temporalCandidates;
  private final Consumer<TlcProgress> progress;
  private final Supplier<Duration> clock;
  private final boolean simulation;

  private @Nullable TlcOutcome outcome;
  private @Nullable Long distinct;
  private @Nullable Long generated;
  private @Nullable Long initialDistinct;
  private @Nullable Integer depth;
  private @Nullable Long progressDistinct;
  private @Nullable Integer progressDepth;
  private final StringBuilder failureDetail = new StringBuilder();
  private final List<TraceState> trace = new ArrayList<>();
  private final List<ActionCoverage> coverage = new ArrayList<>();
  private final Map<String, Long> branches = new LinkedHashMap<>();
  private final List<String> unchecked = new ArrayList<>();
  private final Deque<String> unframed = new ArrayDeque<>();

  /**
   * @param temporalCandidates the properties the configuration checks, to name a temporal violation
   * @param progress receives TLC's progress reports as they arrive
   * @param clock the time since the run started
   */
  public TlcOutputCollector(
      List<String> temporalCandidates, Consumer<TlcProgress> progress, Supplier<Duration> clock) {
    this(temporalCandidates, progress, clock, false);
  }

  /**
   * @param simulation whether TLC runs in simulation mode, which ends without a success message: there an exit
   *     status of 0 without a violation is a pass (of the behaviours generated, not of the state graph)
   */
  public TlcOutputCollector(List<String> temporalCandidates, Consumer<TlcProgress> progress,
      Supplier<Duration> clock, boolean simulation) {
    this.temporalCandidates = List.copyOf(temporalCandidates);
    this.progress = progress;
    this.clock = clock;
    this.simulation = simulation;
  }

  @Override
  public void onMessage(TlcMessage message) {
    String text = message.text();
    switch (message.code()) {
      case TlcCode.PROGRESS_STATS -> onProgress(text);
      case TlcCode.INIT_GENERATED1, TlcCode.INIT_GENERATED2 -> initialDistinct = firstGroup(INIT_DISTINCT, text);
      case TlcCode.STATS -> {
        distinct = firstGroup(DISTINCT_FOUND, text);
        generated = firstGroup(GENERATED, text);
      }
      case TlcCode.SIMULATION_PROGRESS -> generated = firstGroup(GENERATED, text);
      case TlcCode.UNCHECKED_PROPERTIES -> text.lines().filter(l -> !l.isBlank()).forEach(unchecked::add);
      case TlcCode.SEARCH_DEPTH -> depth = lastNumber(text);
      case TlcCode.SUCCESS -> decide(new TlcOutcome.Pass());
      case TlcCode.INVARIANT_VIOLATED_INITIAL, TlcCode.INVARIANT_VIOLATED_BEHAVIOR ->
          decide(new TlcOutcome.InvariantViolated(violatedName(text)));
      case TlcCode.PROPERTY_VIOLATED_INITIAL, TlcCode.ACTION_PROPERTY_VIOLATED_BEHAVIOR ->
          decide(new TlcOutcome.PropertyViolated(violatedName(text)));
      case TlcCode.TEMPORAL_PROPERTY_VIOLATED -> decide(
          temporalCandidates.size() == 1
              ? new TlcOutcome.PropertyViolated(temporalCandidates.get(0))
              : new TlcOutcome.TemporalViolated(temporalCandidates));
      case TlcCode.DEADLOCK_REACHED -> decide(new TlcOutcome.Deadlock());
      case TlcCode.BEHAVIOR_UP_TO_THIS_POINT, TlcCode.COUNTER_EXAMPLE -> trace.clear();
      case TlcCode.STATE_PRINT1, TlcCode.STATE_PRINT2, TlcCode.STATE_PRINT3, TlcCode.BACK_TO_STATE ->
          trace.add(TraceStateParser.parse(text));
      case TlcCode.ACTION_COUNTS -> onActionCounts(text);
      case TlcCode.BRANCH_COUNTS -> onBranchCounts(text);
      case TlcCode.NESTED_EXPRESSION -> failureDetail.append('\n').append(text);
      case TlcCode.PARSING_FAILED -> decide(new TlcOutcome.Failure(sanyReport() + text));
      default -> {
        if (message.isError()) {
          decide(new TlcOutcome.Failure(text));
        }
      }
    }
  }

  @Override
  public void onUnframedLine(String line) {
    if (line.isBlank() || isParsingChatter(line)) {
      return;
    }
    unframed.addLast(line);
    if (unframed.size() > UNFRAMED_KEPT) {
      unframed.removeFirst();
    }
  }

  /** Whether {@code line} is one of the lines SANY prints for every module it reads: no news. */
  public static boolean isParsingChatter(String line) {
    return line.startsWith("Parsing file ") || line.startsWith("Semantic processing of module ");
  }

  /** The result, once TLC has exited with {@code exitStatus}. */
  public TlcResult result(int exitStatus, Duration elapsed) {
    TlcOutcome decided = outcome;
    if (decided == null && simulation && exitStatus == 0) {
      decided = new TlcOutcome.Pass();
    }
    if (decided == null) {
      decided = new TlcOutcome.Failure(
          "TLC exited with status " + exitStatus + " and reported no result" + (unframed.isEmpty() ? "" : ":\n"
              + String.join("\n", unframed)));
    } else if (decided instanceof TlcOutcome.Failure f && !failureDetail.isEmpty()) {
      decided = new TlcOutcome.Failure(f.message() + failureDetail);
    }
    @Nullable Long states = distinct != null ? distinct : initialDistinct;
    return new TlcResult(decided, simulation ? null : states, depth, elapsed, trace, coverage, branches, unchecked,
        generated);
  }

  /**
   * The result of a run stopped from outside before it ended ({@code outcome}, a time limit): the counts of the
   * final statistics if TLC printed them, else of its last progress report; no trace.
   */
  public TlcResult stopped(TlcOutcome outcome, Duration elapsed) {
    @Nullable Long states = distinct != null ? distinct : progressDistinct != null ? progressDistinct : initialDistinct;
    @Nullable Integer reached = depth != null ? depth : progressDepth;
    return new TlcResult(outcome, simulation ? null : states, reached, elapsed, List.of(), coverage, branches,
        unchecked, generated);
  }

  private void decide(TlcOutcome candidate) {
    if (outcome == null) {
      outcome = candidate;
    }
  }

  private void onProgress(String text) {
    Matcher m = PROGRESS.matcher(text);
    if (m.find()) {
      TlcProgress report =
          new TlcProgress(parseNumber(Groups.of(m, 2)), Integer.parseInt(Groups.of(m, 1)), clock.get());
      progressDistinct = report.distinct();
      progressDepth = report.depth();
      progress.accept(report);
    }
  }

  /** TLC splits an action per value of its top-level {@code \\E}; the counts here are per operator. */
  private void onActionCounts(String text) {
    Map<List<String>, long[]> byOperator = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      Matcher m = ACTION_COUNT.matcher(line);
      if (m.matches()) {
        long[] sums = byOperator.computeIfAbsent(List.of(Groups.of(m, 1), Groups.of(m, 2)), k -> new long[2]);
        sums[0] += parseNumber(Groups.of(m, 3));
        sums[1] += parseNumber(Groups.of(m, 4));
      }
    }
    coverage.clear();
    byOperator.forEach((key, sums) -> coverage.add(new ActionCoverage(key.get(0), key.get(1), sums[0], sums[1])));
  }

  /** The successors that took each branch of the spec (its coverage label), as the child counted them. */
  private void onBranchCounts(String text) {
    branches.clear();
    for (String line : text.split("\n")) {
      Matcher m = BRANCH_COUNT.matcher(line);
      if (m.matches()) {
        branches.merge(Groups.of(m, 1), parseNumber(Groups.of(m, 2)), Long::sum);
      }
    }
  }

  private String sanyReport() {
    String report = String.join("\n", unframed).strip();
    return report.isEmpty() ? "" : report + "\n";
  }

  private static String violatedName(String text) {
    Matcher m = VIOLATED_NAME.matcher(text);
    return m.find() ? Groups.of(m, 1) : text.strip();
  }

  private static @Nullable Long firstGroup(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    if (!m.find()) {
      return null;
    }
    for (int g = 1; g <= m.groupCount(); g++) {
      String group = m.group(g);
      if (group != null) {
        return parseNumber(group);
      }
    }
    return null;
  }

  private static @Nullable Integer lastNumber(String text) {
    Matcher m = NUMBER.matcher(text);
    @Nullable Integer last = null;
    while (m.find()) {
      String digits = m.group().replace(",", "");
      if (!digits.isEmpty()) {
        last = Integer.valueOf(digits);
      }
    }
    return last;
  }

  private static long parseNumber(String digits) {
    return Long.parseLong(digits.replace(",", ""));
  }
}
