package dev.tcpv.tun;

import dev.tcpv.conn.Timer;
import dev.tcpv.conn.TimerCommand;
import dev.tcpv.conn.UserEvent;
import dev.tcpv.endpoint.Endpoint;
import dev.tcpv.endpoint.EndpointResult;
import dev.tcpv.endpoint.FourTuple;
import dev.tcpv.endpoint.IpAddress;
import dev.tcpv.wire.DecodeError;
import dev.tcpv.wire.IpPacket;
import dev.tcpv.wire.PacketDecodeResult;
import dev.tcpv.wire.PseudoHeader;
import dev.tcpv.wire.Segment;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jspecify.annotations.Nullable;

/**
 * One {@link Endpoint} on a {@link TunDevice} and a real clock, on one thread: the engine stays sans-I/O and this
 * loop is its I/O. Each turn waits in {@code poll(2)} for a packet or a wake-up until the earliest timer is due,
 * then hands the engine, in this order, the packets that arrived, the timers that are due and the tasks other
 * threads submitted. What the engine returns is carried out at once: segments are encoded and written to the
 * device, timer orders update the loop's timers, user events go to the {@link Application}.
 *
 * <p>Time is the microseconds since the loop was made ({@link System#nanoTime}). A {@link Tap} sees every packet
 * both ways and may drop or hold it back (injected loss and reordering, a peer that stops answering); an
 * {@link Observer} sees what the engine did, to write its trace.
 */
public final class EventLoop implements AutoCloseable {

  /** The engine's user: called on the loop thread. */
  public interface Application {
    /** The loop runs; open connections here. */
    void start(EventLoop loop) throws IOException;

    /** What the engine tells the user of connection {@code t}. */
    void event(EventLoop loop, FourTuple t, UserEvent e) throws IOException;
  }

  /** Which way a packet crosses the device. */
  public enum Direction {
    /** From the kernel to the engine. */
    IN,
    /** From the engine to the kernel. */
    OUT
  }

  /**
   * Sees every packet crossing the device and says what crosses instead: the packet itself, nothing (dropped),
   * or packets it held back before, in order (reordered). Called on the loop thread.
   */
  @FunctionalInterface
  public interface Tap {
    List<byte[]> cross(Direction d, long micros, byte[] packet);
  }

  /** A tap that lets every packet cross as it is. */
  public static final Tap PASS = (d, micros, packet) -> List.of(packet);

  /** What the engine was given and did, for its trace. Called on the loop thread. */
  public interface Observer {
    /** A segment for the engine arrived (after the tap) at {@code micros}. */
    void arrived(long micros, FourTuple t, Segment s);

    /** The engine sent {@code s} at {@code micros} (before the tap). */
    void sent(long micros, FourTuple t, Segment s);

    /** Timer {@code timer} of {@code t} fired at {@code micros}. */
    void fired(long micros, FourTuple t, Timer timer);
  }

  /** Hop limit / TTL of the packets the engine sends. */
  static final int HOP_LIMIT = 64;

  private final TunDevice tun;
  private final Endpoint endpoint;
  private final Set<IpAddress> addresses;
  private final Application application;
  private final Tap tap;
  private final Observer observer;
  private final long origin = System.nanoTime();
  private final Map<FourTuple, EnumMap<Timer, Long>> timers = new HashMap<>();
  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final int wakeFd;
  private final Arena arena = Arena.ofConfined();
  private final MemorySegment pollFds = arena.allocate(2L * Libc.POLLFD_SIZE);
  private final MemorySegment counter = arena.allocate(8);
  private final MemorySegment errno = Libc.errnoSlot(arena);
  private volatile boolean stopping;

  /**
   * A loop not yet running.
   *
   * @param tun the device
   * @param endpoint the engine; the loop calls {@link Endpoint#start} when it runs
   * @param addresses the engine's own addresses: packets to others are ignored, as a host ignores them
   * @param application the engine's user
   * @param tap sees (and may drop) every packet
   * @param observer sees what the engine did
   */
  public EventLoop(TunDevice tun, Endpoint endpoint, Set<IpAddress> addresses, Application application, Tap tap,
      Observer observer) throws IOException {
    this.tun = tun;
    this.endpoint = endpoint;
    this.addresses = Set.copyOf(addresses);
    this.application = application;
    this.tap = tap;
    this.observer = observer;
    this.wakeFd = Libc.eventfd(Libc.EFD_NONBLOCK | Libc.EFD_CLOEXEC);
  }

  /** An observer that records nothing. */
  public static final Observer NO_OBSERVER = new Observer() {
    @Override
    public void arrived(long micros, FourTuple t, Segment s) {}

    @Override
    public void sent(long micros, FourTuple t, Segment s) {}

    @Override
    public void fired(long micros, FourTuple t, Timer timer) {}
  };

  /** The loop's clock: microseconds since it was made. */
  public long now() {
    return (System.nanoTime() - origin) / 1000;
  }

  /** The engine (for queries such as {@link Endpoint#state}; calls that act go through the loop's methods). */
  public Endpoint endpoint() {
    return endpoint;
  }

  /** Runs {@code task} on the loop thread soon; callable from any thread. */
  public void submit(Runnable task) {
    tasks.add(task);
    wake();
  }

  /** Ends {@link #run} after the current turn; callable from any thread. */
  public void stop() {
    stopping = true;
    wake();
  }

  private void wake() {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment one = a.allocate(8);
      one.set(ValueLayout.JAVA_LONG, 0, 1L);
      Libc.write(wakeFd, one, 8, Libc.errnoSlot(a));
    } catch (IOException e) {
      // The counter is saturated only after 2^64-2 wake-ups unread: the loop is awake anyway.
    }
  }

  /** LISTEN on {@code port}. */
  public void listen(int port, int backlog) {
    endpoint.listen(port, backlog);
  }

  /** The next connection ready on {@code port}, or null. */
  public @org.jspecify.annotations.Nullable FourTuple accept(int port) {
    return endpoint.accept(port);
  }

  /** OPEN (active) of {@code t}. */
  public void connect(FourTuple t) throws IOException {
    call(now -> endpoint.connect(t, now));
  }

  /** SEND {@code data} on {@code t}. */
  public void send(FourTuple t, byte[] data) throws IOException {
    call(now -> endpoint.send(t, data, now));
  }

  /** CLOSE of {@code t}. */
  public void close(FourTuple t) throws IOException {
    call(now -> endpoint.close(t, now));
  }

  /** ABORT of {@code t}. */
  public void abort(FourTuple t) throws IOException {
    call(now -> endpoint.abort(t, now));
  }

  /** A user call: the engine's step at the loop's time now, carried out. */
  private void call(java.util.function.LongFunction<EndpointResult> step) throws IOException {
    long now = now();
    carry(step.apply(now), now);
  }

  /**
   * Runs until {@link #stop} or until {@code deadlineMicros} on the loop's clock.
   *
   * @return whether it stopped because it was asked to (false: the deadline came first)
   */
  public boolean run(long deadlineMicros) throws IOException {
    endpoint.start(now());
    application.start(this);
    pollFds.set(ValueLayout.JAVA_INT, 0, tun.fd());
    pollFds.set(ValueLayout.JAVA_SHORT, 4, Libc.POLLIN);
    pollFds.set(ValueLayout.JAVA_INT, Libc.POLLFD_SIZE, wakeFd);
    pollFds.set(ValueLayout.JAVA_SHORT, Libc.POLLFD_SIZE + 4, Libc.POLLIN);
    while (!stopping) {
      long now = now();
      if (now >= deadlineMicros) {
        return false;
      }
      long due = Math.min(deadlineMicros, earliestTimer());
      // Round up: waking before a deadline would only wait again.
      long waitMillis = Math.max(0, (due - now + 999) / 1000);
      pollFds.set(ValueLayout.JAVA_SHORT, 6, (short) 0);
      pollFds.set(ValueLayout.JAVA_SHORT, Libc.POLLFD_SIZE + 6, (short) 0);
      Libc.poll(pollFds, 2, (int) Math.min(waitMillis, Integer.MAX_VALUE), errno);
      if (pollFds.get(ValueLayout.JAVA_SHORT, Libc.POLLFD_SIZE + 6) != 0) {
        Libc.read(wakeFd, counter, errno);
      }
      // At most a batch a turn: a peer that keeps the device busy (an ACK storm) must not starve the timers, the
      // tasks and the deadline.
      int n = 0;
      for (byte[] p = tun.read(); p != null; p = ++n < PACKETS_PER_TURN ? tun.read() : null) {
        arrived(p);
      }
      fireDueTimers();
      for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
        task.run();
      }
    }
    return true;
  }

  /** The packets read from the device in one turn of the loop, at most. */
  static final int PACKETS_PER_TURN = 64;

  /** A timer that is set: whose, which, and when it fires. */
  private record Due(FourTuple tuple, Timer timer, long micros) {}

  /** The timer that fires first, or null when none is set. */
  private @Nullable Due earliest() {
    Due best = null;
    for (Map.Entry<FourTuple, EnumMap<Timer, Long>> e : timers.entrySet()) {
      for (Map.Entry<Timer, Long> t : e.getValue().entrySet()) {
        if (best == null || t.getValue() < best.micros()) {
          best = new Due(e.getKey(), t.getKey(), t.getValue());
        }
      }
    }
    return best;
  }

  private long earliestTimer() {
    Due d = earliest();
    return d == null ? Long.MAX_VALUE : d.micros();
  }

  private void fireDueTimers() throws IOException {
    for (Due d = earliest(); d != null && d.micros() <= now(); d = earliest()) {
      EnumMap<Timer, Long> m = timers.get(d.tuple());
      if (m != null) {
        m.remove(d.timer());
      }
      long now = now();
      observer.fired(now, d.tuple(), d.timer());
      carry(endpoint.handleTimeout(d.tuple(), d.timer(), now), now);
    }
  }

  private void arrived(byte[] raw) throws IOException {
    for (byte[] packet : tap.cross(Direction.IN, now(), raw)) {
      toEngine(packet);
    }
  }

  private void toEngine(byte[] packet) throws IOException {
    long now = now();
    switch (IpPacket.decode(packet)) {
      case PacketDecodeResult.Decoded d -> {
        IpPacket ip = d.packet();
        IpAddress to = IpAddress.of(ip.pseudoHeader().destination());
        if (!addresses.contains(to)) {
          return;
        }
        Segment s = ip.segment();
        FourTuple t = new FourTuple(to, s.destinationPort(), IpAddress.of(ip.pseudoHeader().source()),
            s.sourcePort());
        observer.arrived(now, t, s);
        carry(endpoint.handleSegment(t, s, now), now);
      }
      // Not TCP (the kernel's IPv6 neighbour and router solicitations), or damaged: a host drops it.
      case DecodeError e -> {}
    }
  }

  /**
   * Carries out what the engine returned for a step taken at {@code stepMicros}. A timer the step set runs from
   * when the step's segments reached the device, not from {@code stepMicros}: the time the engine took, and the
   * writes, delay its deadlines by as much (a first packet through code not yet compiled takes milliseconds), so that
   * a timeout is never seen on the wire sooner after the segment of its step than its delay (a keep-alive probe one
   * idle time after the ACK that began the idle time, not one idle time after that ACK's arrival).
   */
  private void carry(EndpointResult r, long stepMicros) throws IOException {
    long now = now();
    for (EndpointResult.Outgoing o : r.segments()) {
      observer.sent(now, o.tuple(), o.segment());
      FourTuple t = o.tuple();
      byte[] packet = new IpPacket(PseudoHeader.of(t.local().bytes(), t.remote().bytes()), HOP_LIMIT, o.segment())
          .encode();
      for (byte[] p : tap.cross(Direction.OUT, now, packet)) {
        tun.write(p);
      }
    }
    long lag = Math.max(0, now() - stepMicros);
    for (EndpointResult.TimerOrder o : r.timers()) {
      switch (o.command()) {
        case TimerCommand.Set s -> timers.computeIfAbsent(o.tuple(), k -> new EnumMap<>(Timer.class))
            .put(s.timer(), s.deadlineMicros() + lag);
        case TimerCommand.Cancel c -> {
          EnumMap<Timer, Long> m = timers.get(o.tuple());
          if (m != null) {
            m.remove(c.timer());
          }
        }
      }
    }
    for (EndpointResult.Event e : r.events()) {
      application.event(this, e.tuple(), e.event());
    }
  }

  @Override
  public void close() {
    Libc.close(wakeFd);
    arena.close();
  }
}
