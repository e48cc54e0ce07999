package io.cadenza.api.masters;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.web3j.crypto.Keys;

/** A master as the API shows it; token ids and amounts are strings, as they exceed JSON's safe integers. */
@Serdeable
public record MasterView(UUID id, MasterStatus status, @Nullable MasterStatus.Step failedStep,
        @Nullable String failureReason, String title, String artistName, String isrc, LocalDate releaseDate,
        String royaltySharePercent, String artistWallet, @Nullable String tokenId, File audio, @Nullable File cover,
        File metadata, String metadataUri, Instant createdAt, Instant updatedAt) {

    /** A file on IPFS. */
    @Serdeable
    public record File(String cid, long bytes, String mediaType, @Nullable Long durationMs) {
        static @Nullable File of(@Nullable StoredFile file) {
            return file == null ? null : new File(file.cid(), file.bytes(), file.mediaType(), file.durationMs());
        }
    }

    public static MasterView of(Master master) {
        return new MasterView(master.id(), master.status(), master.failedStep(), master.failureReason(),
                master.title(), master.artistName(), master.isrc(), master.releaseDate(),
                BigDecimal.valueOf(master.royaltyShareBps(), 2).toPlainString(),
                Keys.toChecksumAddress(master.artistWallet()),
                master.tokenId() == null ? null : master.tokenId().toString(), File.of(master.audio()),
                File.of(master.cover()), File.of(master.metadata()), "ipfs://" + master.metadata().cid(),
                master.createdAt(), master.updatedAt());
    }
}
