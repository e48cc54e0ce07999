package io.cadenza.indexer.consistency;

import io.cadenza.indexer.rpc.EthCall;
import io.cadenza.indexer.rpc.RpcClient;
import io.cadenza.indexer.rpc.RpcException;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.web3j.crypto.Hash;

/**
 * Compares every projected balance and claimable, and each token's total supply, with {@code balanceOf},
 * {@code claimable} and {@code totalSupply} on chain at the indexed block. The projections are read in one
 * repeatable-read snapshot, so an indexer committing meanwhile cannot skew the comparison.
 */
public final class ConsistencyCheck {
    /** Holders compared per run; a larger cap table is checked in full by running with a larger bound. */
    public static final int HOLDERS_MAX = 1_000_000;

    private static final String BALANCE_OF = selector("balanceOf(address)");
    private static final String CLAIMABLE = selector("claimable(address)");
    private static final String TOTAL_SUPPLY = selector("totalSupply()");

    private final DataSource dataSource;
    private final RpcClient rpc;
    private final long chainId;

    public ConsistencyCheck(DataSource dataSource, RpcClient rpc, long chainId) {
        this.dataSource = dataSource;
        this.rpc = rpc;
        this.chainId = chainId;
    }

    public ConsistencyReport run() throws SQLException, RpcException {
        Snapshot snapshot = readSnapshot();
        List<EthCall> calls = new ArrayList<>();
        for (Map.Entry<String, BigInteger> token : snapshot.supplies().entrySet()) {
            calls.add(new EthCall(token.getKey(), TOTAL_SUPPLY));
        }
        for (ProjectedHolder holder : snapshot.holders()) {
            calls.add(new EthCall(holder.token(), BALANCE_OF + word(holder.holder())));
            calls.add(new EthCall(holder.token(), CLAIMABLE + word(holder.holder())));
        }
        List<String> results = rpc.calls(calls, snapshot.block());
        List<Discrepancy> discrepancies = new ArrayList<>();
        int index = 0;
        for (Map.Entry<String, BigInteger> token : snapshot.supplies().entrySet()) {
            compare(discrepancies, token.getKey(), null, "totalSupply", token.getValue(), results.get(index++));
        }
        for (ProjectedHolder holder : snapshot.holders()) {
            compare(discrepancies, holder.token(), holder.holder(), "balance", holder.balance(), results.get(index++));
            compare(discrepancies, holder.token(), holder.holder(), "claimable", holder.claimable(), results.get(index++));
        }
        return new ConsistencyReport(chainId, snapshot.block(), snapshot.supplies().size(), snapshot.holders().size(),
                discrepancies);
    }

    private static void compare(List<Discrepancy> discrepancies, String token, String holder, String quantity,
            BigInteger projected, String onChainHex) {
        BigInteger onChain = onChainHex.length() <= 2 ? BigInteger.ZERO : new BigInteger(onChainHex.substring(2), 16);
        if (!projected.equals(onChain)) {
            discrepancies.add(new Discrepancy(token, holder, quantity, projected.toString(), onChain.toString()));
        }
    }

    private Snapshot readSnapshot() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            int isolation = connection.getTransactionIsolation();
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                Snapshot snapshot = readSnapshot(connection);
                connection.commit();
                return snapshot;
            } catch (SQLException failure) {
                connection.rollback();
                throw failure;
            } finally {
                connection.setTransactionIsolation(isolation);
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    private Snapshot readSnapshot(Connection connection) throws SQLException {
        long block;
        try (PreparedStatement select = connection.prepareStatement(
                "select indexed_block from idx_chain where chain_id = ?")) {
            select.setLong(1, chainId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new SQLException("chain " + chainId + " is not indexed");
                }
                block = row.getLong(1);
            }
        }
        Map<String, BigInteger> supplies = new LinkedHashMap<>();
        List<ProjectedHolder> holders = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("""
                select h.token, h.holder, h.balance, c.claimable from idx_holder h
                join idx_claimable c on c.chain_id = h.chain_id and c.token = h.token and c.holder = h.holder
                where h.chain_id = ? order by h.token, h.holder limit ?""")) {
            select.setLong(1, chainId);
            select.setInt(2, HOLDERS_MAX);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ProjectedHolder holder = new ProjectedHolder(rows.getString(1), rows.getString(2),
                            rows.getBigDecimal(3).toBigIntegerExact(), rows.getBigDecimal(4).toBigIntegerExact());
                    holders.add(holder);
                    supplies.merge(holder.token(), holder.balance(), BigInteger::add);
                }
            }
        }
        return new Snapshot(block, supplies, holders);
    }

    private static String word(String address) {
        return "000000000000000000000000" + address.substring(2);
    }

    private static String selector(String signature) {
        return Hash.sha3String(signature).substring(0, 10);
    }

    private record ProjectedHolder(String token, String holder, BigInteger balance, BigInteger claimable) {}

    private record Snapshot(long block, Map<String, BigInteger> supplies, List<ProjectedHolder> holders) {}
}
