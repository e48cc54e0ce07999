package io.cadenza.api.masters;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A row of {@code catalog_master} as stored: the files' columns side by side, which {@link Master} groups. */
@MappedEntity("catalog_master")
record MasterRow(@Id UUID id, UUID artistId, String artistWallet, String title, String artistName, String isrc,
        LocalDate releaseDate, int royaltyShareBps, MasterStatus status, @Nullable MasterStatus.Step failedStep,
        @Nullable String failureReason, String audioCid, long audioBytes, String audioMediaType,
        @Nullable Long durationMs, @Nullable String coverCid, @Nullable Long coverBytes,
        @Nullable String coverMediaType, String metadataCid, long metadataBytes, int registrationAttempt,
        @Nullable String registrationKey, @Nullable @TypeDef(type = DataType.BIGDECIMAL) BigInteger tokenId,
        Instant createdAt, Instant updatedAt) {

    static MasterRow of(Master master) {
        StoredFile cover = master.cover();
        return new MasterRow(master.id(), master.artistId(), master.artistWallet(), master.title(),
                master.artistName(), master.isrc(), master.releaseDate(), master.royaltyShareBps(), master.status(),
                master.failedStep(), master.failureReason(), master.audio().cid(), master.audio().bytes(),
                master.audio().mediaType(), master.audio().durationMs(), cover == null ? null : cover.cid(),
                cover == null ? null : cover.bytes(), cover == null ? null : cover.mediaType(),
                master.metadata().cid(), master.metadata().bytes(), master.registrationAttempt(),
                master.registrationKey(), master.tokenId(), master.createdAt(), master.updatedAt());
    }

    Master master() {
        return new Master(id, artistId, artistWallet, title, artistName, isrc, releaseDate, royaltyShareBps, status,
                failedStep, failureReason, new StoredFile(audioCid, audioBytes, audioMediaType, durationMs),
                coverCid == null ? null : new StoredFile(coverCid, coverBytes, coverMediaType, null),
                new StoredFile(metadataCid, metadataBytes, StoredFile.METADATA_MEDIA_TYPE, null),
                registrationAttempt, registrationKey, tokenId, createdAt, updatedAt);
    }
}
