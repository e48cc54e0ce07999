package io.cadenza.api.masters;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The file types a master accepts, recognised by their first bytes, never by the name or the declared type.
 */
public enum MediaType {
    WAV("audio/wav", true),
    FLAC("audio/flac", true),
    MP3("audio/mpeg", true),
    AIFF("audio/aiff", true),
    OGG_OPUS("audio/ogg; codecs=opus", true),
    OGG_VORBIS("audio/ogg; codecs=vorbis", true),
    JPEG("image/jpeg", false),
    PNG("image/png", false),
    WEBP("image/webp", false);

    /** Enough of a file's start to recognise each type. */
    public static final int SNIFF_BYTES = 64;

    private final String mime;
    private final boolean audio;

    MediaType(String mime, boolean audio) {
        this.mime = mime;
        this.audio = audio;
    }

    public String mime() {
        return mime;
    }

    public boolean isAudio() {
        return audio;
    }

    /** The type of a file that starts with {@code head} (up to {@link #SNIFF_BYTES} of it). */
    public static Optional<MediaType> sniff(byte[] head, int length) {
        if (startsWith(head, length, 0, "RIFF") && startsWith(head, length, 8, "WAVE")) {
            return Optional.of(WAV);
        }
        if (startsWith(head, length, 0, "RIFF") && startsWith(head, length, 8, "WEBP")) {
            return Optional.of(WEBP);
        }
        if (startsWith(head, length, 0, "fLaC")) {
            return Optional.of(FLAC);
        }
        if (startsWith(head, length, 0, "FORM")
                && (startsWith(head, length, 8, "AIFF") || startsWith(head, length, 8, "AIFC"))) {
            return Optional.of(AIFF);
        }
        if (startsWith(head, length, 0, "OggS")) {
            // The first page carries the codec's identification header at offset 28 (after a 27-byte page header
            // and a one-entry segment table).
            if (startsWith(head, length, 28, "OpusHead")) {
                return Optional.of(OGG_OPUS);
            }
            if (length > 35 && head[28] == 1 && startsWith(head, length, 29, "vorbis")) {
                return Optional.of(OGG_VORBIS);
            }
            return Optional.empty();
        }
        if (startsWith(head, length, 0, "ID3") || isMpegAudioLayer3Frame(head, length)) {
            return Optional.of(MP3);
        }
        if (length >= 3 && (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xd8 && (head[2] & 0xff) == 0xff) {
            return Optional.of(JPEG);
        }
        if (length >= 8 && Arrays.equals(head, 0, 8,
                new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, 0, 8)) {
            return Optional.of(PNG);
        }
        return Optional.empty();
    }

    /** An MPEG audio frame header: 11 sync bits, a known version, layer III, a valid bitrate and sample rate. */
    private static boolean isMpegAudioLayer3Frame(byte[] head, int length) {
        if (length < 4 || (head[0] & 0xff) != 0xff || (head[1] & 0xe0) != 0xe0) {
            return false;
        }
        int version = (head[1] >> 3) & 3;
        int layer = (head[1] >> 1) & 3;
        int bitrate = (head[2] >> 4) & 0xf;
        int sampleRate = (head[2] >> 2) & 3;
        return version != 1 && layer == 1 && bitrate != 0 && bitrate != 0xf && sampleRate != 3;
    }

    private static boolean startsWith(byte[] head, int length, int offset, String ascii) {
        byte[] expected = ascii.getBytes(StandardCharsets.US_ASCII);
        return length >= offset + expected.length
                && Arrays.equals(head, offset, offset + expected.length, expected, 0, expected.length);
    }
}
