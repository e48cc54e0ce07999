package io.cadenza.api.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.api.testing.ApiClient.Session;
import io.cadenza.api.testing.TestApplication;
import io.cadenza.chain.testing.TestServices;
import io.cadenza.chain.testing.TestSql;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Idempotency keys are forgotten after 24 hours, refresh tokens once expired; nothing younger goes. */
@ExtendWith(TestApplication.Extension.class)
class RetentionTest {
    @Test
    void keysOlderThanADayAndExpiredRefreshTokensAreDeletedAndNothingElse(TestApplication application,
            TestServices services) throws Exception {
        DataSource database = services.dataSource();
        Session owner = application.client().signUp("INVESTOR");
        String scope = "retention-test-" + UUID.randomUUID();
        TestSql.execute(database, "insert into api_idempotency_key (scope, idempotency_key, fingerprint, state, created_at)"
                + " values (?, 'old', '\\x00', 'DONE', now() - interval '25 hours'),"
                + " (?, 'fresh', '\\x00', 'DONE', now() - interval '23 hours')", scope, scope);
        UUID family = UUID.randomUUID();
        TestSql.execute(database, "insert into account_refresh_token (token_hash, account_id, family_id, issued_at, expires_at)"
                + " values (sha256(?::bytea), ?::uuid, ?::uuid, now() - interval '31 days', now() - interval '1 day'),"
                + " (sha256(?::bytea), ?::uuid, ?::uuid, now(), now() + interval '1 day')",
                "expired-" + family, owner.id().toString(), family.toString(), "open-" + family,
                owner.id().toString(), family.toString());

        int deleted = application.context().getBean(Retention.class).sweep();

        assertThat(deleted).isGreaterThanOrEqualTo(2);
        assertThat(TestSql.count(database, "select count(*) from api_idempotency_key where scope = ?", scope)).isEqualTo(1);
        assertThat(TestSql.count(database, "select count(*) from api_idempotency_key where scope = ? and idempotency_key"
                + " = 'fresh'", scope)).isEqualTo(1);
        assertThat(TestSql.count(database, "select count(*) from account_refresh_token where family_id = ?::uuid",
                family.toString())).isEqualTo(1);
        assertThat(TestSql.count(database, "select count(*) from account_refresh_token where family_id = ?::uuid"
                + " and expires_at > now()", family.toString())).isEqualTo(1);
    }
}
