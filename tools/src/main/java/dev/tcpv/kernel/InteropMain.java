package dev.tcpv.kernel;

/**
 * The JVM an interop scenario runs in, inside its namespace ({@code ip netns exec NS java ... InteropMain LABEL}):
 * prints the scenario's summary and exits 0 when both ends did what it says; 1 with one line on stderr when not;
 * 2 for an unknown scenario.
 */
public final class InteropMain {
  private InteropMain() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the scenario {@code args} names; its exit status. */
  static int run(String[] args) {
    InteropScenario s = args.length == 1 ? InteropScenario.of(args[0]) : null;
    if (s == null) {
      System.err.println("usage: InteropMain SCENARIO (one of the interop stage's scenarios)");
      return 2;
    }
    try {
      System.out.println(s.run());
      return 0;
    } catch (Exception | Error e) {
      System.err.println(s.label() + ": " + e.getMessage());
      return 1;
    }
  }
}
