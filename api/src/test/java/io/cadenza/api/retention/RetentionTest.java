package io.cadenza.api.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.api.testing.ApiClient.Session;
import io.cadenza.api.testing.TestApplication;
import io.cadenza.chain.testing.TestServices;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
        execute(database, "insert into api_idempotency_key (scope, idempotency_key, fingerprint, state, created_at)"
                + " values (?, 'old', '\\x00', 'DONE', now() - interval '25 hours'),"
                + " (?, 'fresh', '\\x00', 'DONE', now() - interval '23 hours')", scope, scope);
        UUID family = UUID.randomUUID();
        execute(database, "insert into account_refresh_token (token_hash, account_id, family_id, issued_at, expires_at)"
                + " values (sha256(?::bytea), ?::uuid, ?::uuid, now() - interval '31 days', now() - interval '1 day'),"
                + " (sha256(?::bytea), ?::uuid, ?::uuid, now(), now() + interval '1 day')",
                "expired-" + family, owner.id().toString(), family.toString(), "open-" + family,
                owner.id().toString(), family.toString());

        int deleted = application.context().getBean(Retention.class).sweep();

        assertThat(deleted).isGreaterThanOrEqualTo(2);
        assertThat(count(database, "select count(*) from api_idempotency_key where scope = ?", scope)).isEqualTo(1);
        assertThat(count(database, "select count(*) from api_idempotency_key where scope = ? and idempotency_key"
                + " = 'fresh'", scope)).isEqualTo(1);
        assertThat(count(database, "select count(*) from account_refresh_token where family_id = ?::uuid",
                family.toString())).isEqualTo(1);
        assertThat(count(database, "select count(*) from account_refresh_token where family_id = ?::uuid"
                + " and expires_at > now()", family.toString())).isEqualTo(1);
    }

    private static void execute(DataSource database, String sql, String... parameters) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int index = 0; index < parameters.length; index++) {
                statement.setString(index + 1, parameters[index]);
            }
            statement.executeUpdate();
        }
    }

    private static long count(DataSource database, String sql, String parameter) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, parameter);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
