package dev.tcpv.kernel;

import dev.tcpv.conn.FaultyEngines;

/**
 * A scenario's JVM whose engine has an injected fault ({@code InteropFaultMain SCENARIO FAULT}): as {@link
 * InteropMain}, with every connection of the endpoint made by {@link FaultyEngines#with}, and 20 s for the
 * scenario instead of 120.
 */
public final class InteropFaultMain {
  private InteropFaultMain() {}

  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: InteropFaultMain SCENARIO FAULT");
      System.exit(2);
      return;
    }
    InteropRig.engines = FaultyEngines.with(args[1]);
    // The scenarios run in well under a second without a fault; a fault that stops a connection is found sooner.
    InteropRig.deadlineMicros = 20_000_000L;
    System.exit(InteropMain.run(new String[] {args[0]}));
  }
}
