package io.cadenza.api.accounts;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.cadenza.chain.database.UniqueViolation;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives accounts made before email skeletons were kept theirs, at start-up (on every instance: each row is set once).
 * Two such accounts that already look alike keep the second without one, and the log names it for an admin.
 */
@Context
class EmailSkeletons {
    private static final Logger LOG = LoggerFactory.getLogger(EmailSkeletons.class);
    private static final int PAGE = 500;

    private final AccountStore accounts;

    EmailSkeletons(AccountStore accounts) {
        this.accounts = accounts;
    }

    @EventListener
    void onStartup(StartupEvent started) {
        Set<UUID> lookalikes = new HashSet<>();
        while (true) {
            List<Account> left = accounts.withoutSkeleton(PAGE + lookalikes.size()).stream()
                    .filter(account -> !lookalikes.contains(account.id())).toList();
            if (left.isEmpty()) {
                return;
            }
            for (Account account : left) {
                try {
                    accounts.setSkeleton(account.id(), EmailAddress.skeleton(account.email()));
                } catch (RuntimeException e) {
                    if (!UniqueViolation.causes(e)) {
                        throw e;
                    }
                    lookalikes.add(account.id());
                    LOG.warn("account {} has an email that looks like another account's; it keeps no skeleton",
                            account.id());
                }
            }
        }
    }
}
