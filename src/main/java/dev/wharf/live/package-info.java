/**
 * Live state: one watcher per host feeds an in-memory inventory (what the list endpoints read) and the
 * event streams ({@code /api/v1/events}); the engines are asked only for details and actions.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Live status")
package dev.wharf.live;
