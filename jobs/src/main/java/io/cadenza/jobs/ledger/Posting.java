package io.cadenza.jobs.ledger;

import java.math.BigInteger;
import java.util.Objects;

/** One side of an entry: a debit (positive) or a credit (negative) of an account, in its asset's minor units. */
public record Posting(LedgerAccount account, BigInteger amount) {
    /** Amounts fit in {@code numeric(78)}: a uint256, as token amounts are. */
    static final BigInteger AMOUNT_MAX = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

    public Posting {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(amount, "amount");
        if (amount.signum() == 0) {
            throw new IllegalArgumentException("a posting of zero moves nothing");
        }
        if (amount.abs().compareTo(AMOUNT_MAX) > 0) {
            throw new IllegalArgumentException("an amount beyond 256 bits: " + amount);
        }
    }

    public static Posting debit(LedgerAccount account, BigInteger amount) {
        return new Posting(account, amount);
    }

    public static Posting credit(LedgerAccount account, BigInteger amount) {
        return new Posting(account, amount.negate());
    }

    Posting negated() {
        return new Posting(account, amount.negate());
    }
}
