package io.cadenza.api.offerings;

import io.cadenza.indexer.query.CapTableEntry;
import io.micronaut.serde.annotation.Serdeable;
import org.web3j.crypto.Keys;

/** One holder of an offering: its wallet, its shares, and its percentage of all shares (6 decimals). */
@Serdeable
public record CapTableView(String holder, String shares, String percentage) {
    public static CapTableView of(CapTableEntry entry) {
        return new CapTableView(Keys.toChecksumAddress(entry.holder()), entry.shares().toString(),
                entry.percentage().toPlainString());
    }
}
