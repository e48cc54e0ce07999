package io.cadenza.indexer.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AdaptiveRangeTest {
    @Test
    void startsSmallHalvesOnEachFailureDownToOneBlockAndGrowsBackByDoubling() {
        AdaptiveRange range = new AdaptiveRange(2_000, 5_000);
        assertThat(range.blocks()).isEqualTo(AdaptiveRange.BLOCKS_INITIAL);
        range.failed(64);
        assertThat(range.blocks()).isEqualTo(32);
        for (int failure = 0; failure < 20; failure++) {
            range.failed(range.blocks());
        }
        assertThat(range.blocks()).isEqualTo(1);
        range.succeeded(1, 10);
        range.succeeded(2, 10);
        assertThat(range.blocks()).isEqualTo(4);
        for (int success = 0; success < 20; success++) {
            range.succeeded(range.blocks(), 0);
        }
        assertThat(range.blocks()).isEqualTo(2_000);
    }

    @Test
    void aLargeAnswerShrinksTheNextRangeToAimAtTheLogsTarget() {
        AdaptiveRange range = new AdaptiveRange(2_000, 5_000);
        range.succeeded(64, 20_000);
        assertThat(range.blocks()).isEqualTo(16);
    }

    @Test
    void aShortRangeThatSucceededDoesNotGrowTheRange() {
        AdaptiveRange range = new AdaptiveRange(2_000, 5_000);
        range.succeeded(10, 0); // the tail of the chain, not a full range
        assertThat(range.blocks()).isEqualTo(AdaptiveRange.BLOCKS_INITIAL);
    }
}
