package io.cadenza.api.ipfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cadenza.api.problem.ProblemException;
import io.cadenza.api.problem.ProblemType;
import org.junit.jupiter.api.Test;

class ByteRangeTest {
    @Test
    void singleRangesAreTakenAsRfc9110DefinesThem() {
        assertThat(ByteRange.of("bytes=0-99", 1_000)).contains(new ByteRange(0, 99, 1_000));
        assertThat(ByteRange.of("bytes=900-", 1_000)).contains(new ByteRange(900, 999, 1_000));
        assertThat(ByteRange.of("bytes=-100", 1_000)).contains(new ByteRange(900, 999, 1_000));
        assertThat(ByteRange.of("bytes=-5000", 1_000)).contains(new ByteRange(0, 999, 1_000));
        assertThat(ByteRange.of("bytes=500-5000", 1_000)).contains(new ByteRange(500, 999, 1_000));
        assertThat(ByteRange.of("bytes=0-0", 1_000).orElseThrow().contentRange()).isEqualTo("bytes 0-0/1000");
    }

    @Test
    void whatIsNotOneByteRangeIsIgnoredAndTheWholeFileAnswered() {
        for (String header : new String[] {"bytes=0-1,5-6", "items=0-1", "bytes=", "bytes=-", "bytes=9-3", "bytes=a-b",
                "bytes=99999999999999999999-", "bytes=9999999999999999999-"}) {
            assertThat(ByteRange.of(header, 1_000)).as(header).isEmpty();
        }
        assertThat(ByteRange.of(null, 1_000)).isEmpty();
    }

    @Test
    void aRangeWhollyPastTheEndIsRefusedWithTheSize() {
        for (String header : new String[] {"bytes=1000-", "bytes=1000-2000", "bytes=-0"}) {
            assertThatThrownBy(() -> ByteRange.of(header, 1_000)).as(header)
                    .isInstanceOfSatisfying(ProblemException.class, refused -> {
                        assertThat(refused.type()).isEqualTo(ProblemType.RANGE_NOT_SATISFIABLE);
                        assertThat(refused.contentRange()).isEqualTo("bytes */1000");
                    });
        }
        assertThatThrownBy(() -> ByteRange.of("bytes=-1", 0)).isInstanceOf(ProblemException.class);
    }
}
