package io.cadenza.api.index;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.cadenza.indexer.query.IndexFreshness.Freshness;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * The {@code index} field of a list read from the chain's index: {@code status} is {@code current}, or
 * {@code lagging} (more blocks behind the node's head than {@code cadenza.indexer.stale-after-blocks}),
 * {@code halted} (the indexer stopped, since {@code haltedSince}; an operator must act), or {@code unknown} (the node
 * does not answer). Anything but {@code current} means the list may be out of date.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IndexFreshnessView(String status, boolean stale, long indexedBlock, @Nullable Long headBlock,
        @Nullable Long lagBlocks, @Nullable Instant haltedSince) {

    public static IndexFreshnessView of(Freshness freshness) {
        return new IndexFreshnessView(freshness.status().label(), freshness.stale(), freshness.indexedBlock(),
                freshness.headBlock(), freshness.lagBlocks(), freshness.haltedSince());
    }
}
