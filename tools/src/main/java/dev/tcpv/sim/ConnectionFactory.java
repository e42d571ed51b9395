package dev.tcpv.sim;

import dev.tcpv.conn.Connection;
import dev.tcpv.conn.IsnGenerator;
import dev.tcpv.conn.TcpConfig;
import dev.tcpv.trace.TraceSink;

/** Makes the engine of one host; tests pass one that makes deliberately faulty engines. */
@FunctionalInterface
public interface ConnectionFactory {

  /** The production engine. */
  ConnectionFactory ENGINE = Connection::new;

  /** A connection in CLOSED. */
  Connection create(TcpConfig config, IsnGenerator isn, int localPort, int remotePort, TraceSink sink);
}
