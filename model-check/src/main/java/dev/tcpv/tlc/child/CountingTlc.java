package dev.tcpv.tlc.child;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.List;
import tlc2.TLC;
import tlc2.TLCGlobals;
import tlc2.output.EC;
import tlc2.tool.AbstractChecker;
import tlc2.tool.Action;
import util.FileUtil;
import util.SimpleFilenameToStream;

/**
 * The child JVM's main class: TLC's own {@code tlc2.TLC.main}, except that a {@link SuccessorCounter} takes
 * the place of the (no-op) state writer and its counts are printed after TLC finishes, framed like TLC's
 * own {@code -tool} messages under codes {@value #ACTION_COUNTS} (actions) and {@value #BRANCH_COUNTS} (branches).
 *
 * <p>Reaching into TLC's private {@code stateWriter} and {@code checkEnvironment} is tied to TLC 2.18, which
 * the build pins; any other version fails here loudly rather than counting wrongly.
 */
public final class CountingTlc {
  /** The message code of the counts; TLC's codes stay below 10000 except 20000, so this is free. */
  public static final int ACTION_COUNTS = 9772;
  /** The message code of the branch counts ({@code name<TAB>successors}), the next free one. */
  public static final int BRANCH_COUNTS = 9773;

  private CountingTlc() {}

  public static void main(String[] args) throws Exception {
    ModuleScratch.isolate();
    TLC tlc = new TLC();
    if (!tlc.handleParameters(args)) {
      System.exit(1);
    }
    Method checkEnvironment = TLC.class.getDeclaredMethod("checkEnvironment");
    checkEnvironment.setAccessible(true);
    if (!Boolean.TRUE.equals(checkEnvironment.invoke(tlc))) {
      System.exit(1);
    }
    String dir = FileUtil.parseDirname(tlc.getMainFile());
    tlc.setResolver(dir.isEmpty() ? new SimpleFilenameToStream() : new SimpleFilenameToStream(dir));
    SuccessorCounter counter = new SuccessorCounter();
    Field stateWriter = TLC.class.getDeclaredField("stateWriter");
    stateWriter.setAccessible(true);
    stateWriter.set(tlc, counter);
    int errorCode = tlc.process();
    AbstractChecker checker = TLCGlobals.mainChecker;
    if (checker != null) {
      print(ACTION_COUNTS, counter.report(checker.tool.getActions()));
      print(BRANCH_COUNTS, counter.branchReport());
    }
    System.exit(EC.ExitStatus.errorConstantToExitStatus(errorCode));
  }

  static void print(int code, List<String> lines) {
    StringBuilder out = new StringBuilder();
    out.append("@!@!@STARTMSG ").append(code).append(":0 @!@!@\n");
    lines.forEach(line -> out.append(line).append('\n'));
    out.append("@!@!@ENDMSG ").append(code).append(" @!@!@\n");
    System.out.print(out);
    System.out.flush();
  }
}
