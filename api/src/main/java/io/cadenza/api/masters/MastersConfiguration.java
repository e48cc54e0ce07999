package io.cadenza.api.masters;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Positive;

/**
 * Limits on master uploads.
 *
 * @param audioBytesMax the largest audio file accepted (default 2 GiB: a 3-hour 24-bit/96 kHz stereo WAV)
 * @param coverBytesMax the largest cover image accepted
 */
@ConfigurationProperties("cadenza.masters")
public record MastersConfiguration(
        @Bindable(defaultValue = "2147483648") @Positive long audioBytesMax,
        @Bindable(defaultValue = "20971520") @Positive long coverBytesMax) {

    /** The largest request body an upload may be: both files and the fields, with room for the multipart framing. */
    public long requestBytesMax() {
        return audioBytesMax + coverBytesMax + 1024 * 1024;
    }
}
