package io.cadenza.api.problem;

import io.micronaut.http.HttpStatus;
import java.net.URI;

/**
 * The kinds of error the API answers, each with a stable {@code type} URI that clients can switch on. URIs never
 * change once published; a new kind of error gets a new entry.
 */
public enum ProblemType {
    VALIDATION("validation", HttpStatus.BAD_REQUEST, "The request has invalid fields"),
    MALFORMED_REQUEST("malformed-request", HttpStatus.BAD_REQUEST, "The request could not be read"),
    UNAUTHENTICATED("unauthenticated", HttpStatus.UNAUTHORIZED, "Authentication is required"),
    FORBIDDEN("forbidden", HttpStatus.FORBIDDEN, "Not allowed"),
    NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Not found"),
    METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
    NOT_ACCEPTABLE("not-acceptable", HttpStatus.NOT_ACCEPTABLE, "No acceptable representation"),
    CONFLICT("conflict", HttpStatus.CONFLICT, "The request conflicts with the current state"),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", HttpStatus.UNPROCESSABLE_ENTITY,
            "The Idempotency-Key was used with another request"),
    PAYLOAD_TOO_LARGE("payload-too-large", HttpStatus.REQUEST_ENTITY_TOO_LARGE, "The request is too large"),
    REQUEST_TIMEOUT("request-timeout", HttpStatus.REQUEST_TIMEOUT, "The request's body stopped arriving"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
    RANGE_NOT_SATISFIABLE("range-not-satisfiable", HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
            "The requested range is outside the content"),
    RATE_LIMITED("rate-limited", HttpStatus.TOO_MANY_REQUESTS, "Too many requests"),
    TOO_MANY_STREAMS("too-many-streams", HttpStatus.TOO_MANY_REQUESTS, "Too many open event streams"),
    DAILY_QUOTA_EXCEEDED("daily-quota-exceeded", HttpStatus.TOO_MANY_REQUESTS, "The daily quota is used up"),
    QUOTA_EXCEEDED("quota-exceeded", HttpStatus.FORBIDDEN, "Over the account's quota"),
    ARTIST_NOT_APPROVED("artist-not-approved", HttpStatus.FORBIDDEN, "The artist is not approved"),
    UNAVAILABLE("unavailable", HttpStatus.SERVICE_UNAVAILABLE, "A dependency is unavailable"),
    INTERNAL("internal", HttpStatus.INTERNAL_SERVER_ERROR, "Internal error"),
    // Specific kinds: after the generic ones, which forStatus finds first.
    INVALID_CREDENTIALS("invalid-credentials", HttpStatus.UNAUTHORIZED, "The email or the password is wrong"),
    INVALID_REFRESH_TOKEN("invalid-refresh-token", HttpStatus.UNAUTHORIZED, "The refresh token is not valid"),
    TOO_MANY_FAILED_LOGINS("too-many-failed-logins", HttpStatus.TOO_MANY_REQUESTS,
            "Too many failed logins"),
    EMAIL_TAKEN("email-taken", HttpStatus.CONFLICT, "An account with this email exists"),
    WALLET_CHALLENGE_REJECTED("wallet-challenge-rejected", HttpStatus.UNPROCESSABLE_ENTITY,
            "The signed wallet challenge was rejected"),
    ISRC_TAKEN("isrc-taken", HttpStatus.CONFLICT, "A master with this ISRC exists"),
    WALLET_LINKED_ELSEWHERE("wallet-linked-elsewhere", HttpStatus.CONFLICT,
            "The wallet is linked to another account"),
    FOUR_EYES("four-eyes", HttpStatus.FORBIDDEN, "Another admin must approve"),
    INVALID_LINK("invalid-link", HttpStatus.BAD_REQUEST, "The link is not valid"),
    EMAIL_NOT_VERIFIED("email-not-verified", HttpStatus.FORBIDDEN, "The email is not verified"),
    SECOND_FACTOR_REQUIRED("second-factor-required", HttpStatus.UNAUTHORIZED,
            "A two-factor code is required"),
    INVALID_SECOND_FACTOR("invalid-second-factor", HttpStatus.UNAUTHORIZED, "The two-factor code is wrong"),
    TWO_FACTOR_REQUIRED("two-factor-required", HttpStatus.FORBIDDEN,
            "Two-factor authentication must be enabled first"),
    STEP_UP_REQUIRED("step-up-required", HttpStatus.FORBIDDEN, "A fresh two-factor code is required"),
    MAGIC_LINK_DISABLED("magic-link-disabled", HttpStatus.FORBIDDEN, "Sign-in by link is off for this account");

    /** Where the types live; each resolves to a page describing the error (to be published with the docs). */
    public static final String BASE_URI = "https://cadenza.dev/problems/";

    private final URI uri;
    private final HttpStatus status;
    private final String title;

    ProblemType(String slug, HttpStatus status, String title) {
        this.uri = URI.create(BASE_URI + slug);
        this.status = status;
        this.title = title;
    }

    public URI uri() {
        return uri;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The type for a status the framework produced itself (no route, wrong method, unreadable body...). */
    public static ProblemType forStatus(int status) {
        for (ProblemType type : values()) {
            if (type.status.getCode() == status && type != VALIDATION && type != IDEMPOTENCY_KEY_REUSED) {
                return type;
            }
        }
        return status >= 500 ? INTERNAL : MALFORMED_REQUEST;
    }
}
