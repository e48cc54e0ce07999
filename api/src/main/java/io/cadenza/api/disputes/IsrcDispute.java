package io.cadenza.api.disputes;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.UUID;

/**
 * An artist's claim to an ISRC another account registered: both accounts, the claim, and the admin's decision
 * (OPEN, UPHELD: the registration is voided, DISMISSED) with its reason.
 */
@Introspected
@io.micronaut.serde.annotation.Serdeable
public record IsrcDispute(UUID id, String isrc, UUID masterId, UUID claimantId, UUID holderId, String claim,
        String status, @Nullable UUID decidedBy, @Nullable String decisionReason, Instant createdAt,
        @Nullable Instant decidedAt) {}
