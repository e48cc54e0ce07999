package io.cadenza.indexer.consistency;

import io.cadenza.chain.database.CurrentTransaction;
import io.cadenza.indexer.rpc.EthCall;
import io.cadenza.indexer.rpc.RpcClient;
import io.cadenza.indexer.rpc.RpcException;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.web3j.crypto.Hash;

/**
 * Compares every projected balance and claimable, and each token's total supply, with {@code balanceOf},
 * {@code claimable} and {@code totalSupply} on chain at the indexed block; keeps each token's dividend books (Σ
 * claimed + Σ claimable + carried = distributed, in the index and on chain), which finds a lost holder who still has
 * dividends to claim; and compares the holder rows with the parties of the raw {@code Transfer} logs, which finds any
 * other holder lost or invented. The projections are read in one repeatable-read snapshot, page by page, so an
 * indexer committing meanwhile cannot skew the comparison and a cap table of any size is checked whole in bounded
 * memory.
 */
public final class ConsistencyCheck {
    /** Holders read and compared per page (two calls each, in JSON-RPC batches). */
    public static final int HOLDERS_PER_PAGE_DEFAULT = 2_000;

    private static final String BALANCE_OF = selector("balanceOf(address)");
    private static final String CLAIMABLE = selector("claimable(address)");
    private static final String TOTAL_SUPPLY = selector("totalSupply()");
    private static final String TOTAL_DISTRIBUTED = selector("totalDistributed()");
    private static final String CARRIED_REMAINDER = selector("carriedRemainder()");
    private static final byte[] TRANSFER_TOPIC =
            org.web3j.utils.Numeric.hexStringToByteArray(Hash.sha3String("Transfer(address,address,uint256)"));

    private final CurrentTransaction transaction;
    private final RpcClient rpc;
    private final long chainId;
    private final int holdersPerPage;

    public ConsistencyCheck(CurrentTransaction transaction, RpcClient rpc, long chainId) {
        this(transaction, rpc, chainId, HOLDERS_PER_PAGE_DEFAULT);
    }

    public ConsistencyCheck(CurrentTransaction transaction, RpcClient rpc, long chainId, int holdersPerPage) {
        if (holdersPerPage < 1) {
            throw new IllegalArgumentException("a page holds at least one holder");
        }
        this.transaction = transaction;
        this.rpc = rpc;
        this.chainId = chainId;
        this.holdersPerPage = holdersPerPage;
    }

    /** Compares on one snapshot of the index, so that every figure is of the same indexed block. */
    public ConsistencyReport run() throws SQLException, RpcException {
        try {
            return transaction.snapshot(snapshot -> {
                try {
                    return run(snapshot);
                } catch (RpcException failure) {
                    throw new NodeFailure(failure);
                }
            });
        } catch (NodeFailure failure) {
            throw failure.getCause();
        }
    }

    /** Carries a node's failure out of the snapshot's transaction, which rolls back on it. */
    private static final class NodeFailure extends RuntimeException {
        NodeFailure(RpcException cause) {
            super(cause.getMessage(), cause, false, false);
        }

        @Override
        public synchronized RpcException getCause() {
            return (RpcException) super.getCause();
        }
    }

    private ConsistencyReport run(Connection snapshot) throws SQLException, RpcException {
        long block = indexedBlock(snapshot);
        List<Discrepancy> discrepancies = new ArrayList<>();
        Map<String, BigInteger> supplies = new TreeMap<>();
        // Σ claimable on chain over the holders the index knows, per token: a holder missing from the index (a row
        // dropped with its balance at zero but dividends still to claim) leaves this sum short of the chain's books.
        Map<String, BigInteger> claimableOnChain = new TreeMap<>();
        int holdersChecked = 0;
        List<ProjectedHolder> page = holdersAfter(snapshot, "", "");
        while (!page.isEmpty()) {
            List<EthCall> calls = new ArrayList<>(page.size() * 2);
            for (ProjectedHolder holder : page) {
                calls.add(new EthCall(holder.token(), BALANCE_OF + word(holder.holder())));
                calls.add(new EthCall(holder.token(), CLAIMABLE + word(holder.holder())));
                supplies.merge(holder.token(), holder.balance(), BigInteger::add);
            }
            List<String> results = rpc.calls(calls, block);
            for (int index = 0; index < page.size(); index++) {
                ProjectedHolder holder = page.get(index);
                compare(discrepancies, holder.token(), holder.holder(), "balance", holder.balance(),
                        results.get(2 * index));
                compare(discrepancies, holder.token(), holder.holder(), "claimable", holder.claimable(),
                        results.get(2 * index + 1));
                claimableOnChain.merge(holder.token(), quantity(results.get(2 * index + 1)), BigInteger::add);
            }
            holdersChecked += page.size();
            ProjectedHolder last = page.getLast();
            page = holdersAfter(snapshot, last.token(), last.holder());
        }
        List<EthCall> supplyCalls = supplies.keySet().stream().map(token -> new EthCall(token, TOTAL_SUPPLY)).toList();
        List<String> onChainSupplies = rpc.calls(supplyCalls, block);
        int index = 0;
        for (Map.Entry<String, BigInteger> supply : supplies.entrySet()) {
            compare(discrepancies, supply.getKey(), null, "totalSupply", supply.getValue(), onChainSupplies.get(index++));
        }
        checkDividendBooks(snapshot, block, claimableOnChain, discrepancies);
        checkHoldersAgainstTransfers(snapshot, discrepancies);
        return new ConsistencyReport(chainId, block, supplies.size(), holdersChecked, discrepancies);
    }

    /**
     * Per share token, Σ claimed + Σ claimable + carried remainder = total distributed: in the index, and on chain
     * (claimed from the indexed Claimed events, claimable from the chain for the holders the index knows, the rest
     * from the token). The totals and remainders are also compared one by one.
     */
    private void checkDividendBooks(Connection snapshot, long block, Map<String, BigInteger> claimableOnChain,
            List<Discrepancy> discrepancies) throws SQLException, RpcException {
        List<DividendBooks> books = new ArrayList<>();
        try (PreparedStatement select = snapshot.prepareStatement("""
                select t.token, t.total_distributed, t.total_claimed, t.carried_remainder,
                       coalesce((select sum(c.claimable) from idx_claimable c
                                 where c.chain_id = t.chain_id and c.token = t.token), 0)
                from idx_share_token t where t.chain_id = ? order by t.token""")) {
            select.setLong(1, chainId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    books.add(new DividendBooks(rows.getString(1), rows.getBigDecimal(2).toBigIntegerExact(),
                            rows.getBigDecimal(3).toBigIntegerExact(), rows.getBigDecimal(4).toBigIntegerExact(),
                            rows.getBigDecimal(5).toBigIntegerExact()));
                }
            }
        }
        List<EthCall> calls = new ArrayList<>();
        for (DividendBooks token : books) {
            calls.add(new EthCall(token.token(), TOTAL_DISTRIBUTED));
            calls.add(new EthCall(token.token(), CARRIED_REMAINDER));
        }
        List<String> results = calls.isEmpty() ? List.of() : rpc.calls(calls, block);
        for (int index = 0; index < books.size(); index++) {
            DividendBooks token = books.get(index);
            BigInteger distributedOnChain = quantity(results.get(2 * index));
            BigInteger carriedOnChain = quantity(results.get(2 * index + 1));
            compare(discrepancies, token.token(), null, "totalDistributed", token.distributed(),
                    results.get(2 * index));
            compare(discrepancies, token.token(), null, "carriedRemainder", token.carried(),
                    results.get(2 * index + 1));
            BigInteger indexAccounted = token.claimed().add(token.claimable()).add(token.carried());
            if (!indexAccounted.equals(token.distributed())) {
                discrepancies.add(new Discrepancy(token.token(), null, "dividendsAccounted(index)",
                        indexAccounted.toString(), token.distributed().toString()));
            }
            BigInteger chainAccounted = token.claimed()
                    .add(claimableOnChain.getOrDefault(token.token(), BigInteger.ZERO)).add(carriedOnChain);
            if (!chainAccounted.equals(distributedOnChain)) {
                discrepancies.add(new Discrepancy(token.token(), null, "dividendsAccounted(chain)",
                        chainAccounted.toString(), distributedOnChain.toString()));
            }
        }
    }

    /**
     * Every address a share token's raw {@code Transfer} logs name (but the zero address of mints and burns) has a
     * holder row, and every holder row is such an address. A holder is never dropped, even at a zero balance: it may
     * still have dividends to claim, and the cap table's history names it.
     */
    private void checkHoldersAgainstTransfers(Connection snapshot, List<Discrepancy> discrepancies)
            throws SQLException {
        try (PreparedStatement select = snapshot.prepareStatement("""
                with parties as (
                    select distinct '0x' || encode(l.address, 'hex') as token,
                           '0x' || encode(substring(party.topic from 13), 'hex') as holder
                    from idx_log l
                    cross join lateral (values (l.topic1), (l.topic2)) as party(topic)
                    where l.chain_id = ? and l.topic0 = ? and l.topic3 is null
                ),
                transferred as (
                    select p.token, p.holder from parties p
                    join idx_contract c on c.chain_id = ? and c.address = p.token and c.kind = 'SHARES'
                    where p.holder <> '0x0000000000000000000000000000000000000000'
                ),
                projected as (select token, holder from idx_holder where chain_id = ?)
                (select token, holder, false from transferred except select token, holder, false from projected)
                union all
                (select token, holder, true from projected except select token, holder, true from transferred)
                order by 1, 2""")) {
            select.setLong(1, chainId);
            select.setBytes(2, TRANSFER_TOPIC);
            select.setLong(3, chainId);
            select.setLong(4, chainId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    boolean rowWithoutTransfer = rows.getBoolean(3);
                    discrepancies.add(new Discrepancy(rows.getString(1), rows.getString(2), "holderRow",
                            rowWithoutTransfer ? "present" : "missing",
                            rowWithoutTransfer ? "in no Transfer log" : "in Transfer logs"));
                }
            }
        }
    }

    /** What the index holds of one token's dividends. */
    private record DividendBooks(String token, BigInteger distributed, BigInteger claimed, BigInteger carried,
            BigInteger claimable) {}

    private long indexedBlock(Connection snapshot) throws SQLException {
        try (PreparedStatement select = snapshot.prepareStatement(
                "select indexed_block from idx_chain where chain_id = ?")) {
            select.setLong(1, chainId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new SQLException("chain " + chainId + " is not indexed");
                }
                return row.getLong(1);
            }
        }
    }

    /** The next page of holders after ({@code token}, {@code holder}) in key order. */
    private List<ProjectedHolder> holdersAfter(Connection snapshot, String token, String holder) throws SQLException {
        List<ProjectedHolder> holders = new ArrayList<>(holdersPerPage);
        try (PreparedStatement select = snapshot.prepareStatement("""
                select h.token, h.holder, h.balance, c.claimable from idx_holder h
                join idx_claimable c on c.chain_id = h.chain_id and c.token = h.token and c.holder = h.holder
                where h.chain_id = ? and (h.token, h.holder) > (?, ?)
                order by h.token, h.holder limit ?""")) {
            select.setLong(1, chainId);
            select.setString(2, token);
            select.setString(3, holder);
            select.setInt(4, holdersPerPage);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    holders.add(new ProjectedHolder(rows.getString(1), rows.getString(2),
                            rows.getBigDecimal(3).toBigIntegerExact(), rows.getBigDecimal(4).toBigIntegerExact()));
                }
            }
        }
        return holders;
    }

    private static BigInteger quantity(String hex) {
        return hex.length() <= 2 ? BigInteger.ZERO : new BigInteger(hex.substring(2), 16);
    }

    private static void compare(List<Discrepancy> discrepancies, String token, String holder, String quantity,
            BigInteger projected, String onChainHex) {
        BigInteger onChain = quantity(onChainHex);
        if (!projected.equals(onChain)) {
            discrepancies.add(new Discrepancy(token, holder, quantity, projected.toString(), onChain.toString()));
        }
    }

    private static String word(String address) {
        return "000000000000000000000000" + address.substring(2);
    }

    private static String selector(String signature) {
        return Hash.sha3String(signature).substring(0, 10);
    }

    private record ProjectedHolder(String token, String holder, BigInteger balance, BigInteger claimable) {}
}
