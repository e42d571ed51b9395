package dev.tcpv.tlc;

/**
 * The message codes of TLC 2.18 ({@code tlc2.output.EC}) that this package acts on, checked against the
 * messages TLC prints with {@code -tool}, and the one code of the child JVM's own.
 */
final class TlcCode {
  /** Severity of an error message (the number after the colon in {@code STARTMSG code:severity}). */
  static final int SEVERITY_ERROR = 1;
  /** Severity TLC gives to messages about its own bugs. */
  static final int SEVERITY_TLC_BUG = 2;

  /** "TLC threw an unexpected exception", with the exception's message. */
  static final int GENERAL = 1000;
  /** "The error occurred when TLC was evaluating the nested expressions at the following positions". */
  static final int NESTED_EXPRESSION = 2103;
  /** "Invariant X is violated by the initial state:". */
  static final int INVARIANT_VIOLATED_INITIAL = 2107;
  /** "Property X is violated by the initial state:". */
  static final int PROPERTY_VIOLATED_INITIAL = 2108;
  /** "Invariant X is violated.". */
  static final int INVARIANT_VIOLATED_BEHAVIOR = 2110;
  /** "Action property X is violated.". */
  static final int ACTION_PROPERTY_VIOLATED_BEHAVIOR = 2112;
  /** "Deadlock reached.". */
  static final int DEADLOCK_REACHED = 2114;
  /** "Temporal properties were violated." (TLC does not say which). */
  static final int TEMPORAL_PROPERTY_VIOLATED = 2116;
  /** "The behavior up to this point is:", before a safety trace. */
  static final int BEHAVIOR_UP_TO_THIS_POINT = 2121;
  /** "N: Back to state: &lt;Action ...&gt;", closing the loop of a liveness counterexample. */
  static final int BACK_TO_STATE = 2122;
  /** "Finished computing initial states: N distinct state(s) generated". */
  static final int INIT_GENERATED1 = 2190;
  /** "Finished computing initial states: N states generated, with M of them distinct". */
  static final int INIT_GENERATED2 = 2191;
  /** "Model checking completed. No error has been found.". */
  static final int SUCCESS = 2193;
  /** "The depth of the complete state graph search is N.". */
  static final int SEARCH_DEPTH = 2194;
  /** "N states generated, M distinct states found, K states left on queue." at the end. */
  static final int STATS = 2199;
  /** "Progress(depth) at time: N states generated (...), M distinct states found (...), ..." every minute. */
  static final int PROGRESS_STATS = 2200;
  /** "Progress(-1) at time: N states generated, -1 distinct states found, ...": a simulation's statistics. */
  static final int SIMULATION_PROGRESS = 2209;
  /** "TLC server at HOST is ready": the distributed server has its initial states and takes workers. */
  static final int SERVER_RUNNING = 7000;
  /** "Registration for worker at URI completed". */
  static final int WORKER_REGISTERED = 7001;
  /** "TLC server: worker URI de-registered": a worker left (or was lost) and its states went back to the queue. */
  static final int WORKER_DEREGISTERED = 7002;
  /** "Worker: URI Sent: N Rcvd: M CacheRatio: R", once per worker at the end of a distributed run. */
  static final int WORKER_STATS = 7003;
  /** "TLC server: lost worker URI": the server could not reach a worker and re-queued its states. */
  static final int WORKER_LOST = 7006;
  /** A state of a trace: "N: &lt;Action line ... of module M&gt;" or "N: &lt;Initial predicate&gt;", then variables. */
  static final int STATE_PRINT1 = 2216;
  /** As {@link #STATE_PRINT1}; the form TLC 2.18 uses in error traces. */
  static final int STATE_PRINT2 = 2217;
  /** "N: Stuttering": the last state of a liveness counterexample repeats forever. */
  static final int STATE_PRINT3 = 2218;
  /** "The following behavior constitutes a counter-example:", before a liveness trace. */
  static final int COUNTER_EXAMPLE = 2264;
  /**
   * Successor counts per action, one line {@code module<TAB>action<TAB>distinct<TAB>generated} each; not
   * TLC's own message but {@link dev.tcpv.tlc.child.CountingTlc}'s, printed after TLC finishes.
   */
  static final int ACTION_COUNTS = dev.tcpv.tlc.child.CountingTlc.ACTION_COUNTS;
  static final int BRANCH_COUNTS = dev.tcpv.tlc.child.CountingTlc.BRANCH_COUNTS;
  /** The properties TLC's distributed server will not check, one name a line; {@code DistributedServer}'s own. */
  static final int UNCHECKED_PROPERTIES = dev.tcpv.tlc.child.DistributedServer.UNCHECKED_PROPERTIES;
  /** "Parsing or semantic analysis failed."; SANY's reasons come before it, outside any message frame. */
  static final int PARSING_FAILED = 3002;

  private TlcCode() {}
}
