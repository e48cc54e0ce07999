package io.cadenza.api.masters;

import io.micronaut.core.annotation.Nullable;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A stored master. */
public record Master(UUID id, UUID artistId, String artistWallet, String title, String artistName, String isrc,
        LocalDate releaseDate, int royaltyShareBps, MasterStatus status, @Nullable MasterStatus.Step failedStep,
        @Nullable String failureReason, StoredFile audio, @Nullable StoredFile cover, StoredFile metadata,
        int registrationAttempt, @Nullable String registrationKey, @Nullable BigInteger tokenId, Instant createdAt,
        Instant updatedAt) {

    public Isrc parsedIsrc() {
        return Isrc.parse(isrc).orElseThrow();
    }
}
