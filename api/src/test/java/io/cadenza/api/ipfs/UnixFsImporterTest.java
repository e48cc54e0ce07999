package io.cadenza.api.ipfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * CIDs against Kubo's: FACTS.md's public vectors and reference CIDs computed with Kubo's defaults
 * ({@code src/test/resources/ipfs/kubo-cid-vectors.tsv}): empty, one byte, exactly one chunk, one chunk and one byte,
 * exactly 174 chunks (one full parent), 174 chunks and one byte (a second level), and 45 MiB.
 */
class UnixFsImporterTest {
    private final UnixFsImporter importer = new UnixFsImporter();

    static Stream<Arguments> vectors() throws Exception {
        List<Arguments> vectors = new ArrayList<>();
        try (InputStream resource = Objects.requireNonNull(
                UnixFsImporterTest.class.getResourceAsStream("/ipfs/kubo-cid-vectors.tsv"))) {
            for (String line : new String(resource.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split("\t");
                vectors.add(Arguments.of(fields[0], Long.parseLong(fields[1]), fields[2]));
            }
        }
        return vectors.stream();
    }

    @ParameterizedTest(name = "{0}, {1} bytes")
    @MethodSource("vectors")
    void computesTheCidKuboComputes(String kind, long size, String expectedCid) throws Exception {
        InputStream content = switch (kind) {
            case "empty" -> new ByteArrayInputStream(new byte[0]);
            case "hello world" -> new ByteArrayInputStream("hello world".getBytes(StandardCharsets.US_ASCII));
            default -> new PatternInputStream(size);
        };
        UnixFsImporter.ImportedFile file = importer.add(content, UnixFsImporter.BlockSink.NONE);
        assertThat(file.root()).hasToString(expectedCid);
        assertThat(file.sizeBytes()).isEqualTo(size);
    }

    @Test
    void handsEveryBlockToTheSinkOnceWithTheRootLast() throws Exception {
        long size = 3L * UnixFsImporter.CHUNK_BYTES + 5;
        List<Cid> blocks = new ArrayList<>();
        Set<Cid> verified = new HashSet<>();
        UnixFsImporter.ImportedFile file = importer.add(new PatternInputStream(size), (cid, block, length) -> {
            blocks.add(cid);
            // Each block handed over hashes to its CID: what a block store keeps can be served back by CID.
            assertThat(Cid.of(cid.codec(), block, 0, length)).isEqualTo(cid);
            verified.add(cid);
        });
        assertThat(blocks).hasSize(5); // four leaves, then the root
        assertThat(blocks.getLast()).isEqualTo(file.root());
        assertThat(verified).contains(file.root());
    }

    /** Byte i is (i * 31 + 7) mod 251, generated as read: no test holds a 45 MiB array. */
    static final class PatternInputStream extends InputStream {
        private final long size;
        private long position;

        PatternInputStream(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            if (position >= size) {
                return -1;
            }
            return (int) ((position++ * 31 + 7) % 251);
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position >= size) {
                return -1;
            }
            int count = (int) Math.min(length, size - position);
            for (int index = 0; index < count; index++) {
                buffer[offset + index] = (byte) ((position++ * 31 + 7) % 251);
            }
            return count;
        }
    }
}
