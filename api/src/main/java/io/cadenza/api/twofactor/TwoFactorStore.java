package io.cadenza.api.twofactor;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** TOTP enrolments and recovery codes ({@code account_two_factor}, {@code account_recovery_code}). */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface TwoFactorStore extends GenericRepository<TwoFactorRecord, UUID> {

    Optional<TwoFactorRecord> findById(UUID accountId);

    @Query("select exists (select 1 from account_two_factor where account_id = :accountId and confirmed_at is not null)")
    boolean isEnabled(UUID accountId);

    /** A pending enrolment, replacing an earlier pending one; an enabled one is left alone (0). */
    @Query("""
            insert into account_two_factor (account_id, secret_sealed, created_at) values (:accountId, :sealed, :at)
            on conflict (account_id) do update set secret_sealed = excluded.secret_sealed, created_at = excluded.created_at,
                last_used_step = 0
            where account_two_factor.confirmed_at is null""")
    int begin(UUID accountId, byte[] sealed, Instant at);

    @Query("""
            update account_two_factor set confirmed_at = :at, last_used_step = :step
            where account_id = :accountId and confirmed_at is null and last_used_step < :step""")
    int confirm(UUID accountId, long step, Instant at);

    /**
     * Accepts a code of {@code step} when no code of that step or a later one was: the row's lock makes two
     * concurrent uses of one code a single acceptance.
     */
    @Query("""
            update account_two_factor set last_used_step = :step
            where account_id = :accountId and confirmed_at is not null and last_used_step < :step""")
    int use(UUID accountId, long step);

    @Query("delete from account_two_factor where account_id = :accountId")
    int remove(UUID accountId);

    @Query("delete from account_recovery_code where account_id = :accountId")
    void removeRecoveryCodes(UUID accountId);

    @Query("insert into account_recovery_code (account_id, code_hash, issued_at) values (:accountId, :codeHash, :at)")
    void addRecoveryCode(UUID accountId, byte[] codeHash, Instant at);

    @Query("""
            update account_recovery_code set used_at = :at
            where account_id = :accountId and code_hash = :codeHash and used_at is null""")
    int useRecoveryCode(UUID accountId, byte[] codeHash, Instant at);

    @Query("select count(*) from account_recovery_code where account_id = :accountId and used_at is null")
    int recoveryCodesLeft(UUID accountId);
}
