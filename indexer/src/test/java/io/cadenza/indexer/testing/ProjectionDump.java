package io.cadenza.indexer.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Every row an index holds for a chain, table by table, in a stable order: two indexes of the same canonical chain
 * must dump equal, however they got there (reorgs, crashes, faults, range sizes).
 */
public record ProjectionDump(Map<String, List<String>> rowsByTable) {
    private static final List<String> TABLES = List.of("idx_contract", "idx_log", "idx_master", "idx_master_transfer",
            "idx_master_void",
            "idx_offering", "idx_share_token", "idx_holder", "idx_transfer", "idx_purchase", "idx_issue",
            "idx_distribution", "idx_claim", "idx_wallet_verification");

    public static ProjectionDump of(DataSource dataSource, long chainId) throws SQLException {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection()) {
            for (String table : TABLES) {
                List<String> tableRows = new ArrayList<>();
                try (PreparedStatement select = connection.prepareStatement(
                        "select t::text from " + table + " t where chain_id = ? order by 1")) {
                    select.setLong(1, chainId);
                    try (ResultSet result = select.executeQuery()) {
                        while (result.next()) {
                            tableRows.add(result.getString(1));
                        }
                    }
                }
                rows.put(table, tableRows);
            }
        }
        return new ProjectionDump(rows);
    }

    public int rowCount(String table) {
        return rowsByTable.get(table).size();
    }
}
