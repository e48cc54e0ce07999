package io.cadenza.api.holdings;

import io.cadenza.api.offerings.OfferingDirectory;
import io.cadenza.indexer.query.Holding;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.UUID;
import org.web3j.crypto.Keys;

/**
 * What one of the caller's wallets holds of one offering, and the dividends it can claim now (in the payout token's
 * smallest unit). {@code offeringId} is null for a share token this API did not create.
 */
@Serdeable
public record HoldingView(@Nullable UUID offeringId, @Nullable UUID masterId, String sharesAddress, String wallet,
        String shares, String totalShares, String percentage, String claimableMinorUnits, String payoutToken) {

    static HoldingView of(Holding holding, @Nullable OfferingDirectory.Entry offering) {
        BigDecimal percentage = holding.totalShares().signum() == 0 ? BigDecimal.ZERO
                : new BigDecimal(holding.shares()).multiply(BigDecimal.valueOf(100))
                        .divide(new BigDecimal(holding.totalShares()), 6, RoundingMode.HALF_EVEN);
        return new HoldingView(offering == null ? null : offering.offeringId(), offering == null ? null : offering.masterId(),
                Keys.toChecksumAddress(holding.sharesAddress()), Keys.toChecksumAddress(holding.holder()),
                holding.shares().toString(), holding.totalShares().toString(), percentage.toPlainString(),
                holding.claimable().toString(), Keys.toChecksumAddress(holding.payoutToken()));
    }
}
