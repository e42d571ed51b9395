package dev.tcpv.endpoint;

/**
 * The TIME-WAIT entries of an endpoint, outliving the connections that made them (R-TW-1..4): per 4-tuple only
 * SND.NXT, RCV.NXT and the 2 MSL deadline. An open-addressing table over parallel primitive arrays with linear
 * probing and backward-shift deletion: {@value #BYTES_PER_SLOT} bytes a slot, kept at most three quarters full,
 * so about 40 to 60 bytes an entry in steady use.
 */
final class TimeWaitTable {

  /** Bytes of array storage per slot: four ints of tuple, two ints of sequence numbers, a long, a flag. */
  static final int BYTES_PER_SLOT = 4 + 4 + 4 + 4 + 4 + 8 + 1;

  private int[] localIp;
  private int[] remoteIp;
  private int[] ports;
  private int[] sndNxt;
  private int[] rcvNxt;
  private long[] deadline;
  private boolean[] used;
  private int size;

  TimeWaitTable() {
    this(16);
  }

  private TimeWaitTable(int capacity) {
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
    int mask = used.length - 1;
    for (int i = home(t.localIp(), t.remoteIp(), t.ports()); used[i]; i = (i + 1) & mask) {
      if (localIp[i] == t.localIp() && remoteIp[i] == t.remoteIp() && ports[i] == t.ports()) {
        return i;
      }
    }
    return -1;
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
    if ((size + 1) * 4 > used.length * 3) {
      grow();
    }
    insert(t.localIp(), t.remoteIp(), t.ports(), snd, rcv, until);
  }

  private void insert(int lip, int rip, int p, int snd, int rcv, long until) {
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
  }

  private void grow() {
    TimeWaitTable bigger = new TimeWaitTable(used.length * 2);
    for (int i = 0; i < used.length; i++) {
      if (used[i]) {
        bigger.insert(localIp[i], remoteIp[i], ports[i], sndNxt[i], rcvNxt[i], deadline[i]);
      }
    }
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
