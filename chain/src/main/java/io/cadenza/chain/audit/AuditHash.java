package io.cadenza.chain.audit;

import io.micronaut.core.annotation.Nullable;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;

/**
 * An entry's hash: SHA-256 over its fields and the previous entry's hash. Each field is written with its length
 * first (-1 for null), so no two different entries encode alike (an actor ending where an action begins, say).
 */
final class AuditHash {
    static final byte[] GENESIS = new byte[32];

    private AuditHash() {}

    static byte[] of(long seq, Instant recordedAt, String actor, String action, @Nullable String target,
            @Nullable String requestId, @Nullable String clientAddress, @Nullable String before,
            @Nullable String after, byte[] previousHash) {
        MessageDigest digest = sha256();
        digest.update(ByteBuffer.allocate(8).putLong(seq).array());
        // Microseconds since the epoch: what PostgreSQL keeps of an instant.
        long micros = Math.addExact(Math.multiplyExact(recordedAt.getEpochSecond(), 1_000_000L),
                recordedAt.getNano() / 1_000);
        digest.update(ByteBuffer.allocate(8).putLong(micros).array());
        for (String field : new String[] {actor, action, target, requestId, clientAddress, before, after}) {
            if (field == null) {
                digest.update(ByteBuffer.allocate(4).putInt(-1).array());
            } else {
                byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
                digest.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
                digest.update(bytes);
            }
        }
        digest.update(previousHash);
        return digest.digest();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
