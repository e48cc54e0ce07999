package io.cadenza.api.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.cadenza.api.database.ApiSchema;
import io.cadenza.api.testing.ExternalServices;
import io.cadenza.chain.schema.ChainSchema;
import io.cadenza.chain.schema.SchemaMigrator;
import io.cadenza.chain.testing.TestServices;
import io.cadenza.chain.testing.TestSql;
import io.cadenza.chain.testing.TestServicesExtension;
import io.cadenza.indexer.store.IndexerSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * On 100,000 offerings (a tenth of them LIVE, the rest closed), the investors' LIVE listing, its next page and the
 * progress pass's claim of due rows each read an index, not the table.
 */
@ExtendWith(TestServicesExtension.class)
class CatalogQueryPlansTest {
    private static final int ROWS = 100_000;

    @Test
    void theLiveListingAndTheDueClaimUseAnIndex(TestServices services) throws SQLException {
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(ExternalServices.freshDatabase(services));
        pool.setMaximumPoolSize(3);
        try (HikariDataSource database = new HikariDataSource(pool)) {
            SchemaMigrator.migrate(database, List.of(ChainSchema.SCHEMA, IndexerSchema.SCHEMA, ApiSchema.SCHEMA));
            try (Connection connection = database.getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("insert into account_user (id, email, email_key, password_hash, role, created_at)"
                        + " values ('00000000-0000-0000-0000-000000000001', 'a@x.test', 'a@x.test', 'x', 'ARTIST',"
                        + " now())");
                statement.execute("insert into catalog_master (id, artist_id, artist_wallet, title, artist_name, isrc,"
                        + " release_date, royalty_share_bps, status, audio_cid, audio_bytes, audio_media_type,"
                        + " metadata_cid, metadata_bytes, token_id, created_at, updated_at) values"
                        + " ('00000000-0000-0000-0000-000000000002', '00000000-0000-0000-0000-000000000001',"
                        + " '0x" + "1".repeat(40) + "', 't', 'a', 'QZ-AAA-26-00001', '2026-01-01', 4000,"
                        + " 'REGISTERED', 'c', 1, 'audio/wav', 'm', 1, 1, now(), now())");
                statement.execute("insert into catalog_offering (id, master_id, name, symbol, total_shares,"
                        + " price_per_share, payout_token, payment_token, sale_starts_at, sale_ends_at,"
                        + " transfers_restricted, status, creation_key, created_at, updated_at, next_check_at)"
                        + " select gen_random_uuid(), '00000000-0000-0000-0000-000000000002', 'o', 'O', 1, 1, 'p',"
                        + " 'p', now(), now() + interval '1 day', false,"
                        + " case when n % 10 = 0 then 'LIVE' else 'CLOSED' end, 'k' || n,"
                        + " now() - n * interval '1 second', now(),"
                        + " case when n % 10 = 0 then now() + n * interval '1 second' end"
                        + " from generate_series(1, " + ROWS + ") n");
                statement.execute("analyze catalog_offering");

                assertThat(TestSql.plan(statement, "select id from catalog_offering where status = 'LIVE'"
                        + " order by created_at desc, id desc limit 21")).contains("Index").doesNotContain("Seq Scan")
                        .doesNotContain("Sort");
                assertThat(TestSql.plan(statement, "select id from catalog_offering where status = 'LIVE'"
                        + " and (created_at, id) < (now() - interval '5000 seconds',"
                        + " '00000000-0000-0000-0000-000000000009') order by created_at desc, id desc limit 21"))
                        .contains("Index").doesNotContain("Seq Scan").doesNotContain("Sort");
                assertThat(TestSql.plan(statement, "select id from catalog_offering where next_check_at <= now()"
                        + " order by next_check_at limit 100 for update skip locked"))
                        .contains("Index").doesNotContain("Seq Scan");
            }
        }
    }
}
