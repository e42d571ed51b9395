package dev.tcpv.endpoint;

import org.jspecify.annotations.Nullable;

/**
 * The TIME-WAIT entries of an endpoint, outliving the connections that made them (R-TW-1..4): per 4-tuple only
 * SND.NXT, RCV.NXT and the 2 MSL deadline. An open-addressing table over parallel primitive arrays with linear
 * probing and backward-shift deletion: {@value #BYTES_PER_SLOT} bytes a slot, kept at most three quarters full,
 * so about 40 to 60 bytes an entry in steady use. The address arrays hold the low 32 bits of each address (an
 * IPv4 address whole); once an IPv6 entry is stored, four more arrays hold every entry's full 128-bit addresses
 * ({@value #IPV6_BYTES_PER_SLOT} more bytes a slot), so that a table that never sees IPv6 pays nothing for it.
 */
final class TimeWaitTable {

  /** Bytes of array storage per slot: four ints of tuple, two ints of sequence numbers, a long, a flag. */
  static final int BYTES_PER_SLOT = 4 + 4 + 4 + 4 + 4 + 8 + 1;

  /** Bytes of array storage per slot added once the table holds an IPv6 entry: the two full addresses. */
  static final int IPV6_BYTES_PER_SLOT = 4 * 8;

  private int[] localIp;
  private int[] remoteIp;
  private int[] ports;
  private int[] sndNxt;
  private int[] rcvNxt;
  private long[] deadline;
  private boolean[] used;
  /** The full addresses (local high, local low, remote high, remote low) of each slot; null until IPv6 is seen. */
  private long @Nullable [] full;
  private int size;

  TimeWaitTable() {
    this(16, false);
  }

  private TimeWaitTable(int capacity, boolean ipv6) {
    full = ipv6 ? new long[4 * capacity] : null;
    localIp = new int[capacity];
    remoteIp = new int[capacity];
    ports = new int[capacity];
    sndNxt = new int[capacity];
    rcvNxt = new int[capacity];
    deadline = new long[capacity];
    used = new boolean[capacity];
  }

  int size() {
    return size;
  }

  int capacity() {
    return used.length;
  }

  /** Bytes of array storage a slot takes now ({@link #BYTES_PER_SLOT}, plus the full addresses once IPv6 is in). */
  int bytesPerSlot() {
    return BYTES_PER_SLOT + (full == null ? 0 : IPV6_BYTES_PER_SLOT);
  }

  private static int hash(int lip, int rip, int p) {
    long h = (lip & 0xFFFF_FFFFL) * 0x9E3779B97F4A7C15L ^ (rip & 0xFFFF_FFFFL) * 0xC2B2AE3D27D4EB4FL ^ p;
    h ^= h >>> 29;
    h *= 0xBF58476D1CE4E5B9L;
    return (int) (h ^ h >>> 32);
  }

  private int home(int lip, int rip, int p) {
    return hash(lip, rip, p) & (used.length - 1);
  }

  /** The slot of {@code t}, or −1. */
  int find(FourTuple t) {
    long[] f = full;
    if (f == null && t.ipv6()) {
      return -1;
    }
    int mask = used.length - 1;
    int lip = t.local().low32();
    int rip = t.remote().low32();
    for (int i = home(lip, rip, t.ports()); used[i]; i = (i + 1) & mask) {
      if (localIp[i] == lip && remoteIp[i] == rip && ports[i] == t.ports() && (f == null || sameFull(f, i, t))) {
        return i;
      }
    }
    return -1;
  }

  private static boolean sameFull(long[] f, int slot, FourTuple t) {
    return f[4 * slot] == t.local().hi() && f[4 * slot + 1] == t.local().lo() && f[4 * slot + 2] == t.remote().hi()
        && f[4 * slot + 3] == t.remote().lo();
  }

  int sndNxt(int slot) {
    return sndNxt[slot];
  }

  int rcvNxt(int slot) {
    return rcvNxt[slot];
  }

  long deadline(int slot) {
    return deadline[slot];
  }

  void setDeadline(int slot, long d) {
    deadline[slot] = d;
  }

  /** Adds or replaces the entry of {@code t}. */
  void put(FourTuple t, int snd, int rcv, long until) {
    int existing = find(t);
    if (existing >= 0) {
      sndNxt[existing] = snd;
      rcvNxt[existing] = rcv;
      deadline[existing] = until;
      return;
    }
    if (t.ipv6() && full == null) {
      grow(used.length, true);
    }
    if ((size + 1) * 4 > used.length * 3) {
      grow(used.length * 2, full != null);
    }
    long[] f = full;
    int i = insert(t.local().low32(), t.remote().low32(), t.ports(), snd, rcv, until);
    if (f != null) {
      f[4 * i] = t.local().hi();
      f[4 * i + 1] = t.local().lo();
      f[4 * i + 2] = t.remote().hi();
      f[4 * i + 3] = t.remote().lo();
    }
  }

  /** Puts an entry in the first free slot of its probe run and returns the slot. */
  private int insert(int lip, int rip, int p, int snd, int rcv, long until) {
    int mask = used.length - 1;
    int i = home(lip, rip, p);
    while (used[i]) {
      i = (i + 1) & mask;
    }
    used[i] = true;
    localIp[i] = lip;
    remoteIp[i] = rip;
    ports[i] = p;
    sndNxt[i] = snd;
    rcvNxt[i] = rcv;
    deadline[i] = until;
    size++;
    return i;
  }

  /**
   * Moves every entry to a table of {@code capacity} slots, with the full addresses when {@code ipv6} (an IPv4
   * entry's are its IPv4-mapped addresses, rebuilt from the low 32 bits).
   */
  private void grow(int capacity, boolean ipv6) {
    TimeWaitTable bigger = new TimeWaitTable(capacity, ipv6);
    long[] f = full;
    long[] g = bigger.full;
    for (int i = 0; i < used.length; i++) {
      if (used[i]) {
        int j = bigger.insert(localIp[i], remoteIp[i], ports[i], sndNxt[i], rcvNxt[i], deadline[i]);
        if (g != null) {
          IpAddress l = f != null ? new IpAddress(f[4 * i], f[4 * i + 1]) : IpAddress.v4(localIp[i]);
          IpAddress r = f != null ? new IpAddress(f[4 * i + 2], f[4 * i + 3]) : IpAddress.v4(remoteIp[i]);
          g[4 * j] = l.hi();
          g[4 * j + 1] = l.lo();
          g[4 * j + 2] = r.hi();
          g[4 * j + 3] = r.lo();
        }
      }
    }
    full = g;
    localIp = bigger.localIp;
    remoteIp = bigger.remoteIp;
    ports = bigger.ports;
    sndNxt = bigger.sndNxt;
    rcvNxt = bigger.rcvNxt;
    deadline = bigger.deadline;
    used = bigger.used;
  }

  /** Removes the entry in {@code slot}, shifting later entries of the probe run back. */
  void remove(int slot) {
    int mask = used.length - 1;
    int hole = slot;
    int j = slot;
    while (true) {
      j = (j + 1) & mask;
      if (!used[j]) {
        break;
      }
      int k = home(localIp[j], remoteIp[j], ports[j]);
      boolean movable = hole <= j ? (k <= hole || k > j) : (k <= hole && k > j);
      if (movable) {
        long[] f = full;
        if (f != null) {
          System.arraycopy(f, 4 * j, f, 4 * hole, 4);
        }
        localIp[hole] = localIp[j];
        remoteIp[hole] = remoteIp[j];
        ports[hole] = ports[j];
        sndNxt[hole] = sndNxt[j];
        rcvNxt[hole] = rcvNxt[j];
        deadline[hole] = deadline[j];
        hole = j;
      }
    }
    used[hole] = false;
    size--;
  }
}
