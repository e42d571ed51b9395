package dev.tcpv.wire;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.StringJoiner;

/**
 * An immutable set of {@link Flag control bits} (RFC 9293 §3.1, rule S-9), held as the flags octet of the
 * header. The four reserved bits before it are not part of the value: they are zero in generated segments and
 * ignored in received ones (§3.1).
 *
 * @param bits the flags octet, in [0, 255]
 */
public record Flags(int bits) {

  /** The empty set. */
  public static final Flags NONE = new Flags(0);

  /** Validates that {@code bits} fits one octet. */
  public Flags {
    if ((bits & ~0xFF) != 0) {
      throw new IllegalArgumentException("flags octet out of range: " + bits);
    }
  }

  /** The set holding exactly {@code flags}. */
  public static Flags of(Flag... flags) {
    int bits = 0;
    for (Flag f : flags) {
      bits |= f.mask();
    }
    return new Flags(bits);
  }

  /** Whether {@code flag} is set. */
  public boolean contains(Flag flag) {
    return (bits & flag.mask()) != 0;
  }

  /** This set plus {@code flag}. */
  public Flags with(Flag flag) {
    return new Flags(bits | flag.mask());
  }

  /** This set minus {@code flag}. */
  public Flags without(Flag flag) {
    return new Flags(bits & ~flag.mask());
  }

  /** Whether no bit is set. */
  public boolean isEmpty() {
    return bits == 0;
  }

  /** The flags as a new unmodifiable set. */
  public Set<Flag> asSet() {
    EnumSet<Flag> set = EnumSet.noneOf(Flag.class);
    for (Flag f : Flag.values()) {
      if (contains(f)) {
        set.add(f);
      }
    }
    return Collections.unmodifiableSet(set);
  }

  /** The names of the set bits joined by commas, as in the RFC's {@code <CTL=SYN,ACK>}; empty if none. */
  public String names() {
    StringJoiner names = new StringJoiner(",");
    for (Flag f : Flag.values()) {
      if (contains(f)) {
        names.add(f.name());
      }
    }
    return names.toString();
  }

  @Override
  public String toString() {
    return "Flags[" + names() + "]";
  }
}
