package io.cadenza.api.admin;

import io.cadenza.chain.outbox.GasSpending;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.LocalDate;
import java.util.List;

/** The operator's gas report: per UTC day and per account; wei as decimal strings (they exceed JSON's integers). */
@Serdeable
public record GasSpendingView(List<Day> days, List<Requester> byAccount) {
    @Serdeable
    public record Day(LocalDate day, long transactions, long gasUsed, String weiSpent) {}

    @Serdeable
    public record Requester(@Nullable String requestedBy, long transactions, long gasUsed, String weiSpent) {}

    static GasSpendingView of(GasSpending spending) {
        return new GasSpendingView(
                spending.days().stream().map(day -> new Day(day.day(), day.transactions(), day.gasUsed(),
                        day.weiSpent().toString())).toList(),
                spending.requesters().stream().map(requester -> new Requester(requester.requestedBy(),
                        requester.transactions(), requester.gasUsed(), requester.weiSpent().toString())).toList());
    }
}
