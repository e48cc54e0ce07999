package io.cadenza.api.ipfs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Blocks as files, sharded like Kubo's flatfs ({@code next-to-last/2}): {@code <root>/<2 chars>/<cid>}. A block is
 * written to a temporary file, synced, and linked into place, so neither a crash nor a power cut leaves half a block
 * under its CID; the new names are made durable by {@link #persist}, once per upload for all its directories, before
 * anything points at them. Blocks are immutable, so writing one twice only marks it as used again (its modification
 * time), which is what lets a refused upload take back the blocks it created without taking one that another upload
 * shares.
 */
public final class FileBlockStore implements BlockStore {
    /** The largest block this store accepts: a 256 KiB leaf, or a parent of 174 links, with room to spare. */
    public static final int BLOCK_BYTES_MAX = 1 << 20;
    /** Where a discard puts a block while it checks that nothing stored it again. */
    private static final String SET_ASIDE_PREFIX = ".discard-";

    /** Directories synced at once by {@link #persist}: the file system commits concurrent syncs together. */
    private static final int DIRECTORY_SYNCS_IN_FLIGHT = 16;

    private final Path root;
    private final FileSync sync;

    public FileBlockStore(Path root) throws IOException {
        this(root, FileSync.FSYNC);
    }

    public FileBlockStore(Path root, FileSync sync) throws IOException {
        this.root = Files.createDirectories(root);
        this.sync = sync;
    }

    @Override
    public Optional<NewBlock> put(Cid cid, byte[] block, int length) throws IOException {
        if (length > BLOCK_BYTES_MAX) {
            throw new IllegalArgumentException("a block of " + length + " bytes exceeds " + BLOCK_BYTES_MAX);
        }
        Path target = path(cid);
        if (markUsed(target)) {
            return Optional.empty();
        }
        Files.createDirectories(target.getParent());
        Path temporary = Files.createTempFile(target.getParent(), ".put-", ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                out.write(block, 0, length);
            }
            // Its bytes before its name: after a power cut, a name that survived must hold the whole block.
            sync.file(temporary);
            // Taken from the temporary file: the same inode, and nobody else can have touched it yet.
            FileTime writtenAt = Files.getLastModifiedTime(temporary);
            try {
                // A hard link never replaces an existing file, unlike a rename: of two writers of the same new
                // block exactly one creates it, and only that one may discard it.
                Files.createLink(target, temporary);
                return Optional.of(new NewBlock(cid, writtenAt));
            } catch (FileAlreadyExistsException raced) {
                markUsed(target);
                return Optional.empty();
            } catch (UnsupportedOperationException e) {
                throw new IOException("the block store needs a file system with hard links", e);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Syncs the shard directories holding {@code blocks}, then the root (a shard may be new), several at a time. The
     * blocks' bytes were synced by {@link #put}; a block another upload is still writing was synced before its name
     * existed, so whatever names these directories hold afterwards are whole blocks.
     */
    @Override
    public void persist(Collection<Cid> blocks) throws IOException {
        Set<Path> shards = new LinkedHashSet<>();
        blocks.forEach(cid -> shards.add(path(cid).getParent()));
        List<Future<?>> synced = new ArrayList<>(shards.size());
        try (ExecutorService syncing = Executors.newFixedThreadPool(
                Math.max(1, Math.min(DIRECTORY_SYNCS_IN_FLIGHT, shards.size())),
                Thread.ofPlatform().name("block-sync-", 0).daemon(true).factory())) {
            for (Path shard : shards) {
                synced.add(syncing.submit(() -> {
                    sync.directory(shard);
                    return null;
                }));
            }
            for (Future<?> done : synced) {
                done.get();
            }
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("syncing the block store's directories failed", failed.getCause());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while syncing the block store");
        }
        sync.directory(root);
    }

    @Override
    public boolean discard(NewBlock created) throws IOException {
        Path target = path(created.cid());
        Path held = target.resolveSibling(SET_ASIDE_PREFIX + created.cid() + "-" + UUID.randomUUID());
        try {
            Files.move(target, held, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException gone) {
            return false;
        }
        // Moved aside first, then checked: a put that marks the block used either lands before the move (seen here,
        // and the block goes back) or finds no file and writes it anew.
        try {
            if (!Files.getLastModifiedTime(held).equals(created.writtenAt())) {
                Files.move(held, target, StandardCopyOption.ATOMIC_MOVE);
                return false;
            }
            return true;
        } finally {
            Files.deleteIfExists(held);
        }
    }

    @Override
    public SweepResult sweep(Predicate<Cid> keep, Instant untouchedSince) throws IOException {
        long examined = 0;
        long removed = 0;
        long bytesRemoved = 0;
        try (DirectoryStream<Path> shards = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path shard : shards) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(shard)) {
                    for (Path file : files) {
                        BasicFileAttributes attributes;
                        try {
                            attributes = Files.readAttributes(file, BasicFileAttributes.class);
                        } catch (NoSuchFileException gone) {
                            continue;
                        }
                        if (!attributes.lastModifiedTime().toInstant().isBefore(untouchedSince)) {
                            continue;
                        }
                        String name = file.getFileName().toString();
                        if (name.startsWith(".put-")) {
                            Files.deleteIfExists(file); // a write that never finished
                            continue;
                        }
                        if (name.startsWith(SET_ASIDE_PREFIX)) {
                            // A discard that never finished: keeping a block is always safe.
                            Optional<Cid> held = setAsideBlock(name);
                            if (held.isPresent() && !Files.exists(path(held.get()))) {
                                restoreSetAside(held.get());
                            }
                            continue;
                        }
                        Cid cid;
                        try {
                            cid = Cid.parse(name);
                        } catch (IllegalArgumentException notABlock) {
                            continue;
                        }
                        examined++;
                        if (!keep.test(cid) && discard(new NewBlock(cid, attributes.lastModifiedTime()))) {
                            removed++;
                            bytesRemoved += attributes.size();
                        }
                    }
                }
            }
        }
        return new SweepResult(examined, removed, bytesRemoved);
    }

    /** The block a {@code .discard-<cid>-<uuid>} file holds, if the name is one of ours. */
    private static Optional<Cid> setAsideBlock(String name) {
        int cidEnd = name.indexOf('-', SET_ASIDE_PREFIX.length());
        if (cidEnd < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(Cid.parse(name.substring(SET_ASIDE_PREFIX.length(), cidEnd)));
        } catch (IllegalArgumentException notOurs) {
            return Optional.empty();
        }
    }

    /**
     * Marks an existing block as stored again, false when there is none. The new time is always later than the one it
     * replaces: the kernel's clock for file times is coarse, and "now" could otherwise equal the creator's stamp.
     */
    private static boolean markUsed(Path target) throws IOException {
        try {
            Instant stamped = Files.getLastModifiedTime(target).toInstant();
            Instant now = Instant.now();
            Files.setLastModifiedTime(target, FileTime.from(now.isAfter(stamped) ? now : stamped.plusNanos(1)));
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    @Override
    public Optional<byte[]> get(Cid cid) throws IOException {
        byte[] block;
        try {
            block = Files.readAllBytes(path(cid));
        } catch (NoSuchFileException e) {
            if (!restoreSetAside(cid)) {
                return Optional.empty();
            }
            block = Files.readAllBytes(path(cid));
        }
        if (!cid.matches(block)) {
            throw new IOException("block " + cid + " is corrupt on disk");
        }
        return Optional.of(block);
    }

    @Override
    public boolean has(Cid cid) throws IOException {
        return Files.exists(path(cid)) || restoreSetAside(cid);
    }

    /**
     * A discard that stopped between setting a block aside and deciding its fate (the process died) leaves it under
     * a {@code .discard-} name. Keeping a block is always safe, so a block found missing is looked for there first.
     */
    private boolean restoreSetAside(Cid cid) throws IOException {
        Path target = path(cid);
        if (!Files.isDirectory(target.getParent())) {
            return false;
        }
        try (DirectoryStream<Path> setAside = Files.newDirectoryStream(target.getParent(),
                SET_ASIDE_PREFIX + cid + "-*")) {
            for (Path held : setAside) {
                try {
                    Files.move(held, target, StandardCopyOption.ATOMIC_MOVE);
                    return true;
                } catch (NoSuchFileException takenMeanwhile) {
                    // its discard finished after all; another may be left
                }
            }
        }
        return Files.exists(target);
    }

    private Path path(Cid cid) {
        String name = cid.toString();
        return root.resolve(name.substring(name.length() - 3, name.length() - 1)).resolve(name);
    }
}
