package io.cadenza.indexer.consistency;

import java.util.List;

/** The projections of one chain compared with the chain itself at the indexed block. */
public record ConsistencyReport(long chainId, long block, int tokensChecked, int holdersChecked,
        List<Discrepancy> discrepancies) {

    public ConsistencyReport {
        discrepancies = List.copyOf(discrepancies);
    }

    public boolean consistent() {
        return discrepancies.isEmpty();
    }
}
