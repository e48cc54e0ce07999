package io.cadenza.api.audit;

import io.cadenza.chain.audit.AuditEntry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HexFormat;

/** An audit entry as admins read it; {@code before} and {@code after} are the states as JSON. */
@Serdeable
public record AuditEntryView(long seq, Instant recordedAt, String actor, String action, @Nullable String target,
        @Nullable String requestId, @Nullable String clientAddress, @Nullable JsonNode before,
        @Nullable JsonNode after, String previousHash, String hash) {

    static AuditEntryView of(AuditEntry entry, JsonMapper json) {
        return new AuditEntryView(entry.seq(), entry.recordedAt(), entry.actor(), entry.action(), entry.target(),
                entry.requestId(), entry.clientAddress(), tree(entry.beforeState(), json),
                tree(entry.afterState(), json), HexFormat.of().formatHex(entry.previousHash()),
                HexFormat.of().formatHex(entry.entryHash()));
    }

    private static @Nullable JsonNode tree(@Nullable String text, JsonMapper json) {
        if (text == null) {
            return null;
        }
        try {
            return json.readValue(text, JsonNode.class);
        } catch (IOException e) {
            throw new UncheckedIOException("an audited state is not JSON", e);
        }
    }
}
