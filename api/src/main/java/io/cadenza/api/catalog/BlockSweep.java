package io.cadenza.api.catalog;

import io.cadenza.api.ipfs.BlockFilter;
import io.cadenza.api.ipfs.BlockStore;
import io.cadenza.api.ipfs.Cid;
import io.cadenza.api.ipfs.ContentPins;
import io.cadenza.api.ipfs.DagPbNode;
import io.cadenza.api.ipfs.PinnedContent;
import io.cadenza.api.ipfs.UnixFsImporter;
import io.cadenza.api.masters.MasterStore;
import io.cadenza.api.masters.StoredFile;
import io.cadenza.api.scheduling.FixedDelayTask;
import io.cadenza.chain.roles.ApiRole;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Garbage collection of the local block store, like {@code ipfs repo gc}: marks every block the masters' files and the
 * pinned files reach, then removes the blocks nothing reaches that have not been stored for a grace period. A refused
 * upload already takes its blocks back; what is left for this pass is what a process dying mid-upload leaves. The
 * grace period protects uploads in progress, which store (or store again) every block they use.
 */
@Context
@Requires(condition = ApiRole.class)
@Requires(property = "cadenza.ipfs.sweep.enabled", notEquals = "false")
public class BlockSweep implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BlockSweep.class);

    private final BlockStore blocks;
    private final MasterStore masters;
    private final ContentPins pins;
    private final Duration grace;
    private final Clock clock;
    private final FixedDelayTask task;

    public BlockSweep(BlockStore blocks, MasterStore masters, ContentPins pins, Clock clock,
            @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler,
            @Value("${cadenza.ipfs.sweep.interval:6h}") Duration interval,
            @Value("${cadenza.ipfs.sweep.grace:24h}") Duration grace) {
        this.blocks = blocks;
        this.masters = masters;
        this.pins = pins;
        this.grace = grace;
        this.clock = clock;
        this.task = new FixedDelayTask(scheduler, "block sweep", interval, interval, this::sweepQuietly);
    }

    @Override
    @PreDestroy
    public void close() {
        task.close();
    }

    /** One pass; answers what it removed. */
    public BlockStore.SweepResult sweep() throws IOException {
        // The roots are read before the store is walked: a master stored meanwhile has blocks younger than the grace.
        List<Cid> roots = new ArrayList<>();
        long expectedBlocks = 0;
        for (StoredFile file : masters.allFiles()) {
            roots.add(Cid.parse(file.cid()));
            expectedBlocks += blocksOf(file.bytes());
        }
        for (PinnedContent file : pins.all()) {
            roots.add(Cid.parse(file.cid()));
            expectedBlocks += blocksOf(file.bytes());
        }
        BlockFilter reachable = mark(roots, expectedBlocks);
        BlockStore.SweepResult result = blocks.sweep(reachable::mightContain, clock.instant().minus(grace));
        LOG.info("block sweep: {} roots, {} blocks examined, {} unreferenced removed ({} bytes)", roots.size(),
                result.blocksExamined(), result.blocksRemoved(), result.bytesRemoved());
        return result;
    }

    private void sweepQuietly() {
        try {
            sweep();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // logged by the task; the next pass retries
        }
    }

    /**
     * Every block under the roots. Each DAG is walked whole, never cut short by "already marked": the filter's false
     * positives would otherwise leave a subtree unmarked, and removed.
     */
    private BlockFilter mark(List<Cid> roots, long expectedBlocks) throws IOException {
        BlockFilter reachable = new BlockFilter(expectedBlocks);
        Deque<Cid> pending = new ArrayDeque<>(roots);
        while (!pending.isEmpty()) {
            Cid cid = pending.pop();
            reachable.add(cid);
            if (cid.isRaw()) {
                continue; // a leaf: no need to read it
            }
            byte[] node = blocks.get(cid).orElse(null);
            if (node == null) {
                LOG.warn("block sweep: block {} is referenced but missing from the store", cid);
                continue;
            }
            // Depth first: the deque holds the roots and one path of link lists, not every leaf of every file.
            DagPbNode.parse(node).links().forEach(pending::push);
        }
        return reachable;
    }

    /** Leaves, and a generous count of the parents above them. */
    private static long blocksOf(long bytes) {
        long leaves = bytes / UnixFsImporter.CHUNK_BYTES + 1;
        return leaves + leaves / 100 + 2;
    }
}
