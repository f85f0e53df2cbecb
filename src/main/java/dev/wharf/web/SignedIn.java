package dev.wharf.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A route any signed-in, enabled user may use: it shows or changes only their own things (their tokens, the dashboard). */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface SignedIn {

    /** Why no permission is needed. */
    String value();
}
