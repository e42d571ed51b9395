/**
 * Sequence diagrams of runs: two hosts' timelines, the segments between them as arrows sloping down with time, the
 * state changes beside each timeline, the property a run violates at its row.
 *
 * <p>{@link dev.tcpv.report.diagram.Diagram} is the picture's content, whatever the run came from; {@link
 * dev.tcpv.report.diagram.Diagrams} builds one from a TLC error trace or from a fully observed engine trace, and
 * {@link dev.tcpv.report.diagram.SequenceDiagramSvg} draws it as a standalone SVG document.
 */
@NullMarked
package dev.tcpv.report.diagram;

import org.jspecify.annotations.NullMarked;
