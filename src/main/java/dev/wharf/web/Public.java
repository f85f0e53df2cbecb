package dev.wharf.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A route open without signing in: only the sign-in page and the error pages. (With {@code SignedIn} here
 * in the shared module, since the error pages live here; a route's permission is {@code access.Requires}.)
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Public {}
