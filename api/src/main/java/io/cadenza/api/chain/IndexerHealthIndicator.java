package io.cadenza.api.chain;

import io.cadenza.indexer.ingest.IndexerLoop;
import io.cadenza.chain.connection.ChainConnection;
import io.cadenza.chain.progress.Progress;
import jakarta.inject.Named;
import io.micronaut.context.annotation.Requires;
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
    private final Progress progress;
    private final long chainId;

    public IndexerHealthIndicator(IndexerLoop loop, @Named("indexer") Progress progress, ChainConnection connection) {
        this.loop = loop;
        this.progress = progress;
        this.chainId = connection.chainId();
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("chainId", chainId);
        details.put("leading", loop.isLeading());
        healthStatus = StallDetails.report(progress, details);
        return details;
    }

    @Override
    protected String getName() {
        return "indexer";
    }
}
