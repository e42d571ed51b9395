package dev.tcpv.kernel;

/**
 * The JVM a scenario runs in, inside its namespace ({@code ip netns exec NS java ... ScenarioMain LABEL}): exit 0
 * when the sockets did what the scenario says, 1 with one line on stderr when not, 2 for an unknown scenario.
 */
public final class ScenarioMain {
  private ScenarioMain() {}

  public static void main(String[] args) {
    Scenario s = args.length == 1 ? Scenario.of(args[0]) : null;
    if (s == null) {
      System.err.println("usage: ScenarioMain SCENARIO (one of the linux stage's scenarios)");
      System.exit(2);
      return;
    }
    try {
      s.run();
    } catch (Exception | Error e) {
      System.err.println(s.label() + ": " + e);
      System.exit(1);
    }
    System.exit(0);
  }
}
