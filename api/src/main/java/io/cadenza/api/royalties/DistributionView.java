package io.cadenza.api.royalties;

import io.cadenza.jobs.distributions.Distribution;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigInteger;
import java.time.Instant;
import java.util.UUID;

/**
 * A distribution as admins see it; amounts are payout-token base units, as decimal text. {@code reason} says why it
 * waits (AWAITING_FUNDS) or failed (the decoded revert); {@code unitsAssigned} and {@code carriedChange} are what the
 * contract credited to holders and how its carried remainder moved, once CONFIRMED.
 */
@Serdeable
public record DistributionView(UUID id, UUID statementId, UUID masterId, UUID offeringId, String sharesToken,
        String payoutToken, String amount, String status, int attempt, @Nullable String reason,
        @Nullable String transactionHash, @Nullable String chainDistributionId, @Nullable Long blockNumber,
        @Nullable String unitsAssigned, @Nullable String carriedChange, Instant createdAt, Instant updatedAt) {

    static DistributionView of(Distribution d) {
        return new DistributionView(d.id(), d.statementId(), d.masterId(), d.offeringId(), d.sharesToken(),
                d.payoutToken(), d.amount().toString(), d.status().name(), d.attempt(), d.reason(),
                d.transactionHash(), text(d.chainDistributionId()), d.blockNumber(), text(d.unitsAssigned()),
                text(d.carriedChange()), d.createdAt(), d.updatedAt());
    }

    private static @Nullable String text(@Nullable BigInteger value) {
        return value == null ? null : value.toString();
    }
}
