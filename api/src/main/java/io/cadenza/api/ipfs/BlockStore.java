package io.cadenza.api.ipfs;

import java.io.IOException;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Predicate;

/** Blocks by CID: where the local copy of everything the API adds to IPFS lives. */
public interface BlockStore extends UnixFsImporter.BlockSink {
    /** The block, checked against its CID. */
    Optional<byte[]> get(Cid cid) throws IOException;

    boolean has(Cid cid) throws IOException;

    /**
     * Stores a block. When this call created it, says so (with a stamp for {@link #discard}); when it was already
     * there, it counts as used again, so that a discard by whoever created it backs off.
     */
    Optional<NewBlock> put(Cid cid, byte[] block, int length) throws IOException;

    /**
     * Makes {@code blocks} durable where they are: after this returns, a power cut loses none of them. Called once
     * for everything an upload stored, before the upload is answered or recorded: a master is registered on chain
     * pointing at its blocks, for good.
     */
    void persist(Collection<Cid> blocks) throws IOException;

    /**
     * Removes a block created by {@link #put}, unless it has been stored again since (by another upload of the same
     * bytes). True when it was removed.
     */
    boolean discard(NewBlock created) throws IOException;

    /**
     * Removes every block that {@code keep} does not claim and that nothing has stored since {@code untouchedSince}
     * (uploads in progress store, or store again, every block they use), and what interrupted writes and discards
     * left behind.
     */
    SweepResult sweep(Predicate<Cid> keep, Instant untouchedSince) throws IOException;

    @Override
    default void accept(Cid cid, byte[] block, int length) throws IOException {
        put(cid, block, length);
    }

    /** A block one {@link #put} created, and when, as the store recorded it. */
    record NewBlock(Cid cid, FileTime writtenAt) {}

    /** What a sweep looked at and removed. */
    record SweepResult(long blocksExamined, long blocksRemoved, long bytesRemoved) {}
}
