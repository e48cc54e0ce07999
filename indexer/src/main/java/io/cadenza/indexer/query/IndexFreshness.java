package io.cadenza.indexer.query;

import io.cadenza.indexer.query.IndexReader.IndexState;
import io.cadenza.indexer.rpc.RpcClient;
import io.micronaut.core.annotation.Nullable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * How far what the index answers can be trusted to be current, for reads to say so: halted (the indexer recorded
 * that it cannot advance), lagging (more than a bound of blocks behind the node's head), unknown (the node does not
 * answer), or current. Read from {@code idx_chain} and the node, so that every instance tells the same, not only the
 * one indexing; remembered for a short while, so that reads do not each cost a node call.
 */
public final class IndexFreshness {

    public enum Status {
        CURRENT, LAGGING, HALTED, UNKNOWN;

        /** As it appears in headers and answers. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @param indexedBlock the last block the index holds, -1 before its first
     * @param headBlock the node's head, when it answered
     * @param lagBlocks blocks the index is behind the head, when the head is known
     * @param haltedSince when the indexer stopped advancing, when it did
     */
    public record Freshness(Status status, long indexedBlock, @Nullable Long headBlock, @Nullable Long lagBlocks,
            @Nullable Instant haltedSince) {
        public boolean stale() {
            return status != Status.CURRENT;
        }
    }

    private final IndexReader reader;
    private final RpcClient rpc;
    private final long chainId;
    private final long staleAfterBlocks;
    private final Duration rememberedFor;
    private final Clock clock;
    private final AtomicReference<Measured> remembered = new AtomicReference<>();
    private final ReentrantLock measuring = new ReentrantLock();

    private record Measured(Freshness freshness, Instant at) {}

    public IndexFreshness(IndexReader reader, RpcClient rpc, long chainId, long staleAfterBlocks,
            Duration rememberedFor, Clock clock) {
        if (staleAfterBlocks < 0) {
            throw new IllegalArgumentException("cadenza.indexer.stale-after-blocks must not be negative");
        }
        this.reader = reader;
        this.rpc = rpc;
        this.chainId = chainId;
        this.staleAfterBlocks = staleAfterBlocks;
        this.rememberedFor = rememberedFor;
        this.clock = clock;
    }

    /**
     * The freshness, measured by one caller at a time: while one measures (a node that does not answer may take its
     * whole timeout), the others answer what was measured last instead of waiting in line on every read.
     */
    public Freshness current() {
        Measured last = remembered.get();
        if (last != null && isRecent(last)) {
            return last.freshness();
        }
        if (last == null) {
            measuring.lock(); // nothing to answer yet: wait for the first measurement
        } else if (!measuring.tryLock()) {
            return last.freshness(); // another caller is measuring
        }
        try {
            Measured latest = remembered.get();
            if (latest != null && isRecent(latest)) {
                return latest.freshness();
            }
            Measured now = new Measured(measure(), clock.instant());
            remembered.set(now);
            return now.freshness();
        } finally {
            measuring.unlock();
        }
    }

    private boolean isRecent(Measured measured) {
        return clock.instant().isBefore(measured.at().plus(rememberedFor));
    }

    private Freshness measure() {
        Optional<IndexState> state = reader.state(chainId);
        long indexed = state.map(IndexState::indexedBlock).orElse(-1L);
        Long head;
        try {
            head = rpc.blockNumber();
        } catch (Exception unreachable) {
            head = null;
        }
        Long lag = head == null ? null : Math.max(0, head - indexed);
        if (state.isPresent() && state.get().haltedReason() != null) {
            return new Freshness(Status.HALTED, indexed, head, lag, state.get().haltedSince());
        }
        if (head == null) {
            return new Freshness(Status.UNKNOWN, indexed, null, null, null);
        }
        Status status = state.isEmpty() || lag > staleAfterBlocks ? Status.LAGGING : Status.CURRENT;
        return new Freshness(status, indexed, head, lag, null);
    }
}
