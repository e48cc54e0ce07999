package io.cadenza.api.wallets;

import io.cadenza.api.database.Statements;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Linked wallets in {@code account_wallet}: an address belongs to at most one account. */
@Singleton
public class WalletStore {
    /** Bounds an account's wallet list, and so each answer that lists them. */
    public static final int WALLETS_PER_ACCOUNT_MAX = 20;
    private static final String COLUMNS = "address, account_id, chain_id, linked_at";

    private final Statements sql;

    public WalletStore(Statements sql) {
        this.sql = sql;
    }

    /**
     * Links the wallet unless its address is already linked; either way answers the link that holds afterwards,
     * which belongs to another account when the address was theirs first.
     */
    public LinkedWallet link(LinkedWallet wallet) {
        sql.update("insert into account_wallet (" + COLUMNS + ") values (?, ?, ?, ?) on conflict (address) do nothing",
                insert -> {
                    insert.setString(1, wallet.address());
                    insert.setObject(2, wallet.accountId());
                    insert.setLong(3, wallet.chainId());
                    insert.setTimestamp(4, Timestamp.from(wallet.linkedAt()));
                });
        return find(wallet.address()).orElseThrow();
    }

    public Optional<LinkedWallet> find(String address) {
        return sql.one("select " + COLUMNS + " from account_wallet where address = ?",
                select -> select.setString(1, address.toLowerCase(Locale.ROOT)), WalletStore::read);
    }

    public List<LinkedWallet> list(UUID accountId) {
        return sql.list("select " + COLUMNS + " from account_wallet where account_id = ? order by linked_at, address"
                + " limit ?", select -> {
                    select.setObject(1, accountId);
                    select.setInt(2, WALLETS_PER_ACCOUNT_MAX);
                }, WalletStore::read);
    }

    /** The accounts the addresses (lower-case) are linked to; unlinked addresses are absent from the answer. */
    public Map<String, UUID> accountsOf(List<String> addresses) {
        if (addresses.isEmpty()) {
            return Map.of();
        }
        Map<String, UUID> accounts = new HashMap<>();
        sql.list("select address, account_id from account_wallet where address = any (?)",
                select -> select.setArray(1, select.getConnection().createArrayOf("text", addresses.toArray())),
                row -> accounts.put(row.getString(1), row.getObject(2, UUID.class)));
        return accounts;
    }

    private static LinkedWallet read(ResultSet row) throws SQLException {
        return new LinkedWallet(row.getString(1), row.getObject(2, UUID.class), row.getLong(3),
                row.getTimestamp(4).toInstant());
    }
}
