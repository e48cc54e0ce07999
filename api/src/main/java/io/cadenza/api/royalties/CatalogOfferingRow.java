package io.cadenza.api.royalties;

import io.micronaut.core.annotation.Introspected;
import java.time.Instant;
import java.util.UUID;

/** What royalties read of an offering on chain ({@code catalog_offering}). */
@Introspected
record CatalogOfferingRow(UUID id, UUID masterId, String sharesAddress, String payoutToken, long totalShares,
        Instant createdAt) {}
