package io.cadenza.jobs.statements;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A recorded statement ({@code royalty_statement}); its period runs from the first day of its first month. */
@MappedEntity("royalty_statement")
public record RoyaltyStatement(@Id UUID id, String source, LocalDate periodStart, LocalDate periodEnd,
        StatementStatus status, UUID recordedBy, Instant recordedAt, @Nullable Instant decidedAt,
        @Nullable String fileSha256, int lineCount) {}
