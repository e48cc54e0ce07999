package io.cadenza.jobs.statements;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.UUID;

/** A statement's line as matched ({@code royalty_statement_line}); the gross in the currency's minor units. */
@MappedEntity("royalty_statement_line")
public record StatementLine(@Id @GeneratedValue @Nullable Long id, UUID statementId, int lineNo, @Nullable String isrc,
        LocalDate periodStart, @TypeDef(type = DataType.BIGDECIMAL) BigInteger grossMinor, String currency,
        @Nullable BigDecimal exchangeRate, LineMatch match, @Nullable UUID masterId, @Nullable String reason,
        @Nullable UUID resolvedBy) {}
