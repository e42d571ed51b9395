/**
 * The auditor's report: a static site, opened from disk, that follows every rule of {@code spec/rules.md} from
 * its catalogue entry to the spec actions that model it, the engine methods that implement it, the tests that
 * observe it and the models, mutations and scripts that check it, with the results of the run that made it.
 */
@NullMarked
package dev.tcpv.report.pages;

import org.jspecify.annotations.NullMarked;
