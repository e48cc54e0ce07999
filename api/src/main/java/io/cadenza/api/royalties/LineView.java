package io.cadenza.api.royalties;

import io.cadenza.jobs.statements.StatementLine;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.YearMonth;
import java.util.UUID;

/** A statement's line: what it reported (the amount in its currency's units, as text) and how it was matched. */
@Serdeable
public record LineView(int lineNo, @Nullable String isrc, String period, String amount, String currency,
        @Nullable String exchangeRate, String match, @Nullable UUID masterId, @Nullable String reason,
        @Nullable UUID resolvedBy) {

    static LineView of(StatementLine line) {
        return new LineView(line.lineNo(), line.isrc(), YearMonth.from(line.periodStart()).toString(),
                CurrencyAmount.text(line.grossMinor(), line.currency()), line.currency(),
                line.exchangeRate() == null ? null : line.exchangeRate().stripTrailingZeros().toPlainString(),
                line.match().name(), line.masterId(), line.reason(), line.resolvedBy());
    }
}
