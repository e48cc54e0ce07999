package io.cadenza.api.wallets;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.UUID;
import org.web3j.crypto.Keys;

/**
 * A wallet proved to be the account's.
 *
 * @param address lower-case as stored; {@link #view()} shows it EIP-55 checksummed
 */
@MappedEntity("account_wallet")
public record LinkedWallet(@Id String address, UUID accountId, long chainId, Instant linkedAt) {

    public View view() {
        return new View(Keys.toChecksumAddress(address), chainId, linkedAt);
    }

    /** A linked wallet as the API shows it. */
    @Serdeable
    public record View(String address, long chainId, Instant linkedAt) {}
}
