package io.cadenza.api.ipfs;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A row of {@code catalog_content}: a file the API has added and pinned, served by the gateway. */
@MappedEntity("catalog_content")
public record PinnedFile(@Id String cid, String mediaType, long bytes, Instant pinnedAt) {

    public PinnedContent content() {
        return new PinnedContent(cid, bytes, mediaType);
    }
}
