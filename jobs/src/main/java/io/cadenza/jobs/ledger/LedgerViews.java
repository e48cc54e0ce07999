package io.cadenza.jobs.ledger;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.DataType;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The ledger as admins read it: accounts with balances, entries with their postings, an account's history. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface LedgerViews extends GenericRepository<LedgerViews.EntryRow, Long> {

    @MappedEntity("ledger_entry")
    record EntryRow(@Id long id, String businessKey, String description, @Nullable Long reverses, Instant occurredAt,
            Instant recordedAt) {}

    @Introspected
    record AccountBalance(String code, String kind, String scope, String asset,
            @TypeDef(type = DataType.BIGDECIMAL) BigInteger balance, @Nullable Long lastEntryId) {}

    @Introspected
    record PostingRow(long entryId, String account, @TypeDef(type = DataType.BIGDECIMAL) BigInteger amount,
            @TypeDef(type = DataType.BIGDECIMAL) BigInteger balanceAfter) {}

    @Introspected
    record HistoryRow(long entryId, String businessKey, String description, Instant occurredAt, Instant recordedAt,
            @TypeDef(type = DataType.BIGDECIMAL) BigInteger amount,
            @TypeDef(type = DataType.BIGDECIMAL) BigInteger balanceAfter) {}

    /** Accounts in code order after {@code afterCode}, those whose code starts with {@code prefix}. */
    @Query("""
            select a.code, a.kind, a.scope, a.asset, coalesce(b.balance, 0) as balance, b.last_entry_id
            from ledger_account a left join ledger_balance b on b.account_id = a.id
            where a.code > :afterCode and left(a.code, length(:prefix)) = :prefix order by a.code limit :limit""")
    List<AccountBalance> accounts(String afterCode, String prefix, int limit);

    /** The sum of the balances of the accounts whose code starts with {@code prefix}. */
    @Query("""
            select coalesce(sum(b.balance), 0) from ledger_account a join ledger_balance b on b.account_id = a.id
            where left(a.code, length(:prefix)) = :prefix""")
    @TypeDef(type = DataType.BIGDECIMAL)
    java.math.BigDecimal total(String prefix);

    /** What one holder claimed in one payout token, over every offering (the sum of its claimed accounts). */
    default java.math.BigDecimal totalOfHolder(String holder, String asset) {
        // The pattern is bound, not written in the query: a literal ':holder' would read as a parameter.
        return claimedLike("offering:%:holder:" + holder, asset);
    }

    @Query("""
            select coalesce(sum(b.balance), 0) from ledger_account a join ledger_balance b on b.account_id = a.id
            where a.kind = 'CLAIMED' and a.asset = :asset and a.scope like :scopePattern""")
    @TypeDef(type = DataType.BIGDECIMAL)
    java.math.BigDecimal claimedLike(String scopePattern, String asset);

    /** Entries newest first, below {@code beforeId}. */
    @Query("select * from ledger_entry where id < :beforeId order by id desc limit :limit")
    List<EntryRow> entries(long beforeId, int limit);

    Optional<EntryRow> findById(long id);

    @Query("""
            select p.entry_id, a.code as account, p.amount, p.balance_after from ledger_posting p
            join ledger_account a on a.id = p.account_id where p.entry_id in (:entryIds) order by p.entry_id, p.id""")
    List<PostingRow> postings(Collection<Long> entryIds);

    /** One account's postings newest first, below entry {@code beforeEntryId}, each with the balance after it. */
    @Query("""
            select p.entry_id, e.business_key, e.description, e.occurred_at, e.recorded_at, p.amount, p.balance_after
            from ledger_posting p join ledger_account a on a.id = p.account_id join ledger_entry e on e.id = p.entry_id
            where a.code = :code and p.entry_id < :beforeEntryId order by p.entry_id desc, p.id desc limit :limit""")
    List<HistoryRow> history(String code, long beforeEntryId, int limit);
}
