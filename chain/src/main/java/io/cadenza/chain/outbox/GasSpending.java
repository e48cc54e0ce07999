package io.cadenza.chain.outbox;

import io.micronaut.core.annotation.Nullable;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.List;

/**
 * What the operator's gas paid for over a period: per UTC day (of the receipt), and per account that caused the
 * writes ({@code requestedBy}, null for the platform's own). Reverted transactions cost gas too, and count.
 */
public record GasSpending(List<Day> days, List<Requester> requesters) {
    public record Day(LocalDate day, long transactions, long gasUsed, BigInteger weiSpent) {}

    public record Requester(@Nullable String requestedBy, long transactions, long gasUsed, BigInteger weiSpent) {}
}
