package dev.tcpv.check;

import dev.tcpv.tlc.TlcJob;
import dev.tcpv.tlc.TlcProgress;
import dev.tcpv.tlc.TlcResult;
import java.io.IOException;
import java.util.function.Consumer;

/** Checks one model; {@link dev.tcpv.tlc.TlcLauncher#run} in production. */
@FunctionalInterface
public interface ModelRunner {
  /** The result of checking {@code job}; {@code progress} receives reports while it runs. */
  TlcResult run(TlcJob job, Consumer<TlcProgress> progress) throws IOException, InterruptedException;
}
