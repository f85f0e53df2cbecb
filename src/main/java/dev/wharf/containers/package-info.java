/**
 * Containers on every host: the API (and, with the console issues, the pages) for listing, inspecting,
 * creating and driving them. Each action is checked against the caller's rights on the container's
 * host and recorded in the audit trail.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Containers")
package dev.wharf.containers;
