package io.cadenza.api.wallets;

import io.cadenza.api.database.MigratedSchema;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** Linked wallets in {@code account_wallet}: an address belongs to at most one account. */
@Singleton
public class WalletStore {
    /** Bounds an account's wallet list, and so each answer that lists them. */
    public static final int WALLETS_PER_ACCOUNT_MAX = 20;

    private final DataSource dataSource;

    public WalletStore(DataSource dataSource, MigratedSchema schema) {
        this.dataSource = dataSource;
    }

    /**
     * Links the wallet unless its address is already linked; either way answers the link that holds afterwards,
     * which belongs to another account when the address was theirs first.
     */
    public LinkedWallet link(LinkedWallet wallet) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("insert into account_wallet"
                        + " (address, account_id, chain_id, linked_at) values (?, ?, ?, ?)"
                        + " on conflict (address) do nothing")) {
            insert.setString(1, wallet.address());
            insert.setObject(2, wallet.accountId());
            insert.setLong(3, wallet.chainId());
            insert.setTimestamp(4, Timestamp.from(wallet.linkedAt()));
            insert.executeUpdate();
            return find(connection, wallet.address()).orElseThrow();
        } catch (SQLException e) {
            throw new IllegalStateException("could not link a wallet", e);
        }
    }

    public Optional<LinkedWallet> find(String address) {
        try (Connection connection = dataSource.getConnection()) {
            return find(connection, address.toLowerCase(java.util.Locale.ROOT));
        } catch (SQLException e) {
            throw new IllegalStateException("could not read a wallet", e);
        }
    }

    public List<LinkedWallet> list(UUID accountId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("select address, account_id, chain_id,"
                        + " linked_at from account_wallet where account_id = ? order by linked_at, address limit ?")) {
            select.setObject(1, accountId);
            select.setInt(2, WALLETS_PER_ACCOUNT_MAX);
            List<LinkedWallet> wallets = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    wallets.add(read(rows));
                }
            }
            return wallets;
        } catch (SQLException e) {
            throw new IllegalStateException("could not list wallets", e);
        }
    }

    /** The accounts the addresses (lower-case) are linked to; unlinked addresses are absent from the answer. */
    public java.util.Map<String, UUID> accountsOf(List<String> addresses) {
        if (addresses.isEmpty()) {
            return java.util.Map.of();
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select address, account_id from account_wallet where address = any (?)")) {
            select.setArray(1, connection.createArrayOf("text", addresses.toArray()));
            java.util.Map<String, UUID> accounts = new java.util.HashMap<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    accounts.put(rows.getString(1), rows.getObject(2, UUID.class));
                }
            }
            return accounts;
        } catch (SQLException e) {
            throw new IllegalStateException("could not look wallets up", e);
        }
    }

    private static Optional<LinkedWallet> find(Connection connection, String address) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select address, account_id, chain_id,"
                + " linked_at from account_wallet where address = ?")) {
            select.setString(1, address);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(read(row)) : Optional.empty();
            }
        }
    }

    private static LinkedWallet read(ResultSet row) throws SQLException {
        return new LinkedWallet(row.getString(1), row.getObject(2, UUID.class), row.getLong(3),
                row.getTimestamp(4).toInstant());
    }
}
