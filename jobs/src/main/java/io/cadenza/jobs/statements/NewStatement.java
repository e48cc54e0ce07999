package io.cadenza.jobs.statements;

import io.micronaut.core.annotation.Nullable;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A statement as an admin submits it, before it is checked: where the income comes from, the months it covers, rates
 * into the payout currency, and its lines.
 *
 * @param fileSha256 the uploaded CSV's digest, so that the same file recorded twice is refused; null for JSON
 */
public record NewStatement(String source, YearMonth periodStart, YearMonth periodEnd, Map<String, BigDecimal> rates,
        List<Line> lines, @Nullable String fileSha256) {

    /**
     * One line: what it is for (an ISRC as the distributor printed it, or a master's id), the month it reports, and
     * the gross amount in {@code currency}'s units (e.g. {@code 12.34} USD).
     */
    public record Line(int lineNo, @Nullable String isrc, @Nullable UUID masterId, YearMonth period, BigDecimal amount,
            String currency) {}
}
