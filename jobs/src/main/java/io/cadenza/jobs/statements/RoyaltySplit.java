package io.cadenza.jobs.statements;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.UUID;

/**
 * A master's income from an approved statement in one currency, as converted and split ({@code royalty_split}), keyed
 * by the ledger entry that posted it (which records the rate with it).
 */
@MappedEntity("royalty_split")
public record RoyaltySplit(@Id long ledgerEntryId, UUID statementId, UUID masterId, UUID artistId, String currency,
        @TypeDef(type = DataType.BIGDECIMAL) BigInteger grossMinor, BigDecimal exchangeRate, String payoutToken,
        @TypeDef(type = DataType.BIGDECIMAL) BigInteger payoutUnits, int royaltyShareBps,
        @TypeDef(type = DataType.BIGDECIMAL) BigInteger holderUnits,
        @TypeDef(type = DataType.BIGDECIMAL) BigInteger artistUnits) {}
