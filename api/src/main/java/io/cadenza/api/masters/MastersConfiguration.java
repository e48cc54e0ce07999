package io.cadenza.api.masters;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Positive;

/**
 * Limits on master uploads.
 *
 * @param audioBytesMax the largest audio file accepted (default 2 GiB: a 3-hour 24-bit/96 kHz stereo WAV)
 * @param coverBytesMax the largest cover image accepted
 * @param bodyIdleTimeout how long an upload's body may send nothing before it is refused and its connection closed:
 *     a client that trickles (or stalls) does not hold a worker thread and a half-written upload for good
 */
@ConfigurationProperties("cadenza.masters")
public record MastersConfiguration(
        @Bindable(defaultValue = "2147483648") @Positive long audioBytesMax,
        @Bindable(defaultValue = "20971520") @Positive long coverBytesMax,
        @Bindable(defaultValue = "30s") @jakarta.validation.constraints.NotNull java.time.Duration bodyIdleTimeout) {

    /** The largest request body an upload may be: both files and the fields, with room for the multipart framing. */
    public long requestBytesMax() {
        return audioBytesMax + coverBytesMax + 1024 * 1024;
    }
}
