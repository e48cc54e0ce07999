package io.cadenza.api.ratelimit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An action that takes credentials (login, sign-up, refresh): it gets the tight per-IP limit. The limit follows the
 * action the request was routed to, not its path, so that every spelling the router accepts for it (a trailing
 * slash, doubled slashes, another case) is counted alike.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface CredentialRoute {}
