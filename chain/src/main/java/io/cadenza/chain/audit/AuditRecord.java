package io.cadenza.chain.audit;

import io.micronaut.core.annotation.Nullable;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * An action to append to the audit log.
 *
 * @param actor who acted: {@link #account} for an account (the one that caused it, for chain writes), or
 *     {@link #PLATFORM}
 * @param action what was done, dotted lower case, e.g. {@code offering.pause}
 * @param target what it was done to, as {@code kind:id} (e.g. {@code offering:7}), or null
 * @param before the state the action changed, before it, where that applies
 * @param after the state after it (or what was asked for), where that applies
 */
public record AuditRecord(String actor, String action, @Nullable String target, @Nullable Map<String, ?> before,
        @Nullable Map<String, ?> after) {
    public static final String PLATFORM = "platform";
    private static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9_.-]{0,79}");

    public AuditRecord {
        Objects.requireNonNull(actor, "actor");
        if (actor.isEmpty() || actor.length() > 100) {
            throw new IllegalArgumentException("an actor is 1 to 100 characters");
        }
        if (!ACTION.matcher(action).matches()) {
            throw new IllegalArgumentException("not an action name: " + action);
        }
        if (target != null && (target.isEmpty() || target.length() > 200)) {
            throw new IllegalArgumentException("a target is 1 to 200 characters");
        }
    }

    public static String account(UUID accountId) {
        return "account:" + accountId;
    }

    /** What an account did, with no state to show. */
    public static AuditRecord of(UUID accountId, String action, @Nullable String target) {
        return new AuditRecord(account(accountId), action, target, null, null);
    }

    /** A state from keys and values, in that order; null values are left out. */
    public static Map<String, Object> state(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values come in pairs");
        }
        Map<String, Object> state = new java.util.LinkedHashMap<>();
        for (int index = 0; index < keysAndValues.length; index += 2) {
            Object value = keysAndValues[index + 1];
            if (value != null) {
                state.put((String) keysAndValues[index], value instanceof UUID || value instanceof Enum<?>
                        || value instanceof java.math.BigInteger || value instanceof java.math.BigDecimal
                        ? value.toString() : value);
            }
        }
        return state;
    }

    public AuditRecord withBefore(Map<String, ?> state) {
        return new AuditRecord(actor, action, target, state, after);
    }

    public AuditRecord withAfter(Map<String, ?> state) {
        return new AuditRecord(actor, action, target, before, state);
    }
}
