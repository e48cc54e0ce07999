package io.cadenza.api.offerings;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.math.BigInteger;
import java.time.Instant;
import java.util.UUID;

/** A stored offering: its terms, where it is, and its contracts once created. Addresses are lower-case. */
@MappedEntity("catalog_offering")
public record Offering(@Id UUID id, UUID masterId, String name, String symbol, long totalShares,
        @TypeDef(type = DataType.BIGDECIMAL) BigInteger pricePerShare,
        String payoutToken, String paymentToken, Instant saleStartsAt, Instant saleEndsAt,
        boolean transfersRestricted, OfferingStatus status, @Nullable String failureReason, String creationKey,
        @Nullable String sharesAddress, @Nullable String saleAddress, Instant createdAt, Instant updatedAt) {

    public Offering with(OfferingStatus next, @Nullable String reason, @Nullable String shares, @Nullable String sale,
            Instant now) {
        return new Offering(id, masterId, name, symbol, totalShares, pricePerShare, payoutToken, paymentToken,
                saleStartsAt, saleEndsAt, transfersRestricted, next, reason, creationKey, shares, sale, createdAt, now);
    }
}
