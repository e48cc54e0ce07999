package io.cadenza.indexer.ingest;

import io.cadenza.indexer.config.IndexerConfiguration;
import io.github.resilience4j.core.IntervalFunction;
import io.cadenza.indexer.events.ChainEvent;
import io.cadenza.indexer.events.ContractKind;
import io.cadenza.indexer.events.EventDecoder;
import io.cadenza.indexer.metrics.IndexerMetrics;
import io.cadenza.indexer.notify.IndexChange;
import io.cadenza.indexer.notify.IndexChangeListener;
import io.cadenza.indexer.reorg.CommonAncestorSearch;
import io.cadenza.indexer.rpc.BlockHeader;
import io.cadenza.indexer.rpc.RawLog;
import io.cadenza.indexer.rpc.RpcClient;
import io.cadenza.indexer.rpc.RpcException;
import io.cadenza.indexer.store.Checkpoint;
import io.cadenza.indexer.store.IndexBatch;
import io.cadenza.indexer.store.IndexFaults;
import io.cadenza.indexer.store.IndexStore;
import io.cadenza.indexer.store.ProjectedChanges;
import io.cadenza.indexer.store.WatchedContract;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One chain's indexer, one step at a time (the loop around it lives in {@link IndexerLoop}): poll the head, check that
 * the indexed tip is still canonical, fetch the next range of logs with the clones discovered in it, check the range
 * against the headers, and commit logs, projections and checkpoint together. A reorg rolls back to the common
 * ancestor; the following steps re-index the new branch.
 *
 * <p>While backfilling, the next range is fetched in the background while the current one commits: the node and
 * PostgreSQL work at the same time. The prefetch already watches the clones the current range discovered. It is used
 * only if it starts at the new checkpoint and watched exactly the contracts watched then (a failed commit or a
 * rollback changes them); its logs are checked against the headers like any others.
 */
public final class ChainIndexer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChainIndexer.class);
    /** Backoff between attempts at one range: 50 ms, doubling per attempt, at most 3.2 s. */
    private static final IntervalFunction RANGE_RETRY_BACKOFF =
            IntervalFunction.ofExponentialBackoff(Duration.ofMillis(50), 2, Duration.ofMillis(3_200));

    private final RpcClient rpc;
    private final IndexStore store;
    private final IndexedSuite suite;
    private final IndexerConfiguration configuration;
    private final IndexChangeListener listener;
    private final IndexerMetrics metrics;
    private final IndexFaults faults;
    private final Clock clock;
    private final AdaptiveRange range;
    private final CommonAncestorSearch ancestors;
    private final int finalityDepth;
    private final boolean localChain;
    private final ExecutorService prefetcher;
    private Map<String, WatchedContract> watched;
    /** The recoveries counted when {@link #watched} was loaded: an operator's recovery since makes it stale. */
    private long recoveriesSeen = -1;
    private Prefetch prefetch;

    public ChainIndexer(RpcClient rpc, IndexStore store, IndexedSuite suite, IndexerConfiguration configuration,
            IndexChangeListener listener, IndexerMetrics metrics, IndexFaults faults, Clock clock) {
        if (store.chainId() != suite.chainId()) {
            throw new IllegalArgumentException("store of chain " + store.chainId() + " for suite of " + suite.chainId());
        }
        this.rpc = rpc;
        this.store = store;
        this.suite = suite;
        this.configuration = configuration;
        this.listener = listener;
        this.metrics = metrics;
        this.faults = faults;
        this.clock = clock;
        this.range = new AdaptiveRange(configuration.rangeBlocksMax(), configuration.rangeLogsTarget());
        this.ancestors = new CommonAncestorSearch(rpc, suite.chainId());
        this.finalityDepth = configuration.finalityDepthFor(suite.chainId());
        this.localChain = configuration.isLocal(suite.chainId());
        this.prefetcher = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("indexer-prefetch-" + suite.chainId()).daemon(true).factory());
    }

    @Override
    public void close() {
        discardPrefetch();
        prefetcher.shutdownNow();
    }

    public long chainId() {
        return suite.chainId();
    }

    /** Takes one step. RPC and database failures propagate with nothing written; the caller backs off and steps again. */
    public StepOutcome step() throws RpcException, SQLException {
        Checkpoint checkpoint = initialized();
        long head = rpc.blockNumber();
        long target = head - configuration.confirmations();
        if (target <= checkpoint.indexedBlock()) {
            BlockHeader tip = rpc.headers(List.of(checkpoint.indexedBlock())).get(checkpoint.indexedBlock());
            if (tip != null && tip.hash().equals(checkpoint.indexedHash())) {
                metrics.position(head, checkpoint.indexedBlock(), tip.timestampSeconds(), clock.instant().getEpochSecond());
                return StepOutcome.IDLE;
            }
            return rollBack(checkpoint);
        }
        long from = checkpoint.indexedBlock() + 1;
        FetchedLogs fetched = prefetched(from);
        if (fetched == null) {
            fetched = fetchLogs(from, Math.min(target, from + range.blocks() - 1), Set.copyOf(watched.keySet()));
        }
        long to = fetched.toBlock();
        long keepHeadersFrom = head - finalityDepth + 1;
        TreeSet<Long> headerNumbers = new TreeSet<>(List.of(from, to));
        for (long number = Math.max(from, keepHeadersFrom); number <= to; number++) {
            headerNumbers.add(number);
        }
        TreeMap<Long, BlockHeader> headers = new TreeMap<>(rpc.headers(headerNumbers));
        BlockHeader first = headers.get(from);
        if (first == null || !headers.containsKey(to)) {
            return StepOutcome.RETRY; // the node's chain got shorter since the head was read
        }
        if (!buildsOnCheckpoint(first, checkpoint)) {
            return rollBack(checkpoint);
        }
        if (!consistent(headers, fetched.logs())) {
            LOG.info("chain {}: blocks {}..{} changed while being fetched; fetching again", chainId(), from, to);
            return StepOutcome.RETRY;
        }
        List<ChainEvent> events = decode(fetched.logs(), fetched.discovered());
        faults.afterFetch();
        IndexBatch batch = new IndexBatch(from, List.copyOf(headers.values()), fetched.logs(), events,
                fetched.discovered(), keepHeadersFrom);
        if (to < target) {
            Set<String> addresses = new HashSet<>(watched.keySet());
            fetched.discovered().forEach(contract -> addresses.add(contract.address()));
            startPrefetch(to + 1, Math.min(target, to + range.blocks()), Set.copyOf(addresses));
        }
        ProjectedChanges changes;
        long commitStart = System.nanoTime();
        try {
            changes = store.commit(batch, faults);
            metrics.committed(System.nanoTime() - commitStart);
        } catch (SQLException | RuntimeException failure) {
            discardPrefetch();
            throw failure;
        }
        fetched.discovered().forEach(contract -> watched.put(contract.address(), contract));
        faults.afterCommit();
        BlockHeader last = batch.last();
        metrics.batchCommitted(from, to, fetched.logs().size());
        metrics.position(head, to, last.timestampSeconds(), clock.instant().getEpochSecond());
        listener.indexChanged(new IndexChange(chainId(), IndexChange.Kind.INDEXED, from, to, last.hash(),
                fetched.logs().size(), changes));
        return StepOutcome.INDEXED;
    }

    /**
     * Reads the head and reports how far the index is behind it, indexing nothing: a halted indexer's lag keeps
     * growing on its gauge instead of reading what it was when the indexer stopped.
     */
    public void measureLag() throws RpcException, SQLException {
        Optional<Checkpoint> checkpoint = store.checkpoint();
        if (checkpoint.isPresent()) {
            metrics.behind(rpc.blockNumber(), checkpoint.get().indexedBlock());
        }
    }

    /** The checkpoint, starting the chain's index at the suite's first block if there is none yet. */
    private Checkpoint initialized() throws RpcException, SQLException {
        Optional<Checkpoint> existing = store.checkpoint();
        if (existing.isPresent() && existing.get().genesisHash().equals(suite.genesisHash()) && watched != null
                && existing.get().recoveryCount() == recoveriesSeen) {
            return existing.get();
        }
        if (existing.isEmpty() || !existing.get().genesisHash().equals(suite.genesisHash())) {
            long parentNumber = suite.startBlock() - 1;
            BlockHeader parent = rpc.headers(List.of(parentNumber)).get(parentNumber);
            if (parent == null) {
                throw new RpcException("the node has no block " + parentNumber + " yet", false);
            }
            store.initialize(suite.genesisHash(), parent, List.of(
                    new WatchedContract(suite.masterRegistry(), ContractKind.MASTER_REGISTRY, suite.startBlock()),
                    new WatchedContract(suite.offeringFactory(), ContractKind.OFFERING_FACTORY, suite.startBlock())));
        }
        Checkpoint checkpoint = store.checkpoint().orElseThrow();
        reloadWatched();
        recoveriesSeen = checkpoint.recoveryCount();
        return checkpoint;
    }

    /** The recoveries an operator ran on this chain's index; 0 before it starts. */
    public long recoveryCount() throws SQLException {
        return store.checkpoint().map(Checkpoint::recoveryCount).orElse(0L);
    }

    /** Records, for every instance to read, that the indexer cannot advance. */
    public void recordHalt(String reason) throws SQLException {
        store.recordHalt(reason);
    }

    /** Clears a recorded halt. */
    public void clearHalt() throws SQLException {
        store.clearHalt();
    }

    private StepOutcome rollBack(Checkpoint checkpoint) throws RpcException, SQLException {
        long ancestor = ancestors.find(store.storedHeaderHashes(), checkpoint.indexedBlock());
        if (ancestor == checkpoint.indexedBlock()) {
            return StepOutcome.RETRY; // the tip is canonical after all: the node was mid-switch
        }
        ProjectedChanges changes = store.rollbackTo(ancestor);
        reloadWatched();
        metrics.reorg();
        String ancestorHash = store.checkpoint().orElseThrow().indexedHash();
        listener.indexChanged(new IndexChange(chainId(), IndexChange.Kind.ROLLED_BACK, checkpoint.indexedBlock(),
                ancestor, ancestorHash, 0, changes));
        return StepOutcome.ROLLED_BACK;
    }

    /**
     * The logs of blocks {@code from..to} (or of a shorter range, when the node refuses) for every watched contract
     * and for the clones created inside the range: those are fetched from the block that created them to the end.
     */
    private FetchedLogs fetchLogs(long from, long to, Set<String> addresses) throws RpcException {
        long end = to;
        for (int attempt = 1; ; attempt++) {
            int spanned = (int) (end - from + 1);
            try {
                List<RawLog> logs = rpc.logs(from, end, addresses);
                List<WatchedContract> discovered = discoveredIn(logs, addresses);
                if (!discovered.isEmpty()) {
                    long firstCreation = discovered.stream().mapToLong(WatchedContract::discoveredBlock).min().orElseThrow();
                    List<String> clones = discovered.stream().map(WatchedContract::address).toList();
                    Map<String, RawLog> merged = new LinkedHashMap<>();
                    logs.forEach(log -> merged.put(log.blockHash() + ":" + log.logIndex(), log));
                    rpc.logs(firstCreation, end, clones).forEach(log -> merged.put(log.blockHash() + ":" + log.logIndex(), log));
                    logs = new ArrayList<>(merged.values());
                    logs.sort(RawLog::chainOrder);
                }
                range.succeeded(spanned, logs.size());
                return new FetchedLogs(end, logs, discovered);
            } catch (RpcException failure) {
                metrics.rpcError();
                range.failed(spanned);
                if (attempt >= configuration.rpcAttemptsMax()) {
                    throw failure;
                }
                LOG.debug("chain {}: logs of {}..{} failed ({}); trying {} blocks", chainId(), from, end,
                        failure.getMessage(), range.blocks());
                end = Math.min(end, from + range.blocks() - 1);
                sleepBackoff(attempt);
            }
        }
    }

    private List<WatchedContract> discoveredIn(List<RawLog> logs, Set<String> addresses) {
        List<WatchedContract> discovered = new ArrayList<>();
        for (RawLog log : logs) {
            if (log.address().equals(suite.offeringFactory()) && EventDecoder.isOfferingCreated(log)) {
                ChainEvent.OfferingCreated created = (ChainEvent.OfferingCreated) EventDecoder
                        .decode(log, ContractKind.OFFERING_FACTORY).orElseThrow();
                if (!addresses.contains(created.shares())) {
                    discovered.add(new WatchedContract(created.shares(), ContractKind.SHARES, log.blockNumber()));
                    discovered.add(new WatchedContract(created.sale(), ContractKind.SALE, log.blockNumber()));
                }
            }
        }
        return discovered;
    }

    /**
     * Whether the range's first block builds on the indexed tip. A block that names no parent (see
     * {@link BlockHeader#parentUnknown()}) is linked, on a local chain, by the hash the node now gives for the block
     * before it; elsewhere it stops the indexer.
     */
    private boolean buildsOnCheckpoint(BlockHeader first, Checkpoint checkpoint) throws RpcException {
        if (!first.parentUnknown()) {
            return first.parentHash().equals(checkpoint.indexedHash());
        }
        if (!localChain) {
            throw new UnlinkedBlockException(chainId(), first.number());
        }
        BlockHeader tip = rpc.headers(List.of(checkpoint.indexedBlock())).get(checkpoint.indexedBlock());
        return tip != null && tip.hash().equals(checkpoint.indexedHash());
    }

    /**
     * Every fetched header builds on the one before, and every log of a fetched block carries that block's hash. A
     * header that names no parent is taken as linked on a local chain: the node answered both in one request.
     */
    private boolean consistent(TreeMap<Long, BlockHeader> headers, List<RawLog> logs) {
        BlockHeader previous = null;
        for (BlockHeader header : headers.values()) {
            boolean consecutive = previous != null && previous.number() + 1 == header.number();
            if (consecutive && header.parentUnknown()) {
                if (!localChain) {
                    throw new UnlinkedBlockException(chainId(), header.number());
                }
            } else if (consecutive && !previous.isParentOf(header)) {
                return false;
            }
            previous = header;
        }
        for (RawLog log : logs) {
            BlockHeader header = headers.get(log.blockNumber());
            if (header != null && !header.hash().equals(log.blockHash())) {
                return false;
            }
        }
        return true;
    }

    private List<ChainEvent> decode(List<RawLog> logs, List<WatchedContract> discovered) {
        Map<String, ContractKind> kinds = new HashMap<>();
        watched.values().forEach(contract -> kinds.put(contract.address(), contract.kind()));
        discovered.forEach(contract -> kinds.put(contract.address(), contract.kind()));
        List<ChainEvent> events = new ArrayList<>(logs.size());
        for (RawLog log : logs) {
            ContractKind kind = kinds.get(log.address());
            if (kind == null) {
                throw new IllegalStateException("log of unwatched contract " + log.address());
            }
            EventDecoder.decode(log, kind).ifPresent(events::add);
        }
        return events;
    }

    private void reloadWatched() throws SQLException {
        Map<String, WatchedContract> contracts = new HashMap<>();
        store.watchedContracts().forEach(contract -> contracts.put(contract.address(), contract));
        watched = contracts;
        discardPrefetch();
    }

    private void startPrefetch(long from, long to, Set<String> addresses) {
        discardPrefetch();
        prefetch = new Prefetch(from, addresses, prefetcher.submit(() -> fetchLogs(from, to, addresses)));
    }

    /** The prefetched logs from {@code from}, or null when there is no usable prefetch; its failure is rethrown. */
    private FetchedLogs prefetched(long from) throws RpcException {
        Prefetch taken = prefetch;
        prefetch = null;
        if (taken == null) {
            return null;
        }
        if (taken.fromBlock() != from || !taken.addresses().equals(watched.keySet())) {
            taken.logs().cancel(true);
            return null;
        }
        try {
            return taken.logs().get();
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof RpcException rpcFailure) {
                throw rpcFailure;
            }
            throw new IllegalStateException("prefetching logs from block " + from + " failed", failed.getCause());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new RpcException("interrupted", interrupted);
        }
    }

    private void discardPrefetch() {
        if (prefetch != null) {
            prefetch.logs().cancel(true);
            prefetch = null;
        }
    }

    private static void sleepBackoff(int attempt) throws RpcException {
        try {
            Thread.sleep(RANGE_RETRY_BACKOFF.apply(attempt));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new RpcException("interrupted", interrupted);
        }
    }

    private record FetchedLogs(long toBlock, List<RawLog> logs, List<WatchedContract> discovered) {}

    private record Prefetch(long fromBlock, Set<String> addresses, Future<FetchedLogs> logs) {}
}
