package io.cadenza.api.masters;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The master's ERC-721 metadata JSON (name, description, image, animation_url as ipfs:// URIs) with the recording's
 * own facts: ISRC, artist, duration, audio type and every content CID. The same inputs always give the same bytes,
 * hence the same CID, so a retried upload pins nothing new.
 */
final class MasterMetadata {
    private MasterMetadata() {}

    static byte[] json(MasterForm form, StoredFile audio, @Nullable StoredFile cover, JsonMapper json) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", form.title());
        metadata.put("description", form.title() + " by " + form.artistName() + " (ISRC " + form.isrc() + ")");
        if (cover != null) {
            metadata.put("image", "ipfs://" + cover.cid());
        }
        metadata.put("animation_url", "ipfs://" + audio.cid());
        metadata.put("isrc", form.isrc().toString());
        metadata.put("artist", form.artistName());
        metadata.put("release_date", form.releaseDate().toString());
        if (audio.durationMs() != null) {
            metadata.put("duration_ms", audio.durationMs());
        }
        metadata.put("audio_mime_type", audio.mediaType());
        metadata.put("royalty_share_percent", BigDecimal.valueOf(form.royaltyShareBps(), 2).toPlainString());
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("audio", file(audio));
        if (cover != null) {
            content.put("cover", file(cover));
        }
        metadata.put("content", content);
        try {
            return json.writeValueAsBytes(metadata);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> file(StoredFile file) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("cid", file.cid());
        entry.put("size", file.bytes());
        entry.put("mime_type", file.mediaType());
        return entry;
    }
}
