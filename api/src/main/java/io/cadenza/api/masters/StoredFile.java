package io.cadenza.api.masters;

import io.micronaut.core.annotation.Nullable;

/**
 * A file of a master, added to the local block store: its root CID (base32), size, MIME type and, for audio whose
 * headers state it, its duration.
 */
public record StoredFile(String cid, long bytes, String mediaType, @Nullable Long durationMs) {
    public static final String METADATA_MEDIA_TYPE = "application/json";
}
