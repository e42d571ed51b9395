/**
 * Checks of the generated static site, as CI runs them: {@link dev.tcpv.report.site.SiteCheck} reads every page's
 * HTML (links and anchors resolve inside the site, nothing is loaded from elsewhere, images and inline SVG have
 * text alternatives, every rule has its entry and page), {@link dev.tcpv.report.site.BrowserCheck} opens every page
 * from disk in headless Chromium (no console error, no failed load, no horizontal overflow at a phone's width or a
 * desktop's, selectable text) and takes screenshots; {@link dev.tcpv.report.site.SiteChecks} runs both.
 */
@NullMarked
package dev.tcpv.report.site;

import org.jspecify.annotations.NullMarked;
