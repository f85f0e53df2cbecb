/**
 * The audit trail: every change and every denial, who made it, on which host, and how it ended, in an
 * append-only table the database itself guards.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit trail")
package dev.wharf.audit;
