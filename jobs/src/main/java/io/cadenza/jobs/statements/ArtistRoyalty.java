package io.cadenza.jobs.statements;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** What an artist sees of one approved statement for one of their masters: the income and how it was shared. */
@Introspected
public record ArtistRoyalty(long ledgerEntryId, UUID statementId, String source, LocalDate periodStart,
        LocalDate periodEnd, Instant approvedAt, UUID masterId, String currency,
        @TypeDef(type = DataType.BIGDECIMAL) BigInteger grossMinor, BigDecimal exchangeRate, String payoutToken,
        @TypeDef(type = DataType.BIGDECIMAL) BigInteger payoutUnits, int royaltyShareBps,
        @TypeDef(type = DataType.BIGDECIMAL) BigInteger holderUnits,
        @TypeDef(type = DataType.BIGDECIMAL) BigInteger artistUnits) {}
