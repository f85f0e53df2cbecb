package dev.wharf.access;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The permission a route needs, and where. Every handler method of the console carries this,
 * {@code web.SignedIn} or {@code web.Public}: the route check refuses a handler with none, and a test lists every
 * handler to make sure none is missing.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Requires {

    Permission value();

    On on() default On.HOST;

    enum On {
        /**
         * The host in the path ({@code {hostId}}), checked before the handler runs: a host the caller cannot
         * see is 404, as if it did not exist; a visible one without the permission is 403.
         */
        HOST,
        /** A global binding (users, roles, the audit trail). */
        GLOBAL,
        /** Fleet-wide lists: each host's items are shown where the caller holds the permission on it. */
        EACH_HOST,
        /**
         * Where the scope comes from the request body or from the resource (a new host's group, a binding's
         * subject and scope, a team's admins): the handler checks, through {@link AccessPolicy}.
         */
        HANDLER
    }
}
