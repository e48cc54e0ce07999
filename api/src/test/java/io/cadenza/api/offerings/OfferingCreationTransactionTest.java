package io.cadenza.api.offerings;

import static io.cadenza.api.testing.ApiClient.object;
import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.api.testing.ApiClient;
import io.cadenza.api.testing.ApiClient.Answer;
import io.cadenza.api.testing.ApiClient.Session;
import io.cadenza.api.testing.CatalogFixtures;
import io.cadenza.api.testing.TestApplication;
import io.cadenza.chain.deployment.DeploymentManifest;
import io.cadenza.chain.testing.TestServices;
import io.cadenza.chain.testing.TestSql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An offering and the chain intent that creates it commit in one transaction: a failure between the two leaves
 * neither, and an offering stored without its intent (as the code before this transaction did when the submit
 * failed) is picked up by the progress pass, which submits the intent, and goes LIVE.
 */
@ExtendWith(TestApplication.Extension.class)
class OfferingCreationTransactionTest {
    private final ApiClient api;
    private final CatalogFixtures catalog;
    private final DataSource database;
    private final DeploymentManifest manifest;

    OfferingCreationTransactionTest(TestApplication application, TestServices services) {
        this.api = application.client();
        this.catalog = new CatalogFixtures(api);
        this.database = services.dataSource();
        this.manifest = application.context().getBean(DeploymentManifest.class);
    }

    @Test
    void anOfferingAndItsCreationIntentCommitTogetherOrNotAtAll() throws Exception {
        Session artist = catalog.artist();
        String masterId = catalog.registeredMaster(artist);
        String name = "Faulty " + UUID.randomUUID().toString().substring(0, 8);
        Object terms = withName(name);

        // A real failure between the two writes: the intent's insert is refused by the database itself.
        try (InsertFault fault = InsertFault.onChainIntentsMentioning(database, name)) {
            Answer refused = api.post("/v1/masters/" + masterId + "/offerings", terms, artist.accessToken());
            assertThat(refused.status()).as(refused.toString()).isGreaterThanOrEqualTo(500);
        }
        assertThat(count("select count(*) from catalog_offering where master_id = ?::uuid", masterId))
                .as("the offering rolled back with its intent").isZero();
        assertThat(count("select count(*) from chain_tx where position(convert_to(?, 'UTF8') in calldata) > 0", name))
                .isZero();

        Answer created = api.post("/v1/masters/" + masterId + "/offerings", terms, artist.accessToken());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        catalog.awaitOffering(created.json().get("id").asText(), artist, "LIVE");
        assertThat(count("select count(*) from chain_tx where position(convert_to(?, 'UTF8') in calldata) > 0", name))
                .isEqualTo(1);
    }

    @Test
    void anOfferingStoredWithoutItsIntentIsSubmittedByTheProgressPassAndGoesLive() throws Exception {
        Session artist = catalog.artist();
        String masterId = catalog.registeredMaster(artist);
        UUID id = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (Connection connection = database.getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                        insert into catalog_offering (id, master_id, name, symbol, total_shares, price_per_share,
                            payout_token, payment_token, sale_starts_at, sale_ends_at, transfers_restricted, status,
                            creation_key, created_at, updated_at, next_check_at)
                        values (?, ?::uuid, 'Orphan Shares', 'ORPH', 500, 2000000, ?, ?, ?, ?, false, 'CREATING',
                            ?, now(), now(), now())""")) {
            insert.setObject(1, id);
            insert.setString(2, masterId);
            insert.setString(3, manifest.stablecoin().toLowerCase());
            insert.setString(4, manifest.stablecoin().toLowerCase());
            insert.setTimestamp(5, Timestamp.from(now.minus(1, ChronoUnit.HOURS)));
            insert.setTimestamp(6, Timestamp.from(now.plus(30, ChronoUnit.DAYS)));
            insert.setString(7, "offering:" + id + ":create");
            insert.executeUpdate();
        }

        catalog.awaitOffering(id.toString(), artist, "LIVE");
        assertThat(count("select count(*) from chain_tx where idempotency_key = ?", "offering:" + id + ":create"))
                .isEqualTo(1);
    }

    private static Object withName(String name) {
        var terms = (com.fasterxml.jackson.databind.node.ObjectNode) CatalogFixtures.terms(500);
        return terms.setAll(object("name", name, "symbol", "FLT"));
    }

    private long count(String sql, String parameter) throws SQLException {
        return TestSql.count(database, sql, parameter);
    }

    /** A trigger that refuses the insert of chain intents whose calldata mentions a text; dropped on close. */
    private static final class InsertFault implements AutoCloseable {
        private final DataSource database;
        private final String name;

        private InsertFault(DataSource database, String name) {
            this.database = database;
            this.name = name;
        }

        static InsertFault onChainIntentsMentioning(DataSource database, String text) throws SQLException {
            String name = "fault_" + UUID.randomUUID().toString().replace("-", "");
            try (Connection connection = database.getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("create function " + name + "() returns trigger language plpgsql as $$ begin"
                        + " if position(convert_to('" + text.replace("'", "''") + "', 'UTF8') in new.calldata) > 0"
                        + " then raise exception 'injected fault'; end if; return new; end $$");
                statement.execute("create trigger " + name + " before insert on chain_tx for each row execute function "
                        + name + "()");
            }
            return new InsertFault(database, name);
        }

        @Override
        public void close() throws SQLException {
            try (Connection connection = database.getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("drop trigger " + name + " on chain_tx");
                statement.execute("drop function " + name + "()");
            }
        }
    }
}
