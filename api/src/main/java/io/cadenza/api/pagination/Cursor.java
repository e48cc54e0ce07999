package io.cadenza.api.pagination;

import io.cadenza.api.problem.ProblemException;
import io.micronaut.core.annotation.Nullable;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Opaque cursors: the position after the last item of a page, as base64url text, so that clients cannot depend on
 * what it holds and it can change without breaking them.
 */
public final class Cursor {
    public static final int LIMIT_DEFAULT = 20;
    public static final int LIMIT_MAX = 100;
    private static final int CURSOR_LENGTH_MAX = 512;
    private static final String SEPARATOR = "|";

    private Cursor() {}

    public static String encode(String... parts) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(String.join(SEPARATOR, parts).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor's parts, checked to be {@code count} of them; a cursor we did not write is a field error. */
    public static @Nullable List<String> decode(@Nullable String cursor, int count) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            if (cursor.length() > CURSOR_LENGTH_MAX) {
                throw new IllegalArgumentException("too long");
            }
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            List<String> parts = List.of(text.split("\\" + SEPARATOR, -1));
            if (parts.size() != count) {
                throw new IllegalArgumentException("wrong shape");
            }
            return parts;
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("cursor", "is not a cursor this list gave");
        }
    }

    /** A position in a list ordered by creation time, then id: what admins' review lists page by. */
    public record CreatedAfter(java.time.Instant createdAt, java.util.UUID id) {
        /** Before every item. */
        public static final CreatedAfter START = new CreatedAfter(java.time.Instant.EPOCH, new java.util.UUID(0, 0));

        public String encode() {
            return Cursor.encode(createdAt.toString(), id.toString());
        }

        /** The position a cursor of such a list names, or {@link #START} without one. */
        public static CreatedAfter decode(@Nullable String cursor) {
            List<String> parts = Cursor.decode(cursor, 2);
            if (parts == null) {
                return START;
            }
            try {
                return new CreatedAfter(java.time.Instant.parse(parts.get(0)), java.util.UUID.fromString(parts.get(1)));
            } catch (RuntimeException notOurs) {
                throw ProblemException.invalidField("cursor", "is not a cursor this list gave");
            }
        }
    }

    /** The page size asked for, within bounds. */
    public static int limit(@Nullable Integer limit) {
        if (limit == null) {
            return LIMIT_DEFAULT;
        }
        if (limit < 1 || limit > LIMIT_MAX) {
            throw ProblemException.invalidField("limit", "must be between 1 and " + LIMIT_MAX);
        }
        return limit;
    }
}
