package io.cadenza.api.royalties;

import io.cadenza.jobs.statements.LineMatch;
import io.cadenza.jobs.statements.RoyaltyStatement;
import io.cadenza.jobs.statements.StatementLineStore;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.time.YearMonth;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A statement as admins see it: its period (months), status, who recorded it and who approved, and its lines counted
 * by how they matched.
 */
@Serdeable
public record StatementView(UUID id, String source, String periodStart, String periodEnd, String status,
        UUID recordedBy, Instant recordedAt, @Nullable Instant decidedAt, int lineCount, Map<LineMatch, Long> lines,
        List<UUID> approvedBy, int approvalsRequired) {

    static StatementView of(RoyaltyStatement statement, List<StatementLineStore.MatchCount> counts,
            List<UUID> approvers, int approvalsRequired) {
        Map<LineMatch, Long> lines = new EnumMap<>(LineMatch.class);
        for (LineMatch match : LineMatch.values()) {
            lines.put(match, 0L);
        }
        counts.forEach(count -> lines.put(count.match(), count.lines()));
        return new StatementView(statement.id(), statement.source(),
                YearMonth.from(statement.periodStart()).toString(), YearMonth.from(statement.periodEnd()).toString(),
                statement.status().name(), statement.recordedBy(), statement.recordedAt(), statement.decidedAt(),
                statement.lineCount(), lines, approvers, approvalsRequired);
    }
}
