package io.cadenza.api.twofactor;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An action that moves money or rights: it needs a TOTP code from the caller within the step-up lifetime (a login
 * with a code, or {@code POST /v1/sessions/step-up}), not only a valid session.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD})
public @interface StepUp {}
