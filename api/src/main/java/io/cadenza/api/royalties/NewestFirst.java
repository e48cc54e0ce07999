package io.cadenza.api.royalties;

import io.cadenza.api.pagination.Cursor;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.UUID;

/** A position in a list newest first, by creation time then id: before every item when no cursor is given. */
record NewestFirst(Instant before, UUID beforeId) {
    private static final NewestFirst TOP = new NewestFirst(Instant.parse("9999-12-31T23:59:59Z"),
            new UUID(-1L, -1L));

    static NewestFirst decode(@Nullable String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return TOP;
        }
        Cursor.CreatedAfter position = Cursor.CreatedAfter.decode(cursor);
        return new NewestFirst(position.createdAt(), position.id());
    }

    static String encode(Instant createdAt, UUID id) {
        return new Cursor.CreatedAfter(createdAt, id).encode();
    }
}
