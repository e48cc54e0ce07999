package io.cadenza.api.masters;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** File types from their first bytes, and durations from their headers, as encoders write them. */
class MediaSniffingTest {

    @Test
    void eachAcceptedTypeIsRecognisedByItsSignature() {
        assertThat(sniff(wavHeader(44_100, 2, 16, 0))).contains(MediaType.WAV);
        assertThat(sniff(flacHeader(48_000, 48_000 * 90L))).contains(MediaType.FLAC);
        assertThat(sniff(aiffHeader(44_100, 441_000))).contains(MediaType.AIFF);
        assertThat(sniff(concat("ID3".getBytes(StandardCharsets.US_ASCII), new byte[20]))).contains(MediaType.MP3);
        // MPEG-1 Layer III, 128 kbit/s, 44.1 kHz frame header without ID3 tag.
        assertThat(sniff(new byte[] {(byte) 0xff, (byte) 0xfb, (byte) 0x90, 0x64, 0, 0})).contains(MediaType.MP3);
        assertThat(sniff(oggPage("OpusHead"))).contains(MediaType.OGG_OPUS);
        assertThat(sniff(oggPage("\u0001vorbis"))).contains(MediaType.OGG_VORBIS);
        assertThat(sniff(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0})).contains(MediaType.JPEG);
        assertThat(sniff(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0})).contains(MediaType.PNG);
        assertThat(sniff(concat("RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.US_ASCII)))).contains(MediaType.WEBP);
    }

    @Test
    void lookalikesAndOtherFormatsAreNotAccepted() {
        assertThat(sniff("<html>not audio</html>".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(sniff(oggPage("\u0080theora"))).isEmpty(); // Ogg video
        assertThat(sniff("RIFF\0\0\0\0AVI LIST".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(sniff(new byte[] {(byte) 0xff, (byte) 0xfb, (byte) 0xf0, 0x64})).isEmpty(); // bad bitrate index
        assertThat(sniff(new byte[] {(byte) 0xff, (byte) 0xfd, (byte) 0x90, 0x64})).isEmpty(); // layer II
        assertThat(sniff(new byte[] {'f', 'L'})).isEmpty();
        assertThat(sniff(new byte[0])).isEmpty();
    }

    @Test
    void durationsComeFromTheHeaders() {
        byte[] wav = wavHeader(44_100, 2, 16, 44_100 * 4 * 3);
        assertThat(AudioDuration.millis(MediaType.WAV, wav, wav.length, wav.length + 44_100L * 4 * 3))
                .hasValue(3_000);
        byte[] flac = flacHeader(48_000, 48_000 * 90L);
        assertThat(AudioDuration.millis(MediaType.FLAC, flac, flac.length, 1_000_000)).hasValue(90_000);
        byte[] aiff = aiffHeader(44_100, 441_000);
        assertThat(AudioDuration.millis(MediaType.AIFF, aiff, aiff.length, 1_000_000)).hasValue(10_000);
        assertThat(AudioDuration.millis(MediaType.MP3, new byte[10], 10, 10)).isEqualTo(OptionalLong.empty());
        byte[] truncated = Arrays.copyOf(wav, 20);
        assertThat(AudioDuration.millis(MediaType.WAV, truncated, truncated.length, 20)).isEmpty();
    }

    @Test
    void mp3AndOggDurationsAreCountedWhileStreamingWhateverTheChunks() {
        // 100 MPEG-1 Layer III frames at 128 kbit/s, 44.1 kHz (417 or 418 bytes each), after a 30-byte ID3v2 tag and
        // before an ID3v1 tag: 100 × 1152 samples = 2,612 ms.
        java.io.ByteArrayOutputStream mp3 = new java.io.ByteArrayOutputStream();
        mp3.writeBytes(new byte[] {'I', 'D', '3', 4, 0, 0, 0, 0, 0, 20});
        mp3.writeBytes(new byte[20]);
        for (int frame = 0; frame < 100; frame++) {
            boolean padded = frame % 3 == 0;
            byte[] bytes = new byte[417 + (padded ? 1 : 0)];
            bytes[0] = (byte) 0xff;
            bytes[1] = (byte) 0xfb;
            bytes[2] = (byte) (0x90 | (padded ? 0x02 : 0));
            bytes[3] = 0x64;
            mp3.writeBytes(bytes);
        }
        mp3.writeBytes("TAG".getBytes(StandardCharsets.US_ASCII));
        mp3.writeBytes(new byte[125]);
        assertThat(countInChunks(MediaType.MP3, mp3.toByteArray(), 7)).hasValue(2_612);
        assertThat(countInChunks(MediaType.MP3, mp3.toByteArray(), 65_536)).hasValue(2_612);

        // Ogg Opus: identification page (pre-skip 312), then pages whose last granule is 312 + 2 s at 48 kHz.
        java.io.ByteArrayOutputStream ogg = new java.io.ByteArrayOutputStream();
        byte[] opusHead = new byte[19];
        System.arraycopy("OpusHead".getBytes(StandardCharsets.US_ASCII), 0, opusHead, 0, 8);
        opusHead[8] = 1;
        opusHead[9] = 2;
        opusHead[10] = (byte) (312 & 0xff);
        opusHead[11] = (byte) (312 >> 8);
        ogg.writeBytes(oggPage(0, opusHead));
        ogg.writeBytes(oggPage(-1, new byte[40]));
        ogg.writeBytes(oggPage(48_000 + 312, new byte[250]));
        ogg.writeBytes(oggPage(2 * 48_000 + 312, new byte[200]));
        assertThat(countInChunks(MediaType.OGG_OPUS, ogg.toByteArray(), 5)).hasValue(2_000);
        assertThat(countInChunks(MediaType.OGG_OPUS, ogg.toByteArray(), 4_096)).hasValue(2_000);
    }

    private static OptionalLong countInChunks(MediaType type, byte[] file, int chunk) {
        FrameDurationCounter counter = new FrameDurationCounter(type, Arrays.copyOf(file, Math.min(file.length,
                AudioDuration.HEAD_BYTES)));
        for (int offset = 0; offset < file.length; offset += chunk) {
            counter.feed(file, offset, Math.min(chunk, file.length - offset));
        }
        return counter.millis();
    }

    /** An Ogg page holding one packet (under 255 bytes) with the given granule position. */
    private static byte[] oggPage(long granule, byte[] packet) {
        ByteBuffer page = ByteBuffer.allocate(28 + packet.length).order(ByteOrder.LITTLE_ENDIAN);
        page.put("OggS".getBytes(StandardCharsets.US_ASCII)).put((byte) 0).put((byte) 0).putLong(granule)
                .putInt(1).putInt(0).putInt(0).put((byte) 1).put((byte) packet.length).put(packet);
        return page.array();
    }

    private static Optional<MediaType> sniff(byte[] head) {
        return MediaType.sniff(head, Math.min(head.length, MediaType.SNIFF_BYTES));
    }

    static byte[] wavHeader(int sampleRate, int channels, int bits, int dataBytes) {
        int blockAlign = channels * bits / 8;
        return ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN).put("RIFF".getBytes()).putInt(36 + dataBytes)
                .put("WAVE".getBytes()).put("fmt ".getBytes()).putInt(16).putShort((short) 1)
                .putShort((short) channels).putInt(sampleRate).putInt(sampleRate * blockAlign)
                .putShort((short) blockAlign).putShort((short) bits).put("data".getBytes()).putInt(dataBytes).array();
    }

    static byte[] flacHeader(int sampleRate, long totalSamples) {
        ByteBuffer flac = ByteBuffer.allocate(42).order(ByteOrder.BIG_ENDIAN);
        flac.put("fLaC".getBytes()).put((byte) 0x80).put((byte) 0).put((byte) 0).put((byte) 34); // last, STREAMINFO
        flac.putShort((short) 4096).putShort((short) 4096).put(new byte[6]);
        long packed = ((long) sampleRate << 44) | (1L << 41) | (15L << 36) | totalSamples; // stereo, 16-bit
        flac.putLong(packed).put(new byte[16]);
        return flac.array();
    }

    static byte[] aiffHeader(int sampleRate, int frames) {
        ByteBuffer aiff = ByteBuffer.allocate(38).order(ByteOrder.BIG_ENDIAN);
        aiff.put("FORM".getBytes()).putInt(30).put("AIFF".getBytes()).put("COMM".getBytes()).putInt(18)
                .putShort((short) 2).putInt(frames).putShort((short) 16);
        // 80-bit extended: exponent 16383 + floor(log2(rate)), mantissa with the explicit integer bit.
        int exponent = 63 - Long.numberOfLeadingZeros(sampleRate);
        aiff.putShort((short) (16383 + exponent)).putLong((long) sampleRate << (63 - exponent));
        return aiff.array();
    }

    private static byte[] oggPage(String codecHeader) {
        byte[] page = new byte[64];
        System.arraycopy("OggS".getBytes(StandardCharsets.US_ASCII), 0, page, 0, 4);
        byte[] codec = codecHeader.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(codec, 0, page, 28, codec.length);
        return page;
    }

    private static byte[] concat(byte[]... parts) {
        ByteBuffer all = ByteBuffer.allocate(Arrays.stream(parts).mapToInt(part -> part.length).sum() + 16);
        for (byte[] part : parts) {
            all.put(part);
        }
        return all.array();
    }
}
