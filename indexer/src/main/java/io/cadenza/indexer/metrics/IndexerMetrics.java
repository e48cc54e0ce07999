package io.cadenza.indexer.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** The indexer's meters, tagged with the chain: how far behind it is, how much it does, what goes wrong. */
public final class IndexerMetrics {
    private final AtomicLong headLagBlocks = new AtomicLong();
    private final AtomicLong headLagSeconds = new AtomicLong();
    private final AtomicLong indexedBlock = new AtomicLong();
    private final Counter events;
    private final Counter reorgs;
    private final Counter rpcErrors;
    private final DistributionSummary batchLogs;
    private final DistributionSummary batchBlocks;
    private final Timer commits;

    public IndexerMetrics(MeterRegistry registry, long chainId) {
        Tags tags = Tags.of("chain", Long.toString(chainId));
        Gauge.builder("cadenza.indexer.head.lag.blocks", headLagBlocks, AtomicLong::get).tags(tags)
                .description("blocks between the node's head and the indexed block").register(registry);
        Gauge.builder("cadenza.indexer.head.lag.seconds", headLagSeconds, AtomicLong::get).tags(tags)
                .description("seconds since the indexed block was mined").register(registry);
        Gauge.builder("cadenza.indexer.block", indexedBlock, AtomicLong::get).tags(tags)
                .description("the last block indexed").register(registry);
        events = Counter.builder("cadenza.indexer.logs").tags(tags).description("logs indexed").register(registry);
        reorgs = Counter.builder("cadenza.indexer.reorgs").tags(tags).description("rollbacks to a common ancestor")
                .register(registry);
        rpcErrors = Counter.builder("cadenza.indexer.rpc.errors").tags(tags).description("failed JSON-RPC calls")
                .register(registry);
        batchLogs = DistributionSummary.builder("cadenza.indexer.batch.logs").tags(tags).register(registry);
        batchBlocks = DistributionSummary.builder("cadenza.indexer.batch.blocks").tags(tags).register(registry);
        commits = Timer.builder("cadenza.indexer.batch.commit").tags(tags)
                .description("time to write and commit one batch with its projections").register(registry);
    }

    public void batchCommitted(long fromBlock, long toBlock, int logs) {
        events.increment(logs);
        batchLogs.record(logs);
        batchBlocks.record(toBlock - fromBlock + 1);
    }

    public void position(long head, long indexed, long indexedTimestampSeconds, long nowSeconds) {
        indexedBlock.set(indexed);
        headLagBlocks.set(Math.max(0, head - indexed));
        headLagSeconds.set(Math.max(0, nowSeconds - indexedTimestampSeconds));
    }

    /** How far the index is behind a head read while it cannot advance: the seconds keep their last value. */
    public void behind(long head, long indexed) {
        indexedBlock.set(indexed);
        headLagBlocks.set(Math.max(0, head - indexed));
    }

    public long headLagBlocks() {
        return headLagBlocks.get();
    }

    public void committed(long nanos) {
        commits.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Seconds spent writing and committing batches so far. */
    public double commitSeconds() {
        return commits.totalTime(TimeUnit.SECONDS);
    }

    public void reorg() {
        reorgs.increment();
    }

    public void rpcError() {
        rpcErrors.increment();
    }

    public double logsIndexed() {
        return events.count();
    }

    public double reorgCount() {
        return reorgs.count();
    }

    public double rpcErrorCount() {
        return rpcErrors.count();
    }
}
