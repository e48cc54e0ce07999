package io.cadenza.api.wallets;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Linked wallets in {@code account_wallet}: an address belongs to at most one account. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface WalletStore extends GenericRepository<LinkedWallet, String> {
    /** Bounds an account's wallet list, and so each answer that lists them. */
    int WALLETS_PER_ACCOUNT_MAX = 20;

    /**
     * Links the wallet unless its address is already linked; either way answers the link that holds afterwards,
     * which belongs to another account when the address was theirs first.
     */
    default LinkedWallet link(LinkedWallet wallet) {
        insertIfAbsent(wallet.address(), wallet.accountId(), wallet.chainId(), wallet.linkedAt());
        return find(wallet.address()).orElseThrow();
    }

    @Query("""
            insert into account_wallet (address, account_id, chain_id, linked_at)
            values (:address, :accountId, :chainId, :linkedAt) on conflict (address) do nothing""")
    void insertIfAbsent(String address, UUID accountId, long chainId, Instant linkedAt);

    default Optional<LinkedWallet> find(String address) {
        return findByAddress(address.toLowerCase(Locale.ROOT));
    }

    Optional<LinkedWallet> findByAddress(String address);

    default List<LinkedWallet> list(UUID accountId) {
        return listOf(accountId, WALLETS_PER_ACCOUNT_MAX);
    }

    @Query("select * from account_wallet where account_id = :accountId order by linked_at, address limit :limit")
    List<LinkedWallet> listOf(UUID accountId, int limit);

    /** The accounts the addresses (lower-case) are linked to; unlinked addresses are absent from the answer. */
    default Map<String, UUID> accountsOf(List<String> addresses) {
        if (addresses.isEmpty()) {
            return Map.of();
        }
        Map<String, UUID> accounts = new HashMap<>();
        findByAddressIn(addresses).forEach(wallet -> accounts.put(wallet.address(), wallet.accountId()));
        return accounts;
    }

    List<LinkedWallet> findByAddressIn(List<String> addresses);
}
