package dev.tcpv.endpoint;

/**
 * The addresses and ports that name one connection, seen from this endpoint: both addresses IPv4 or both IPv6.
 *
 * @param local our address
 * @param localPort our port
 * @param remote the peer's address
 * @param remotePort the peer's port
 */
public record FourTuple(IpAddress local, int localPort, IpAddress remote, int remotePort) {

  /** Checks the ports and that both addresses are of one family. */
  public FourTuple {
    if (localPort < 0 || localPort > 0xFFFF || remotePort < 0 || remotePort > 0xFFFF) {
      throw new IllegalArgumentException("port not in [0, 65535]");
    }
    if (local.isV4() != remote.isV4()) {
      throw new IllegalArgumentException("one IPv4 and one IPv6 address: " + local + ", " + remote);
    }
  }

  /** An IPv4 4-tuple, the addresses as 32 bits in network order. */
  public FourTuple(int localIp, int localPort, int remoteIp, int remotePort) {
    this(IpAddress.v4(localIp), localPort, IpAddress.v4(remoteIp), remotePort);
  }

  /** Whether the addresses are IPv6. */
  public boolean ipv6() {
    return !local.isV4();
  }

  /** The two ports in one int: local in the high half, remote in the low half. */
  int ports() {
    return localPort << 16 | remotePort;
  }
}
