package io.cadenza.api.masters;

import io.cadenza.api.ipfs.UploadedBlocks;
import io.cadenza.api.ipfs.UnixFsImporter;
import io.cadenza.api.multipart.MultipartReader;
import io.cadenza.api.problem.ProblemException;
import io.micronaut.core.annotation.Nullable;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One master upload as it streams in: text fields are kept, the audio and cover files go straight into the local
 * block store, their type recognised from their first bytes and their size bounded as they arrive.
 */
final class MasterUpload implements MultipartReader.PartHandler {
    static final String AUDIO = "audio";
    static final String COVER = "cover";
    static final Set<String> FIELDS = Set.of("title", "artistName", "isrc", "releaseDate", "royaltySharePercent",
            "wallet");
    private static final String AUDIO_TYPES = "WAV, FLAC, MP3, AIFF or Ogg (Opus or Vorbis) audio";
    private static final String COVER_TYPES = "a JPEG, PNG or WebP image";

    private final UploadedBlocks blocks;
    private final UnixFsImporter importer;
    private final MastersConfiguration limits;
    private final Map<String, String> fields = new LinkedHashMap<>();
    private @Nullable StoredFile audio;
    private @Nullable StoredFile cover;

    MasterUpload(UploadedBlocks blocks, UnixFsImporter importer, MastersConfiguration limits) {
        this.blocks = blocks;
        this.importer = importer;
        this.limits = limits;
    }

    @Override
    public void field(String name, String value) {
        if (!FIELDS.contains(name)) {
            throw ProblemException.invalidField(name, "is not a field of a master");
        }
        if (fields.putIfAbsent(name, value) != null) {
            throw ProblemException.invalidField(name, "must be sent once");
        }
    }

    @Override
    public void file(String name, @Nullable String filename, @Nullable String declaredType, InputStream content)
            throws IOException {
        switch (name) {
            case AUDIO -> {
                requireFirst(audio, AUDIO);
                audio = store(AUDIO, content, limits.audioBytesMax(), true, AUDIO_TYPES);
            }
            case COVER -> {
                requireFirst(cover, COVER);
                cover = store(COVER, content, limits.coverBytesMax(), false, COVER_TYPES);
            }
            default -> throw ProblemException.invalidField(name, "is not a file of a master (audio, cover)");
        }
    }

    Map<String, String> fields() {
        return fields;
    }

    @Nullable StoredFile audio() {
        return audio;
    }

    @Nullable StoredFile cover() {
        return cover;
    }

    private StoredFile store(String part, InputStream content, long bytesMax, boolean wantAudio, String expected)
            throws IOException {
        byte[] head = content.readNBytes((int) Math.min(AudioDuration.HEAD_BYTES, bytesMax + 1));
        if (head.length > bytesMax) {
            throw UploadRejectedException.tooLarge(part, bytesMax);
        }
        MediaType type = MediaType.sniff(head, Math.min(head.length, MediaType.SNIFF_BYTES))
                .filter(sniffed -> sniffed.isAudio() == wantAudio)
                .orElseThrow(() -> UploadRejectedException.unsupported(part, expected));
        InputStream whole = new SequenceInputStream(new ByteArrayInputStream(head),
                new BoundedInputStream(content, part, bytesMax, head.length));
        FrameDurationCounter counter = wantAudio && FrameDurationCounter.counts(type)
                ? new FrameDurationCounter(type, head) : null;
        if (counter != null) {
            whole = new CountedInputStream(whole, counter);
        }
        UnixFsImporter.ImportedFile imported = importer.add(whole, blocks);
        OptionalLong duration = !wantAudio ? OptionalLong.empty()
                : counter != null ? counter.millis()
                : AudioDuration.millis(type, head, head.length, imported.sizeBytes());
        return new StoredFile(imported.root().toString(), imported.sizeBytes(), type.mime(),
                duration.isPresent() ? duration.getAsLong() : null);
    }

    /** Shows every byte read to the duration counter on its way to the importer. */
    private static final class CountedInputStream extends FilterInputStream {
        private final FrameDurationCounter counter;

        CountedInputStream(InputStream in, FrameDurationCounter counter) {
            super(in);
            this.counter = counter;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counter.feed(new byte[] {(byte) b}, 0, 1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = super.read(buffer, offset, length);
            if (read > 0) {
                counter.feed(buffer, offset, read);
            }
            return read;
        }
    }

    private static void requireFirst(@Nullable StoredFile existing, String part) {
        if (existing != null) {
            throw ProblemException.invalidField(part, "must be sent once");
        }
    }
}
