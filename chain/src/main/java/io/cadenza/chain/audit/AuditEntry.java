package io.cadenza.chain.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** An entry of the audit log as stored: the action, where it came from, and its place in the hash chain. */
@MappedEntity("audit_entry")
public record AuditEntry(@Id long seq, Instant recordedAt, String actor, String action, @Nullable String target,
        @Nullable String requestId, @Nullable String clientAddress, @Nullable String beforeState,
        @Nullable String afterState, byte[] previousHash, byte[] entryHash) {

    /** The hash this entry must carry, computed from its fields and its predecessor's hash. */
    public byte[] expectedHash() {
        return AuditHash.of(seq, recordedAt, actor, action, target, requestId, clientAddress, beforeState, afterState,
                previousHash);
    }
}
