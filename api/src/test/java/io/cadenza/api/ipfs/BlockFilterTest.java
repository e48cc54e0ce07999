package io.cadenza.api.ipfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class BlockFilterTest {
    @Test
    void whatWasAddedIsAlwaysFoundAndOthersRarely() {
        int added = 100_000;
        BlockFilter filter = new BlockFilter(added);
        for (int i = 0; i < added; i++) {
            filter.add(cid(i));
        }
        for (int i = 0; i < added; i++) {
            assertThat(filter.mightContain(cid(i))).as("block %d", i).isTrue();
        }
        int falsePositives = 0;
        for (int i = added; i < 2 * added; i++) {
            if (filter.mightContain(cid(i))) {
                falsePositives++;
            }
        }
        assertThat(falsePositives).as("false positives of %d", added).isLessThan(added / 50); // about 1% expected
    }

    private static Cid cid(int i) {
        return Cid.of(i % 2 == 0 ? Cid.CODEC_RAW : Cid.CODEC_DAG_PB, ByteBuffer.allocate(4).putInt(i).array());
    }
}
