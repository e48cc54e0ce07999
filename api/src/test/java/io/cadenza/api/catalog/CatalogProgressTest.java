package io.cadenza.api.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.cadenza.api.offerings.Offering;
import io.cadenza.api.offerings.OfferingStore;
import io.cadenza.api.testing.ApiClient;
import io.cadenza.api.testing.ApiClient.Answer;
import io.cadenza.api.testing.ApiClient.Session;
import io.cadenza.api.testing.CatalogFixtures;
import io.cadenza.api.testing.ExternalServices;
import io.cadenza.api.testing.TestApplication;
import io.cadenza.api.testing.TestRedis;
import io.cadenza.chain.testing.TestServices;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The catalog's progress pass picks due work by its next check, claimed with SKIP LOCKED: open sales waiting for
 * their window do not starve a new offering, and two instances claiming at once never take the same row.
 */
@ExtendWith(TestApplication.Extension.class)
class CatalogProgressTest {
    private static final int OPEN_SALES = 150;

    private final TestApplication application;
    private final TestServices services;
    private final ApiClient api;
    private final CatalogFixtures catalog;

    CatalogProgressTest(TestApplication application, TestServices services) {
        this.application = application;
        this.services = services;
        this.api = application.client();
        this.catalog = new CatalogFixtures(api);
    }

    @Test
    void aNewOfferingGoesLiveBehind150OpenSales() throws Exception {
        Session artist = catalog.artist();
        String masterId = catalog.registeredMaster(artist);
        // Open sales that have waited longest: the old pass took the 100 least recently updated rows, every time.
        List<UUID> openSales;
        try (Connection connection = services.dataSource().getConnection()) {
            openSales = insertOpenSales(connection, UUID.fromString(masterId), OPEN_SALES, "now() - interval '1 hour'");
        }
        try {
            Answer created = api.post("/v1/masters/" + masterId + "/offerings", CatalogFixtures.terms(1_000),
                    artist.accessToken());
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            catalog.awaitOffering(created.json().get("id").asText(), artist, "LIVE");
        } finally {
            delete(services.dataSource(), openSales);
        }
    }

    @Test
    void twoInstancesClaimingAtOnceNeverTakeTheSameOffering() throws Exception {
        // An instance of its own with the pass switched off, so that only this test claims in its database.
        try (TestRedis redis = new TestRedis();
                ExecutorService claimers = Executors.newFixedThreadPool(2);
                EmbeddedServer instance = ExternalServices.application(services, redis.uri(),
                        Map.of("cadenza.catalog.progress.enabled", "false", "cadenza.roles", "api"))) {
            String jdbcUrl = instance.getApplicationContext().getProperty("cadenza.database.url", String.class)
                    .orElseThrow();
            OfferingStore offerings = instance.getApplicationContext().getBean(OfferingStore.class);
            @SuppressWarnings("unchecked")
            TransactionOperations<Connection> transactions =
                    instance.getApplicationContext().getBean(TransactionOperations.class);
            Set<UUID> due;
            try (Connection connection = java.sql.DriverManager.getConnection(jdbcUrl)) {
                UUID masterId = insertMaster(connection);
                due = new HashSet<>(insertOpenSales(connection, masterId, OPEN_SALES, "now() - interval '1 minute'"));
            }
            CyclicBarrier bothClaimed = new CyclicBarrier(2);
            List<CompletableFuture<List<UUID>>> claims = new ArrayList<>();
            for (int instanceIndex = 0; instanceIndex < 2; instanceIndex++) {
                claims.add(CompletableFuture.supplyAsync(() -> transactions.executeWrite(status -> {
                    List<UUID> claimed = offerings.claimDue(100, Duration.ofSeconds(30)).stream()
                            .map(Offering::id).toList();
                    try {
                        // Both claims are open at once: neither has committed its lease yet.
                        bothClaimed.await(10, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return claimed;
                }), claimers));
            }
            List<UUID> first = claims.get(0).get(30, TimeUnit.SECONDS);
            List<UUID> second = claims.get(1).get(30, TimeUnit.SECONDS);
            assertThat(first).doesNotContainAnyElementsOf(second);
            assertThat(first.size() + second.size()).isEqualTo(OPEN_SALES);
            assertThat(due).containsAll(first).containsAll(second);
            // Leased: nothing is due again until the lease ends.
            List<Offering> dueAgain = transactions.executeWrite(status -> offerings.claimDue(100, Duration.ofSeconds(30)));
            assertThat(dueAgain).isEmpty();
        }
    }

    private static UUID insertMaster(Connection connection) throws SQLException {
        UUID account = UUID.randomUUID();
        UUID master = UUID.randomUUID();
        try (Statement statement = connection.createStatement()) {
            statement.execute("insert into account_user (id, email, email_key, password_hash, role, created_at)"
                    + " values ('" + account + "', 'a@x.test', 'a@x.test', 'x', 'ARTIST', now())");
            statement.execute("insert into catalog_master (id, artist_id, artist_wallet, title, artist_name, isrc,"
                    + " release_date, royalty_share_bps, status, audio_cid, audio_bytes, audio_media_type,"
                    + " metadata_cid, metadata_bytes, token_id, created_at, updated_at) values ('" + master + "', '"
                    + account + "', '0x" + "1".repeat(40) + "', 't', 'a', 'QZ-AAA-26-00001', '2026-01-01', 4000,"
                    + " 'REGISTERED', 'c', 1, 'audio/wav', 'm', 1, 1, now(), now())");
        }
        return master;
    }

    /** Open sales of the master, due since {@code dueSince} (SQL), with addresses no index knows. */
    private static List<UUID> insertOpenSales(Connection connection, UUID masterId, int count, String dueSince)
            throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (PreparedStatement insert = connection.prepareStatement("""
                        insert into catalog_offering (id, master_id, name, symbol, total_shares, price_per_share,
                            payout_token, payment_token, sale_starts_at, sale_ends_at, transfers_restricted, status,
                            creation_key, shares_address, sale_address, created_at, updated_at, next_check_at)
                        values (?, ?, 'Open', 'OPEN', 100, 1, ?, ?, now() - interval '1 day',
                            now() + interval '30 days', false, 'LIVE', ?, ?, ?, now() - interval '1 day',
                            now() - interval '1 day', """ + dueSince + ")")) {
            for (int index = 0; index < count; index++) {
                UUID id = UUID.randomUUID();
                String hex = id.toString().replace("-", "");
                insert.setObject(1, id);
                insert.setObject(2, masterId);
                insert.setString(3, "0x" + "2".repeat(40));
                insert.setString(4, "0x" + "2".repeat(40));
                insert.setString(5, "offering:" + id + ":create");
                insert.setString(6, "0xa" + hex + "0000000");
                insert.setString(7, "0xb" + hex + "0000000");
                insert.addBatch();
                ids.add(id);
            }
            insert.executeBatch();
        }
        return ids;
    }

    private static void delete(DataSource database, List<UUID> ids) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement delete = connection.prepareStatement(
                        "delete from catalog_offering where id = any (?)")) {
            delete.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
            delete.executeUpdate();
        }
    }
}
