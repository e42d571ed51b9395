package dev.tcpv.endpoint;

/**
 * The IPv4 addresses and ports that name one connection, seen from this endpoint.
 *
 * @param localIp our IPv4 address, as 32 bits in network order
 * @param localPort our port
 * @param remoteIp the peer's IPv4 address
 * @param remotePort the peer's port
 */
public record FourTuple(int localIp, int localPort, int remoteIp, int remotePort) {

  /** Checks the ports. */
  public FourTuple {
    if (localPort < 0 || localPort > 0xFFFF || remotePort < 0 || remotePort > 0xFFFF) {
      throw new IllegalArgumentException("port not in [0, 65535]");
    }
  }

  /** The two ports in one int: local in the high half, remote in the low half. */
  int ports() {
    return localPort << 16 | remotePort;
  }
}
