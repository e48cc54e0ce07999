package io.cadenza.api.chain;

import io.cadenza.indexer.ingest.IndexerLoop;
import io.cadenza.indexer.ingest.IndexerProgress;
import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * DOWN while this instance's indexer cannot advance, with why and since when; UP while it advances or stands by
 * (another instance leads the chain). Only on instances with the indexer role.
 */
@Singleton
@Requires(beans = IndexerLoop.class)
public class IndexerHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {
    private final IndexerLoop loop;
    private final IndexerProgress progress;

    public IndexerHealthIndicator(IndexerLoop loop, IndexerProgress progress) {
        this.loop = loop;
        this.progress = progress;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("chainId", progress.chainId());
        details.put("leading", loop.isLeading());
        progress.stall().ifPresentOrElse(stall -> {
            healthStatus = HealthStatus.DOWN;
            details.put("halted", true);
            details.put("reason", stall.reason());
            details.put("since", stall.since().toString());
            details.put("needsOperator", stall.needsOperator());
        }, () -> {
            healthStatus = HealthStatus.UP;
            details.put("halted", false);
        });
        return details;
    }

    @Override
    protected String getName() {
        return "indexer";
    }
}
