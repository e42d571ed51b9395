package dev.tcpv.manifest;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One model of the manifest.
 *
 * @param name the model's name ({@code Handshake})
 * @param module its module file ({@code MCHandshake.tla}), relative to the models directory
 * @param config its configuration file ({@code MCHandshake.cfg}), relative to the models directory
 * @param ci whether {@code tcpv check} runs it by default (otherwise it is opt-in)
 * @param expect {@code pass}, {@code deadlock}, or the name of the invariant or property it must violate
 * @param distinct the distinct-state count TLC must report, or null when not yet recorded
 * @param workers TLC workers; 1 for violation models, whose count depends on the search order
 * @param checkDeadlock whether a state without successors is an error (manifest field {@code deadlock})
 * @param enables which features of the spec the model turns on
 * @param description what the model shows
 * @param tags the model's tags ({@value #DEEP})
 */
public record ModelEntry(
    String name,
    String module,
    String config,
    boolean ci,
    String expect,
    @Nullable Long distinct,
    int workers,
    boolean checkDeadlock,
    String enables,
    String description,
    List<String> tags) {

  /** The {@code expect} value of a model that must pass. */
  public static final String PASS = "pass";
  /** The {@code expect} value of a model that must deadlock. */
  public static final String DEADLOCK = "deadlock";
  /** The tag of a model too large for routine runs on one machine: checked only on request. */
  public static final String DEEP = "deep";

  public ModelEntry {
    tags = List.copyOf(tags);
  }

  /** An entry without tags. */
  public ModelEntry(String name, String module, String config, boolean ci, String expect, @Nullable Long distinct,
      int workers, boolean checkDeadlock, String enables, String description) {
    this(name, module, config, ci, expect, distinct, workers, checkDeadlock, enables, description, List.of());
  }

  /** Whether the model is tagged {@value #DEEP}. */
  public boolean deep() {
    return tags.contains(DEEP);
  }

  /** Whether the model must pass (rather than fail in a named way). */
  public boolean expectsPass() {
    return PASS.equals(expect);
  }
}
