package io.cadenza.jobs.ledger;

import io.cadenza.chain.database.CurrentTransaction;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** The ledger as the application's bean, on its one transaction manager. */
@Factory
public class LedgerBeans {

    @Singleton
    Ledger ledger(CurrentTransaction transaction) {
        return new Ledger(transaction);
    }
}
