/**
 * Who may do what: users, sign-in, API tokens, the security filter chains, and the one
 * {@link dev.wharf.access.AccessPolicy} every controller asks.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Access control")
package dev.wharf.access;
