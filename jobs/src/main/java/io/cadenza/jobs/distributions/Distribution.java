package io.cadenza.jobs.distributions;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.math.BigInteger;
import java.time.Instant;
import java.util.UUID;

/** A distribution of a statement's pool to one offering ({@code royalty_distribution}), in payout-token units. */
@MappedEntity("royalty_distribution")
public record Distribution(@Id UUID id, UUID statementId, UUID masterId, UUID offeringId, String sharesToken,
        String payoutToken, @TypeDef(type = DataType.BIGDECIMAL) BigInteger amount, DistributionStatus status,
        int attempt, @Nullable String reason, @Nullable String transactionHash,
        @Nullable @TypeDef(type = DataType.BIGDECIMAL) BigInteger chainDistributionId, @Nullable Long blockNumber,
        @Nullable @TypeDef(type = DataType.BIGDECIMAL) BigInteger unitsAssigned,
        @Nullable @TypeDef(type = DataType.BIGDECIMAL) BigInteger carriedChange, Instant createdAt,
        Instant updatedAt) {

    public static Distribution planned(UUID statementId, UUID masterId, UUID offeringId, String sharesToken,
            String payoutToken, BigInteger amount, Instant now) {
        return new Distribution(UUID.randomUUID(), statementId, masterId, offeringId, sharesToken, payoutToken, amount,
                DistributionStatus.PLANNED, 1, null, null, null, null, null, null, now, now);
    }

    /** The outbox keys of this attempt's calls: a retry's are new, so it is one new attempt on chain. */
    public String intentKey(String call) {
        return "distribution:" + id + ":" + attempt + ":" + call;
    }
}
