package dev.tcpv.mutate;

import org.jspecify.annotations.Nullable;

/**
 * One entry of the mutation catalogue: a realistic mistake in the spec, as one exact text replaced by another.
 *
 * @param name unique, UpperCamelCase ({@code CloseEnterClosing})
 * @param rule the rule ID the mistake breaks ({@code R-CLOSE-1})
 * @param family the part of TCP it belongs to
 * @param description one sentence: the mistake
 * @param find text of the spec module that occurs exactly once
 * @param replace what replaces it
 * @param model the manifest model (one the spec must pass) that should notice the mistake
 * @param killedBy the invariant or property (or {@code deadlock}) expected to notice it; null for a mutation
 *     expected to survive
 * @param ci whether the default run ({@code tcpv mutate}, the {@code mutate} stage of {@code tcpv all})
 *     includes it
 * @param survives why the mutant is expected to survive (an equivalent mutant, or a named gap), or null when
 *     it must be killed
 */
public record Mutation(
    String name,
    String rule,
    Family family,
    String description,
    String find,
    String replace,
    String model,
    @Nullable String killedBy,
    boolean ci,
    @Nullable String survives) {

  /** Whether the catalogue says this mutant survives, and why. */
  public boolean expectedToSurvive() {
    return survives != null;
  }
}
