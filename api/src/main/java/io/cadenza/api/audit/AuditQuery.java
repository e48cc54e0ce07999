package io.cadenza.api.audit;

import io.cadenza.api.problem.ProblemException;
import io.cadenza.chain.audit.AuditRecord;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The filters of an audit read, checked: {@code actor} an account id or {@code platform}, {@code action} and
 * {@code target} as stored, {@code from} (inclusive) and {@code to} (exclusive) as ISO-8601 instants.
 */
record AuditQuery(@Nullable String actor, @Nullable String action, @Nullable String target, Instant from,
        Instant until) {
    private static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9_.-]{0,79}");
    private static final Pattern TARGET = Pattern.compile("[\\x21-\\x7e]{1,200}");

    static AuditQuery of(@Nullable String actor, @Nullable String action, @Nullable String target,
            @Nullable String from, @Nullable String to) {
        return new AuditQuery(actor(actor), checked("action", action, ACTION), checked("target", target, TARGET),
                instant("from", from, Instant.EPOCH), instant("to", to, Instant.parse("9999-12-31T23:59:59Z")));
    }

    private static @Nullable String actor(@Nullable String actor) {
        if (actor == null || actor.equals(AuditRecord.PLATFORM)) {
            return actor;
        }
        String id = actor.startsWith("account:") ? actor.substring("account:".length()) : actor;
        try {
            return AuditRecord.account(UUID.fromString(id));
        } catch (IllegalArgumentException notAnId) {
            throw ProblemException.invalidField("actor", "must be an account id or \"platform\"");
        }
    }

    private static @Nullable String checked(String field, @Nullable String value, Pattern pattern) {
        if (value != null && !pattern.matcher(value).matches()) {
            throw ProblemException.invalidField(field, "is not a value the audit log holds");
        }
        return value;
    }

    private static Instant instant(String field, @Nullable String value, Instant otherwise) {
        if (value == null) {
            return otherwise;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(field, "must be an ISO-8601 instant, e.g. 2026-12-01T00:00:00Z");
        }
    }
}
