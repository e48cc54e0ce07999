package io.cadenza.api.ipfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Blocks stored once, and taken back only by the upload that created them and only while nothing else uses them. */
class FileBlockStoreTest {
    @TempDir
    Path directory;

    @Test
    void aBlocksBytesAreSyncedBeforeItHasItsNameAndItsDirectoriesWhenPersisted() throws IOException {
        List<String> synced = new ArrayList<>();
        byte[] block = "durable".getBytes(StandardCharsets.UTF_8);
        Cid cid = Cid.of(Cid.CODEC_RAW, block);
        FileBlockStore store = new FileBlockStore(directory, new FileSync() {
            @Override
            public void file(Path file) throws IOException {
                FSYNC.file(file);
                // The bytes first: no file may carry the block's name until they are on disk.
                synced.add("file " + Files.size(file) + " named " + blockFiles().stream()
                        .filter(named -> !named.getFileName().toString().startsWith(".")).count());
            }

            @Override
            public void directory(Path dir) throws IOException {
                FSYNC.directory(dir);
                synced.add("directory " + directory.relativize(dir));
            }
        });

        store.put(cid, block, block.length);
        assertThat(synced).containsExactly("file " + block.length + " named 0");
        store.persist(List.of(cid));
        Path shard = blockFiles().getFirst().getParent();
        assertThat(synced).containsExactly("file " + block.length + " named 0",
                "directory " + directory.relativize(shard), "directory ");
    }

    @Test
    void aBlockIsCreatedOnceAndTakenBackByItsCreator() throws IOException {
        FileBlockStore store = new FileBlockStore(directory);
        byte[] block = "a leaf".getBytes(StandardCharsets.UTF_8);
        Cid cid = Cid.of(Cid.CODEC_RAW, block);

        Optional<BlockStore.NewBlock> created = store.put(cid, block, block.length);
        assertThat(created).isPresent();
        assertThat(store.get(cid)).hasValueSatisfying(stored -> assertThat(stored).isEqualTo(block));

        assertThat(store.discard(created.orElseThrow())).isTrue();
        assertThat(store.has(cid)).isFalse();
        assertThat(store.discard(created.orElseThrow())).isFalse();
        assertThat(blockFiles()).isEmpty();
    }

    @Test
    void aBlockStoredAgainAfterItsCreationIsKeptWhenTheCreatorDiscardsIt() throws IOException {
        FileBlockStore store = new FileBlockStore(directory);
        byte[] block = "shared".getBytes(StandardCharsets.UTF_8);
        Cid cid = Cid.of(Cid.CODEC_RAW, block);

        BlockStore.NewBlock created = store.put(cid, block, block.length).orElseThrow();
        assertThat(store.put(cid, block, block.length)).as("the second put finds it").isEmpty();

        assertThat(store.discard(created)).isFalse();
        assertThat(store.get(cid)).hasValueSatisfying(stored -> assertThat(stored).isEqualTo(block));
        assertThat(blockFiles()).hasSize(1);
    }

    @Test
    void aBlockSetAsideByADiscardThatNeverFinishedIsFoundAgain() throws IOException {
        FileBlockStore store = new FileBlockStore(directory);
        byte[] block = "set aside".getBytes(StandardCharsets.UTF_8);
        Cid cid = Cid.of(Cid.CODEC_RAW, block);
        store.put(cid, block, block.length).orElseThrow();
        Path stored = blockFiles().getFirst();
        // What a process dying between the two steps of a discard leaves behind.
        Files.move(stored, stored.resolveSibling(".discard-" + cid + "-" + UUID.randomUUID()));

        assertThat(store.get(cid)).hasValueSatisfying(found -> assertThat(found).isEqualTo(block));
        assertThat(blockFiles()).containsExactly(stored);
        assertThat(store.has(Cid.of(Cid.CODEC_RAW, "never stored".getBytes(StandardCharsets.UTF_8)))).isFalse();
    }

    @Test
    void ofWritersRacingWithTheSameNewBlockExactlyOneCreatesIt() throws Exception {
        FileBlockStore store = new FileBlockStore(directory);
        ExecutorService writers = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 50; round++) {
                byte[] block = ("round " + round).getBytes(StandardCharsets.UTF_8);
                Cid cid = Cid.of(Cid.CODEC_RAW, block);
                List<Callable<Optional<BlockStore.NewBlock>>> puts = new ArrayList<>();
                for (int writer = 0; writer < 8; writer++) {
                    puts.add(() -> store.put(cid, block, block.length));
                }
                List<BlockStore.NewBlock> creators = new ArrayList<>();
                for (Future<Optional<BlockStore.NewBlock>> put : writers.invokeAll(puts)) {
                    put.get().ifPresent(creators::add);
                }
                assertThat(creators).as("round %d", round).hasSize(1);
                // The others stored it too, so the creator's discard must leave it for them.
                assertThat(store.discard(creators.getFirst())).as("round %d", round).isFalse();
                assertThat(store.has(cid)).isTrue();
            }
        } finally {
            writers.shutdownNow();
        }
    }

    @Test
    void aRefusedUploadTakesBackItsOwnBlocksAndLeavesTheOnesItShares() throws IOException {
        FileBlockStore store = new FileBlockStore(directory);
        UnixFsImporter importer = new UnixFsImporter();
        byte[] kept = random(2 * UnixFsImporter.CHUNK_BYTES, 1);
        UnixFsImporter.ImportedFile keptFile = importer.add(new ByteArrayInputStream(kept), store);
        List<Path> before = blockFiles();

        // Same first chunk, another second one and more: shares one leaf with the stored file.
        byte[] refused = random(3 * UnixFsImporter.CHUNK_BYTES, 2);
        System.arraycopy(kept, 0, refused, 0, UnixFsImporter.CHUNK_BYTES);
        UploadedBlocks upload = new UploadedBlocks(store);
        UnixFsImporter.ImportedFile refusedFile = importer.add(new ByteArrayInputStream(refused), upload);
        assertThat(blockFiles()).hasSize(before.size() + 3); // two new leaves and a new root

        assertThat(upload.discard()).isEqualTo(3);
        assertThat(blockFiles()).containsExactlyInAnyOrderElementsOf(before);
        assertThat(store.has(refusedFile.root())).isFalse();
        try (InputStream read = new UnixFsFileStream(store, keptFile.root())) {
            assertThat(read.readAllBytes()).isEqualTo(kept);
        }
    }

    @Test
    void aSweepRemovesOldBlocksNothingClaimsAndWhatInterruptedWritesLeft() throws IOException {
        FileBlockStore store = new FileBlockStore(directory);
        UnixFsImporter importer = new UnixFsImporter();
        UnixFsImporter.ImportedFile kept = importer.add(new ByteArrayInputStream(random(3 * UnixFsImporter.CHUNK_BYTES,
                3)), store);
        UnixFsImporter.ImportedFile orphan = importer.add(new ByteArrayInputStream(random(2 * UnixFsImporter.CHUNK_BYTES,
                4)), store);
        Instant old = Instant.now().minus(Duration.ofDays(2));
        for (Path file : blockFiles()) {
            Files.setLastModifiedTime(file, FileTime.from(old));
        }
        Path shard = blockFiles().getFirst().getParent();
        Path unfinishedWrite = Files.writeString(shard.resolve(".put-123.tmp"), "half a block");
        Files.setLastModifiedTime(unfinishedWrite, FileTime.from(old));
        byte[] young = "stored a moment ago".getBytes(StandardCharsets.UTF_8);
        Cid youngCid = Cid.of(Cid.CODEC_RAW, young);
        store.put(youngCid, young, young.length);
        Set<Cid> claimed = reachable(store, kept.root());

        BlockStore.SweepResult swept = store.sweep(claimed::contains, Instant.now().minus(Duration.ofDays(1)));

        assertThat(swept.blocksRemoved()).isEqualTo(3); // the orphan's two leaves and its root
        assertThat(swept.blocksExamined()).isEqualTo(4 + 3); // the kept file's blocks and the orphan's, not the young
        assertThat(store.has(orphan.root())).isFalse();
        assertThat(store.has(youngCid)).as("within the grace period").isTrue();
        assertThat(unfinishedWrite).doesNotExist();
        try (InputStream read = new UnixFsFileStream(store, kept.root())) {
            assertThat(read.readAllBytes()).isEqualTo(random(3 * UnixFsImporter.CHUNK_BYTES, 3));
        }
        assertThat(store.sweep(claimed::contains, Instant.now().minus(Duration.ofDays(1))).blocksRemoved()).isZero();
    }

    @Test
    void aSweepPutsBackABlockADiscardLeftAside() throws IOException {
        FileBlockStore store = new FileBlockStore(directory);
        byte[] block = "left aside".getBytes(StandardCharsets.UTF_8);
        Cid cid = Cid.of(Cid.CODEC_RAW, block);
        store.put(cid, block, block.length);
        Path stored = blockFiles().getFirst();
        Path aside = stored.resolveSibling(".discard-" + cid + "-" + UUID.randomUUID());
        Files.move(stored, aside);
        Files.setLastModifiedTime(aside, FileTime.from(Instant.now().minus(Duration.ofDays(2))));

        store.sweep(claimedCid -> claimedCid.equals(cid), Instant.now().minus(Duration.ofDays(1)));

        assertThat(blockFiles()).containsExactly(stored);
    }

    private static Set<Cid> reachable(BlockStore store, Cid root) throws IOException {
        Set<Cid> found = new HashSet<>();
        Deque<Cid> pending = new ArrayDeque<>(List.of(root));
        while (!pending.isEmpty()) {
            Cid cid = pending.pop();
            found.add(cid);
            if (!cid.isRaw()) {
                pending.addAll(DagPbNode.parse(store.get(cid).orElseThrow()).links());
            }
        }
        return found;
    }

    private List<Path> blockFiles() throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private static byte[] random(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
