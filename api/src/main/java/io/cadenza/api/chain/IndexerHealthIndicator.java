package io.cadenza.api.chain;

import io.cadenza.api.index.IndexFreshnessView;
import io.cadenza.indexer.ingest.IndexerLoop;
import io.cadenza.indexer.query.IndexFreshness;
import io.cadenza.indexer.query.IndexFreshness.Freshness;
import io.micronaut.health.HealthStatus;
import io.cadenza.chain.connection.ChainConnection;
import io.cadenza.chain.progress.Progress;
import jakarta.inject.Named;
import io.micronaut.context.annotation.Requires;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * DOWN while this instance's indexer cannot advance, with why and since when; a standby (another instance leads the
 * chain) is DOWN too while the leader's halt is recorded in the index, so that every indexer instance tells it. The
 * index's freshness (status, lag) is in the details. Only on instances with the indexer role.
 */
@Singleton
@Requires(beans = IndexerLoop.class)
public class IndexerHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {
    private final IndexerLoop loop;
    private final Progress progress;
    private final IndexFreshness freshness;
    private final long chainId;

    public IndexerHealthIndicator(IndexerLoop loop, @Named("indexer") Progress progress, IndexFreshness freshness,
            ChainConnection connection) {
        this.loop = loop;
        this.progress = progress;
        this.freshness = freshness;
        this.chainId = connection.chainId();
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("chainId", chainId);
        boolean leading = loop.isLeading();
        details.put("leading", leading);
        healthStatus = StallDetails.report(progress, details);
        Freshness index = freshness.current();
        details.put("index", IndexFreshnessView.of(index));
        if (!leading && index.status() == IndexFreshness.Status.HALTED) {
            details.put("halted", true);
            details.put("since", String.valueOf(index.haltedSince()));
            details.put("reason", "the leading instance's indexer is halted (see its /health and logs)");
            healthStatus = HealthStatus.DOWN;
        }
        return details;
    }

    @Override
    protected String getName() {
        return "indexer";
    }
}
