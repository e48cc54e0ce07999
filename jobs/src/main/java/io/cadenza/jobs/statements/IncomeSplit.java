package io.cadenza.jobs.statements;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One master's income in one currency, converted and split. The gross, in the currency's minor units, becomes payout
 * token units at the rate (rounded down: a fraction of the token's smallest unit cannot be paid); the master's royalty
 * share of them goes to the holders' pool and the rest to the artist. When the master has several offerings on chain,
 * the pool divides among them in proportion to their total shares (each offering sold that many shares of the same
 * royalty share), the units rounding leaves going to the oldest; with no offering there are no holders, and the
 * artist's share is the whole.
 *
 * @param perOffering the pool's part per offering, in the offerings' order; zero parts are kept, so the order holds
 */
public record IncomeSplit(BigInteger payoutUnits, BigInteger holderUnits, BigInteger artistUnits,
        List<Part> perOffering) {

    public record Part(UUID offeringId, String sharesToken, BigInteger units) {}

    private static final BigInteger BASIS_POINTS = BigInteger.valueOf(10_000);

    public static IncomeSplit of(BigInteger grossMinor, int currencyDigits, BigDecimal rate, int tokenDecimals,
            int royaltyShareBps, List<RoyaltyCatalog.CatalogOffering> offerings) {
        if (grossMinor.signum() <= 0 || rate.signum() <= 0) {
            throw new IllegalArgumentException("gross and rate must be positive");
        }
        BigInteger units = new BigDecimal(grossMinor).multiply(rate).movePointRight(tokenDecimals - currencyDigits)
                .setScale(0, RoundingMode.DOWN).toBigIntegerExact();
        if (offerings.isEmpty()) {
            return new IncomeSplit(units, BigInteger.ZERO, units, List.of());
        }
        BigInteger pool = units.multiply(BigInteger.valueOf(royaltyShareBps)).divide(BASIS_POINTS);
        BigInteger totalShares = offerings.stream().map(offering -> BigInteger.valueOf(offering.totalShares()))
                .reduce(BigInteger.ZERO, BigInteger::add);
        List<Part> parts = new ArrayList<>();
        BigInteger given = BigInteger.ZERO;
        for (RoyaltyCatalog.CatalogOffering offering : offerings) {
            BigInteger part = pool.multiply(BigInteger.valueOf(offering.totalShares())).divide(totalShares);
            parts.add(new Part(offering.id(), offering.sharesToken(), part));
            given = given.add(part);
        }
        Part oldest = parts.getFirst();
        parts.set(0, new Part(oldest.offeringId(), oldest.sharesToken(), oldest.units().add(pool.subtract(given))));
        return new IncomeSplit(units, pool, units.subtract(pool), List.copyOf(parts));
    }
}
