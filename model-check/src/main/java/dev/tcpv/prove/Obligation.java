package dev.tcpv.prove;

/**
 * One proof obligation: a TLC model that must pass.
 *
 * @param name the obligation's short name, by which {@code tcpv prove NAME} selects it
 * @param statement what holds when TLC passes the model ({@code IndInv /\ Next => IndInv'})
 * @param module the model's module file, in the proofs directory
 * @param config the model's configuration file, in the proofs directory
 * @param bounds the constants that bound the check, in words
 * @param workers TLC worker threads
 */
public record Obligation(String name, String statement, String module, String config, String bounds, int workers) {}
