package dev.tcpv.tlc;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * One model to check with TLC.
 *
 * @param model the model's name, for progress lines
 * @param modelsDir the directory holding the model's module and configuration; TLC runs there
 * @param module the model's module file name ({@code MCHandshake.tla})
 * @param config the model's configuration file name ({@code MCHandshake.cfg})
 * @param specDir the directory of the modules the model extends (TLC's {@code TLA-Library})
 * @param workers TLC worker threads
 * @param checkDeadlock whether a state without successors is an error
 * @param timeLimit how long TLC may run before it is stopped ({@link TlcOutcome.TimedOut}); null for no limit
 * @param simulation random behaviours instead of the whole state graph; null for TLC's breadth-first search
 */
public record TlcJob(
    String model,
    Path modelsDir,
    String module,
    String config,
    Path specDir,
    int workers,
    boolean checkDeadlock,
    @Nullable Duration timeLimit,
    @Nullable Simulation simulation) {

  public TlcJob {
    if (timeLimit != null && (timeLimit.isNegative() || timeLimit.isZero())) {
      throw new IllegalArgumentException("the time limit must be positive: " + timeLimit);
    }
  }

  /** A job without a time limit. */
  public TlcJob(
      String model, Path modelsDir, String module, String config, Path specDir, int workers, boolean checkDeadlock) {
    this(model, modelsDir, module, config, specDir, workers, checkDeadlock, null, null);
  }

  /** This job, stopped after {@code limit}. */
  public TlcJob withTimeLimit(Duration limit) {
    return new TlcJob(model, modelsDir, module, config, specDir, workers, checkDeadlock, limit, simulation);
  }

  /** This job, as random behaviours within {@code budget} instead of the whole state graph. */
  public TlcJob withSimulation(Simulation budget) {
    return new TlcJob(model, modelsDir, module, config, specDir, workers, checkDeadlock, timeLimit, budget);
  }

  /** The configuration file. */
  public Path configFile() {
    return modelsDir.resolve(config);
  }
}
