package io.cadenza.api.ipfs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Blocks as files, sharded like Kubo's flatfs ({@code next-to-last/2}): {@code <root>/<2 chars>/<cid>}. A block is
 * written to a temporary file and moved into place, so a crash never leaves half a block under its CID; blocks are
 * immutable, so writing one twice is a no-op.
 */
public final class FileBlockStore implements BlockStore {
    /** The largest block this store accepts: a 256 KiB leaf, or a parent of 174 links, with room to spare. */
    public static final int BLOCK_BYTES_MAX = 1 << 20;

    private final Path root;

    public FileBlockStore(Path root) throws IOException {
        this.root = Files.createDirectories(root);
    }

    @Override
    public void accept(Cid cid, byte[] block, int length) throws IOException {
        if (length > BLOCK_BYTES_MAX) {
            throw new IllegalArgumentException("a block of " + length + " bytes exceeds " + BLOCK_BYTES_MAX);
        }
        Path target = path(cid);
        if (Files.exists(target)) {
            return;
        }
        Files.createDirectories(target.getParent());
        Path temporary = Files.createTempFile(target.getParent(), ".put-", ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                out.write(block, 0, length);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException raced) {
                // Another writer stored the same block first: same CID, same bytes.
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the block store needs a file system with atomic moves", e);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    @Override
    public Optional<byte[]> get(Cid cid) throws IOException {
        byte[] block;
        try {
            block = Files.readAllBytes(path(cid));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (!cid.matches(block)) {
            throw new IOException("block " + cid + " is corrupt on disk");
        }
        return Optional.of(block);
    }

    @Override
    public boolean has(Cid cid) {
        return Files.exists(path(cid));
    }

    private Path path(Cid cid) {
        String name = cid.toString();
        return root.resolve(name.substring(name.length() - 3, name.length() - 1)).resolve(name);
    }
}
