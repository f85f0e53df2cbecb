/**
 * The dashboard, the console's start page: a card per host the viewer may see (its status, facts and
 * counts), fleet totals and the latest events, all kept true by the page's live stream. It only reads:
 * hosts and their status from {@code hosts}, facts, counts and events from {@code live}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Dashboard")
package dev.wharf.dashboard;
