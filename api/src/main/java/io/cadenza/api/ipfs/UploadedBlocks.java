package io.cadenza.api.ipfs;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The blocks one upload created in the store, so that a refused upload takes back what it added (a refused 2 GB file
 * would otherwise stay on disk for good) and nothing it shares with content stored before or meanwhile. Used by one
 * request's thread.
 */
public final class UploadedBlocks implements UnixFsImporter.BlockSink {
    private static final Logger LOG = LoggerFactory.getLogger(UploadedBlocks.class);

    private final BlockStore store;
    private final List<BlockStore.NewBlock> created = new ArrayList<>();
    /** Every block the upload stored, created or found: all of them must be durable before it is answered. */
    private final Set<Cid> stored = new LinkedHashSet<>();

    public UploadedBlocks(BlockStore store) {
        this.store = store;
    }

    @Override
    public void accept(Cid cid, byte[] block, int length) throws IOException {
        store.put(cid, block, length).ifPresent(created::add);
        stored.add(cid);
    }

    /** Makes every block this upload stored durable; called before the upload is recorded or answered. */
    public void persist() throws IOException {
        store.persist(stored);
    }

    /** Removes the blocks this upload created that nothing has stored since; returns how many went. */
    public int discard() {
        int removed = 0;
        for (BlockStore.NewBlock block : created) {
            try {
                if (store.discard(block)) {
                    removed++;
                }
            } catch (IOException e) {
                LOG.warn("could not remove block {} of a refused upload; it stays, unreferenced", block.cid(), e);
            }
        }
        created.clear();
        stored.clear();
        return removed;
    }
}
