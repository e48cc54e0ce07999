package io.cadenza.jobs.statements;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The split of one master's income: no unit made or lost, whatever the amounts, rates, shares and offerings. */
class IncomeSplitTest {

    private static RoyaltyCatalog.CatalogOffering offering(long totalShares) {
        return new RoyaltyCatalog.CatalogOffering(UUID.randomUUID(), UUID.randomUUID(), "0x" + "1".repeat(40),
                "0x" + "2".repeat(40), totalShares, Instant.now());
    }

    @Test
    void severalOfferingsShareThePoolByTotalSharesTheRoundingToTheOldest() {
        IncomeSplit split = IncomeSplit.of(BigInteger.valueOf(1_000), 2, BigDecimal.ONE, 6, 3_333,
                List.of(offering(1), offering(2)));
        // 10.00 USD = 10,000,000 units; 33.33 % = 3,333,000 to the pool: 1,111,000 and 2,222,000.
        assertThat(split.payoutUnits()).isEqualTo(10_000_000);
        assertThat(split.holderUnits()).isEqualTo(3_333_000);
        assertThat(split.perOffering()).extracting(IncomeSplit.Part::units)
                .containsExactly(BigInteger.valueOf(1_111_000), BigInteger.valueOf(2_222_000));
        IncomeSplit uneven = IncomeSplit.of(BigInteger.ONE, 2, BigDecimal.ONE, 2, 10_000,
                List.of(offering(3), offering(3), offering(3)));
        assertThat(uneven.perOffering()).extracting(IncomeSplit.Part::units)
                .containsExactly(BigInteger.ONE, BigInteger.ZERO, BigInteger.ZERO);
    }

    @Test
    void withNoOfferingTheArtistGetsTheWhole() {
        IncomeSplit split = IncomeSplit.of(BigInteger.valueOf(250), 2, new BigDecimal("0.5"), 6, 5_000, List.of());
        assertThat(split.payoutUnits()).isEqualTo(1_250_000);
        assertThat(split.artistUnits()).isEqualTo(1_250_000);
        assertThat(split.perOffering()).isEmpty();
    }

    @Test
    void randomSplitsNeitherMakeNorLoseAUnit() {
        Random random = new Random(20261206);
        for (int i = 0; i < 5_000; i++) {
            List<RoyaltyCatalog.CatalogOffering> offerings = new ArrayList<>();
            for (int n = random.nextInt(4); n > 0; n--) {
                offerings.add(offering(1 + random.nextInt(1_000_000)));
            }
            BigInteger gross = BigInteger.valueOf(1 + (random.nextLong() & Long.MAX_VALUE) % 10_000_000_000L);
            BigDecimal rate = BigDecimal.valueOf(1 + random.nextInt(2_000_000), 6);
            int bps = random.nextInt(10_001);
            IncomeSplit split = IncomeSplit.of(gross, 2, rate, 6 + random.nextInt(13), bps, offerings);
            assertThat(split.holderUnits().add(split.artistUnits())).isEqualTo(split.payoutUnits());
            BigInteger parts = split.perOffering().stream().map(IncomeSplit.Part::units)
                    .reduce(BigInteger.ZERO, BigInteger::add);
            assertThat(parts).isEqualTo(split.holderUnits());
            assertThat(split.perOffering()).allSatisfy(part -> assertThat(part.units().signum()).isNotNegative());
        }
    }
}
