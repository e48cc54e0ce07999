package io.cadenza.api.offerings;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.UUID;
import org.web3j.crypto.Keys;

/** An offering as the API shows it; addresses EIP-55, amounts as decimal strings. */
@Serdeable
public record OfferingView(UUID id, UUID masterId, OfferingStatus status, @Nullable String failureReason, String name,
        String symbol, long totalShares, String pricePerShareMinorUnits, String paymentToken, String payoutToken,
        Instant saleStartsAt, Instant saleEndsAt, boolean transfersRestricted, @Nullable String sharesAddress,
        @Nullable String saleAddress, Instant createdAt, Instant updatedAt) {

    public static OfferingView of(Offering offering) {
        return new OfferingView(offering.id(), offering.masterId(), offering.status(), offering.failureReason(),
                offering.name(), offering.symbol(), offering.totalShares(), offering.pricePerShare().toString(),
                Keys.toChecksumAddress(offering.paymentToken()), Keys.toChecksumAddress(offering.payoutToken()),
                offering.saleStartsAt(), offering.saleEndsAt(), offering.transfersRestricted(),
                checksummed(offering.sharesAddress()), checksummed(offering.saleAddress()), offering.createdAt(),
                offering.updatedAt());
    }

    private static @Nullable String checksummed(@Nullable String address) {
        return address == null ? null : Keys.toChecksumAddress(address);
    }
}
