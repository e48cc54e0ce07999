package io.cadenza.indexer.store;

import java.math.BigInteger;
import java.util.Set;

/** What a batch changed, for whoever listens: which tokens, sales and masters, and how many events of each kind. */
public record ProjectedChanges(Set<String> tokens, Set<String> sales, Set<BigInteger> masters, int offeringsCreated,
        int transfers, int purchases, int issues, int distributions, int claims) {

    public ProjectedChanges {
        tokens = Set.copyOf(tokens);
        sales = Set.copyOf(sales);
        masters = Set.copyOf(masters);
    }

    public static ProjectedChanges none() {
        return new ProjectedChanges(Set.of(), Set.of(), Set.of(), 0, 0, 0, 0, 0, 0);
    }
}
