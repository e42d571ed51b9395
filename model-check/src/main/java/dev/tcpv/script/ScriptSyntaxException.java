package dev.tcpv.script;

import java.nio.file.Path;

/** A script that cannot be read or parsed; the message is {@code file:line: reason}. */
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
    super(line > 0 ? file + ":" + line + ": " + reason : file + ": " + reason);
  }
}
