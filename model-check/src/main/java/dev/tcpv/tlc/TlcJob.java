package dev.tcpv.tlc;

import java.nio.file.Path;

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
 */
public record TlcJob(
    String model, Path modelsDir, String module, String config, Path specDir, int workers, boolean checkDeadlock) {

  /** The configuration file. */
  public Path configFile() {
    return modelsDir.resolve(config);
  }
}
