package io.cadenza.jobs.custody;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Custody for investors without a wallet of their own: each gets an address derived from the platform's seed, at a
 * slot of their own (a sequence: slots are never reused, even when a creation is refused). Shares bought by card are
 * issued to it, and its dividends are claimed by the platform and owed to the investor in fiat.
 */
@Singleton
public class Custody {
    private final CustodyHolders holders;
    private final @Nullable CustodyKeys keys;
    private final Clock clock;

    public Custody(CustodyHolders holders, CustodyConfiguration configuration, Clock clock) {
        this.holders = holders;
        this.keys = configuration.seed() == null || configuration.seed().isBlank() ? null
                : new CustodyKeys(configuration.seed());
        this.clock = clock;
    }

    public boolean enabled() {
        return keys != null;
    }

    /** The investor's custody holder, created at a new slot on first use. */
    @Transactional
    public CustodyHolder holderOf(UUID accountId) {
        return holders.findById(accountId).orElseGet(() -> {
            if (keys == null) {
                throw new IllegalStateException("custody needs cadenza.custody.seed");
            }
            int index = Math.toIntExact(holders.nextIndex());
            holders.insertIfAbsent(accountId, index, keys.address(index),
                    clock.instant().truncatedTo(ChronoUnit.MICROS));
            return holders.findById(accountId).orElseThrow();
        });
    }
}
