package dev.tcpv.kernel;

/**
 * The JVM an interop scenario runs in, inside its namespace ({@code ip netns exec NS java ... InteropMain LABEL}):
 * prints the scenario's summary and exits 0 when both ends did what it says; 1 with one line on stderr when not;
 * 2 for an unknown scenario.
 */
public final class InteropMain {
  private InteropMain() {}

  public static void main(String[] args) {
    InteropScenario s = args.length == 1 ? InteropScenario.of(args[0]) : null;
    if (s == null) {
      System.err.println("usage: InteropMain SCENARIO (one of the interop stage's scenarios)");
      System.exit(2);
      return;
    }
    try {
      System.out.println(s.run());
    } catch (Exception | Error e) {
      System.err.println(s.label() + ": " + e.getMessage());
      System.exit(1);
    }
    System.exit(0);
  }
}
