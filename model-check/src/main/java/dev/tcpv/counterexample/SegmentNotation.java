package dev.tcpv.counterexample;

import dev.tcpv.tla.TlaValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A segment of {@code net} in the notation of RFC 9293 §3.10:
 * {@code A -> B  <SEQ=5><ACK=9><CTL=SYN,ACK>}, with the data length when there is data and, in
 * parentheses, the segment's age and the incarnation that sent it when the spec records them.
 *
 * <p>The ACK field is shown only when the ACK flag is set, as in the RFC's examples, because the spec
 * keeps it canonical otherwise.
 */
public final class SegmentNotation {
  /** RFC 9293 prints control bits in this order, ACK last (for example {@code <CTL=FIN,ACK>}). */
  private static final List<String> CTL_ORDER = List.of("SYN", "FIN", "RST", "PSH", "URG", "ACK");

  private SegmentNotation() {}

  /** {@code A -> B}. */
  static String endpoints(TlaValue segment) throws ShapeException {
    Map<String, TlaValue> f = Shapes.fields(segment, "segment");
    TlaValue src = f.get("src");
    TlaValue dst = f.get("dst");
    if (src == null || dst == null) {
      throw new ShapeException("segment has no src or dst: " + segment.toTla());
    }
    return Shapes.show(src) + " -> " + Shapes.show(dst);
  }

  /** {@code <SEQ=5><ACK=9><CTL=SYN,ACK>}, then {@code <LEN=n>} for data and {@code (age 1, gen 2)}. */
  public static String fields(TlaValue segment) throws ShapeException {
    Map<String, TlaValue> f = Shapes.fields(segment, "segment");
    List<String> ctl = controlBits(f.get("ctl"));
    StringBuilder out = new StringBuilder();
    field(f, "seq").ifPresent(v -> out.append("<SEQ=").append(v).append('>'));
    if (ctl.contains("ACK")) {
      field(f, "ack").ifPresent(v -> out.append("<ACK=").append(v).append('>'));
    }
    if (!ctl.isEmpty()) {
      out.append("<CTL=").append(String.join(",", ctl)).append('>');
    }
    TlaValue len = f.get("len");
    if (len != null && !(len instanceof TlaValue.Int i && i.value() == 0)) {
      out.append("<LEN=").append(Shapes.show(len)).append('>');
    }
    List<String> notes = new ArrayList<>();
    TlaValue age = f.get("age");
    if (age != null && !(age instanceof TlaValue.Int i && i.value() == 0)) {
      notes.add("age " + Shapes.show(age));
    }
    field(f, "sgen").ifPresent(v -> notes.add("gen " + v));
    if (!notes.isEmpty()) {
      out.append(" (").append(String.join(", ", notes)).append(')');
    }
    return out.toString();
  }

  /** The whole segment on one line: {@code A -> B <SEQ=5><CTL=SYN>}. */
  static String line(TlaValue segment) throws ShapeException {
    return endpoints(segment) + " " + fields(segment);
  }

  private static Optional<String> field(Map<String, TlaValue> f, String name) {
    return Optional.ofNullable(f.get(name)).map(Shapes::show);
  }

  private static List<String> controlBits(@Nullable TlaValue ctl) throws ShapeException {
    List<String> bits = new ArrayList<>();
    if (ctl == null) {
      return bits;
    }
    if (ctl instanceof TlaValue.Str s) {
      bits.add(s.value());
      return bits;
    }
    if (!(ctl instanceof TlaValue.SetOf set)) {
      throw new ShapeException("ctl is not a set of flags: " + ctl.toTla());
    }
    for (TlaValue bit : set.elements()) {
      bits.add(Shapes.show(bit));
    }
    bits.sort(Comparator.comparingInt(SegmentNotation::rank).thenComparing(Comparator.naturalOrder()));
    return bits;
  }

  /** Known bits in RFC order; any other bit just before ACK. */
  private static int rank(String bit) {
    int i = CTL_ORDER.indexOf(bit);
    return i < 0 ? 2 * CTL_ORDER.indexOf("ACK") - 1 : 2 * i;
  }
}
