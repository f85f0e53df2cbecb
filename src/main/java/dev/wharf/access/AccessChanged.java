package dev.wharf.access;

/**
 * Something about who may do what changed: a binding, a role, a team, a user (disabled, deleted) or a
 * token (revoked). Whoever holds access open over time (a stream) checks again.
 */
public record AccessChanged() {}
