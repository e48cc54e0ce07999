package io.cadenza.indexer.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.cadenza.chain.testing.TestServices;
import io.cadenza.chain.testing.TestSql;
import io.cadenza.chain.testing.TestServicesExtension;
import io.cadenza.indexer.testing.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The lookups the API polls while masters register and offerings are created use an index on 100,000 rows, not a
 * scan: by ISRC hash, and by the creating transaction.
 */
@ExtendWith(TestServicesExtension.class)
class PolledLookupPlansTest {
    private static final int ROWS = 100_000;

    @Test
    void masterByIsrcHashAndOfferingByCreationUseAnIndex(TestServices services) throws SQLException {
        try (HikariDataSource database = TestDatabases.fresh(services);
                Connection connection = database.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("insert into idx_master (chain_id, token_id, artist, owner, isrc_hash, metadata_cid,"
                    + " block_number, block_hash, log_index, transaction_hash) select 1, n, 'a', 'a',"
                    + " '0x' || md5(n::text), 'cid', n, '0xb', 0, '0xt' || n from generate_series(1, " + ROWS + ") n");
            statement.execute("insert into idx_offering (chain_id, shares_address, sale_address, master_id, treasury,"
                    + " payout_token, payment_token, total_shares, price_per_share, starts_at_s, ends_at_s,"
                    + " transfers_restricted, block_number, block_hash, log_index, transaction_hash)"
                    + " select 1, '0xs' || n, '0xl' || n, n, 't', 'p', 'p', 1, 1, 0, 1, false, n, '0xb', 0,"
                    + " '0x' || md5(n::text) from generate_series(1, " + ROWS + ") n");
            statement.execute("analyze idx_master");
            statement.execute("analyze idx_offering");

            assertThat(TestSql.plan(statement, "select token_id from idx_master where chain_id = 1 and isrc_hash = '0x"
                    + md5Of(statement, 4242) + "'")).contains("Index").doesNotContain("Seq Scan");
            assertThat(TestSql.plan(statement, "select shares_address from idx_offering where chain_id = 1"
                    + " and transaction_hash = '0x" + md5Of(statement, 4242) + "'"))
                    .contains("Index").doesNotContain("Seq Scan");
        }
    }

    private static String md5Of(Statement statement, int n) throws SQLException {
        try (ResultSet row = statement.executeQuery("select md5('" + n + "')")) {
            row.next();
            return row.getString(1);
        }
    }
}
