package io.cadenza.api.masters;

import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;

/**
 * The parts of a master upload, as the OpenAPI spec describes them; the body itself is read as a stream by
 * {@link MasterUpload}.
 */
@Schema(name = "MasterUpload", description = "multipart/form-data: the text fields and the files, in any order")
record MasterUploadForm(
        @Schema(maxLength = MasterForm.TEXT_LENGTH_MAX) String title,
        @Schema(maxLength = MasterForm.TEXT_LENGTH_MAX) String artistName,
        @Schema(description = "CC-XXX-YY-NNNNN, hyphens optional", example = "US-CDZ-26-00042") String isrc,
        LocalDate releaseDate,
        @Schema(description = "share of the master's royalties the offerings carry, > 0 and <= 100, 2 decimals",
                example = "12.5") String royaltySharePercent,
        @Nullable @Schema(description = "a linked wallet; required when the artist has several") String wallet,
        @Schema(type = "string", format = "binary",
                description = "WAV, FLAC, MP3, AIFF or Ogg (Opus/Vorbis), recognised by content") String audio,
        @Nullable @Schema(type = "string", format = "binary", description = "JPEG, PNG or WebP") String cover) {}
