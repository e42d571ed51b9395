package dev.tcpv.script;

import dev.tcpv.check.OneLine;
import java.nio.file.Path;

/**
 * A script that cannot be read or parsed; the message is {@code file:line: reason}, one line (text of the script
 * it quotes has its control characters escaped, {@link OneLine}).
 */
public final class ScriptSyntaxException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * A syntax error at {@code line} of {@code file} (line 0: the file as a whole).
   *
   * @param file the script
   * @param line the 1-based line, or 0
   * @param reason what is wrong
   */
  public ScriptSyntaxException(Path file, int line, String reason) {
    super(OneLine.of(line > 0 ? file + ":" + line + ": " + reason : file + ": " + reason));
  }
}
