package io.cadenza.api.ipfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Reading a UnixFS file back from any offset, for any length, loading only the blocks that hold those bytes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnixFsFileStreamTest {
    private static final int CHUNK = UnixFsImporter.CHUNK_BYTES;
    /** 175 leaves: one more than a node links, so the DAG has two levels of parents. */
    private static final int FILE_BYTES = 175 * CHUNK - 1_000;

    private byte[] file;
    private Cid root;
    private CountingStore blocks;

    @BeforeAll
    void importFile(@TempDir Path directory) throws IOException {
        file = new byte[FILE_BYTES];
        new Random(7).nextBytes(file);
        FileBlockStore store = new FileBlockStore(directory);
        root = new UnixFsImporter().add(new ByteArrayInputStream(file), store).root();
        blocks = new CountingStore(store);
    }

    @Test
    void anyRangeReadsExactlyThoseBytes() throws IOException {
        long[][] ranges = {{0, 1}, {0, FILE_BYTES}, {1, 10}, {CHUNK - 1, 2}, {CHUNK, CHUNK}, {CHUNK + 1, 3 * CHUNK},
                {174L * CHUNK - 5, 10}, {FILE_BYTES - 1, 1}, {FILE_BYTES - 100, 1_000}, {123_456, 0}};
        for (long[] range : ranges) {
            int from = (int) range[0];
            int to = (int) Math.min(FILE_BYTES, range[0] + range[1]);
            try (InputStream read = new UnixFsFileStream(blocks, root, range[0], range[1])) {
                assertThat(read.readAllBytes()).as("%d+%d", range[0], range[1])
                        .isEqualTo(Arrays.copyOfRange(file, from, to));
            }
        }
        try (InputStream past = new UnixFsFileStream(blocks, root, FILE_BYTES, 10)) {
            assertThat(past.readAllBytes()).isEmpty();
        }
    }

    @Test
    void aSeekNearTheEndLoadsTheParentsAndOneLeafNotTheWholeFile() throws IOException {
        blocks.loaded.set(0);
        try (InputStream read = new UnixFsFileStream(blocks, root, FILE_BYTES - 10, 10)) {
            assertThat(read.readAllBytes()).isEqualTo(Arrays.copyOfRange(file, FILE_BYTES - 10, FILE_BYTES));
        }
        // The root, the second of its two children, and the last leaf.
        assertThat(blocks.loaded.get()).isEqualTo(3);
    }

    /** A store that counts the blocks read from it. */
    private record CountingStore(BlockStore store, AtomicInteger loaded) implements BlockStore {
        CountingStore(BlockStore store) {
            this(store, new AtomicInteger());
        }

        @Override
        public Optional<byte[]> get(Cid cid) throws IOException {
            loaded.incrementAndGet();
            return store.get(cid);
        }

        @Override
        public boolean has(Cid cid) throws IOException {
            return store.has(cid);
        }

        @Override
        public Optional<NewBlock> put(Cid cid, byte[] block, int length) throws IOException {
            return store.put(cid, block, length);
        }

        @Override
        public void persist(java.util.Collection<Cid> blocks) throws IOException {
            store.persist(blocks);
        }

        @Override
        public boolean discard(NewBlock created) throws IOException {
            return store.discard(created);
        }

        @Override
        public SweepResult sweep(Predicate<Cid> keep, Instant untouchedSince) throws IOException {
            return store.sweep(keep, untouchedSince);
        }
    }
}
