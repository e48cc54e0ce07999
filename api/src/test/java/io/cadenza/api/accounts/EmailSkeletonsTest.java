package io.cadenza.api.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.api.testing.TestApplication;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Accounts made before skeletons were kept get theirs at start-up; of two that already look alike, the second keeps
 * none (and the start-up goes on), and a new sign-up that looks like either is refused.
 */
@ExtendWith(TestApplication.Extension.class)
class EmailSkeletonsTest {

    @Test
    void olderAccountsGetTheirSkeletonsAndLookalikesAmongThemDoNotStopTheStart(TestApplication application)
            throws Exception {
        DataSource database = application.context().getBean(io.cadenza.chain.database.CurrentTransaction.class)
                .sessions();
        String local = "old" + UUID.randomUUID().toString().substring(0, 8).replace("a", "b").replace("e", "f");
        UUID latin = insertWithoutSkeleton(database, local + "a@example.test");
        UUID cyrillic = insertWithoutSkeleton(database, local + "а@example.test"); // U+0430

        application.context().getBean(EmailSkeletons.class).onStartup(null);

        assertThat(skeleton(database, latin)).isEqualTo(EmailAddress.skeleton(local + "a@example.test"));
        assertThat(skeleton(database, cyrillic)).isNull();
        assertThat(application.client().post("/v1/accounts", io.cadenza.api.testing.ApiClient.object("email",
                local.toUpperCase() + "A@EXAMPLE.TEST".replace("E", "Е"), "password",
                io.cadenza.api.testing.ApiClient.PASSWORD, "role", "INVESTOR"), null).status()).isEqualTo(400);
    }

    private static UUID insertWithoutSkeleton(DataSource database, String email) throws Exception {
        UUID id = UUID.randomUUID();
        try (Connection connection = database.getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                        insert into account_user (id, email, email_key, password_hash, role, created_at)
                        values (?, ?, ?, 'not a hash', 'INVESTOR', now())""")) {
            insert.setObject(1, id);
            insert.setString(2, email);
            insert.setString(3, email.toLowerCase());
            insert.executeUpdate();
        }
        return id;
    }

    private static String skeleton(DataSource database, UUID id) throws Exception {
        try (Connection connection = database.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select email_skeleton from account_user where id = ?")) {
            select.setObject(1, id);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }
    }
}
