/**
 * The model manifest ({@code model-check/models/manifest.json}): every TLC model, whether CI runs it, and
 * what it must produce.
 *
 * <p>Written down so that a change to the spec that changes any model's outcome or state count shows up as
 * a failing check instead of going unnoticed.
 */
@NullMarked
package dev.tcpv.manifest;

import org.jspecify.annotations.NullMarked;
