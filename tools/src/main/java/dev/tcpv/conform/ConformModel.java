package dev.tcpv.conform;

import dev.tcpv.config.SpecConstants;
import dev.tcpv.conn.TcpConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The constants of a conformance model (read from its TLC configuration) and the engine configuration that
 * makes the engines behave as the spec does under them.
 *
 * <p>Time and timers: {@link SpecConstants} (the one mapping of the spec's constants to an engine configuration),
 * with the shortest tick at which R2 meets MUST-23 ({@link #tickMicros()}). The model must have {@code
 * TimeWaitTicks = 2 * MSL}: the engine has no shorter TIME-WAIT.
 *
 * <p>Output: the engines defer it ({@link TcpConfig#deferOutput}), so that SEND only queues, as the spec's
 * {@code Send} does, and each of the spec's {@code SendData} and {@code SendFin} steps is one {@code output}
 * call of the engine, which sends one segment of at most MaxSegLen octets (the engines' MSS).
 *
 * @param seqMod SeqMod
 * @param msl MSL
 * @param rto Rto
 * @param maxRetries MaxRetries
 * @param timeWaitTicks TimeWaitTicks
 * @param rcvWndSize RcvWndSize
 * @param netCap NetCap
 * @param rfc5961 Rfc5961
 * @param rfc1337 Rfc1337
 * @param twReopen TwReopen
 * @param keepAlive KeepAlive
 * @param kaIdle KaIdle
 * @param kaInterval KaInterval
 * @param kaProbes KaProbes
 * @param injectBudget InjectBudget: the segments the off-path attacker forges (the driver delivers each as the
 *     spec took it)
 * @param maxSegLen MaxSegLen: the engines announce it as their MSS, so that neither puts more text in a segment
 *     than the spec's {@code SendData} may
 */
public record ConformModel(long seqMod, int msl, int rto, int maxRetries, int timeWaitTicks, int rcvWndSize,
    int netCap, boolean rfc5961, boolean rfc1337, boolean twReopen, boolean keepAlive, int kaIdle,
    int kaInterval, int kaProbes, int injectBudget, int maxSegLen) {

  private static final Pattern ASSIGNMENT = Pattern.compile("^\\s*(\\w+)\\s*=\\s*(\\S+)\\s*$");

  /** Reads the constants of the configuration {@code cfg} and checks that the engines can follow it. */
  public static ConformModel read(Path cfg) throws ConformException, IOException {
    Map<String, String> c = new HashMap<>();
    for (String line : Files.readAllLines(cfg)) {
      Matcher m = ASSIGNMENT.matcher(line.replaceAll("\\\\\\*.*", ""));
      if (m.matches()) {
        c.put(String.valueOf(m.group(1)), String.valueOf(m.group(2)));
      }
    }
    String name = String.valueOf(cfg.getFileName());
    ConformModel model = new ConformModel(integer(c, "SeqMod", name), (int) integer(c, "MSL", name),
        (int) integer(c, "Rto", name), (int) integer(c, "MaxRetries", name),
        (int) integer(c, "TimeWaitTicks", name), (int) integer(c, "RcvWndSize", name),
        (int) integer(c, "NetCap", name), bool(c, "Rfc5961", name), bool(c, "Rfc1337", name),
        bool(c, "TwReopen", name), bool(c, "KeepAlive", name), (int) integer(c, "KaIdle", name),
        (int) integer(c, "KaInterval", name), (int) integer(c, "KaProbes", name),
        (int) integer(c, "InjectBudget", name), (int) integer(c, "MaxSegLen", name));
    require(c, "HandshakeWays", "3", name, "the engine has only the three-way handshake");
    require(c, "WindowCheck", "TRUE", name, "the engine always checks the window");
    require(c, "IsnMode", "\"clock\"", name, "the conformance driver supplies the ISS the spec draws");
    if (model.timeWaitTicks != 2 * model.msl) {
      throw new ConformException(name + ": TimeWaitTicks must be 2 * MSL: the engine's TIME-WAIT is 2 x MSL");
    }
    if (Long.bitCount(model.seqMod) != 1 || model.seqMod > (1L << 32)) {
      throw new ConformException(name + ": SeqMod must be a power of two (it must divide 2^32)");
    }
    return model;
  }

  private static void require(Map<String, String> c, String key, String value, String name, String why)
      throws ConformException {
    if (!value.equals(c.get(key))) {
      throw new ConformException(name + ": " + key + " must be " + value + ": " + why);
    }
  }

  private static long integer(Map<String, String> c, String key, String name) throws ConformException {
    String v = c.get(key);
    if (v == null) {
      throw new ConformException(name + ": no constant " + key);
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new ConformException(name + ": " + key + " is not an integer: " + v);
    }
  }

  private static boolean bool(Map<String, String> c, String key, String name) throws ConformException {
    String v = c.get(key);
    if (!"TRUE".equals(v) && !"FALSE".equals(v)) {
      throw new ConformException(name + ": " + key + " is not TRUE or FALSE: " + v);
    }
    return v.equals("TRUE");
  }

  /** Engine microseconds per spec tick: long enough that R2 = (MaxRetries + 1) × Rto ticks meets MUST-23. */
  public long tickMicros() {
    return SpecConstants.must23Tick(rto, maxRetries);
  }

  /** The model's constants that the engines follow, in ticks of {@link #tickMicros}. */
  public SpecConstants constants() {
    return new SpecConstants(msl, rto, maxRetries, timeWaitTicks, rcvWndSize, maxSegLen, rfc5961, rfc1337,
        twReopen, keepAlive, kaIdle, kaInterval, kaProbes, tickMicros());
  }

  /** The engine configuration that follows the model's constants, output deferred (one spec step a call). */
  public TcpConfig engineConfig() {
    return constants().engineConfig(false, true);
  }
}
