package io.cadenza.api.ipfs;

import java.io.IOException;
import java.util.Optional;

/** Blocks by CID: where the local copy of everything the API adds to IPFS lives. */
public interface BlockStore extends UnixFsImporter.BlockSink {
    /** The block, checked against its CID. */
    Optional<byte[]> get(Cid cid) throws IOException;

    boolean has(Cid cid) throws IOException;
}
