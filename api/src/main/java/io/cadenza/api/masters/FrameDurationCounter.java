package io.cadenza.api.masters;

import java.util.OptionalLong;

/**
 * The duration of the formats that state none up front, counted while the file streams through: MP3 by walking its
 * frames (each header gives the frame's length and sample count), Ogg by walking its pages (the last page's granule
 * position is the stream's length in samples). Only headers are read, at the positions the previous one announces,
 * so the cost is a few operations per frame or page, not per byte. A file that stops making sense (a tag at the end,
 * garbage) ends the count there.
 */
final class FrameDurationCounter {
    private static final int[] MPEG1_KBPS = {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320};
    private static final int[] MPEG2_KBPS = {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160};
    private static final int[][] SAMPLE_RATES = {{11_025, 12_000, 8_000}, null, {22_050, 24_000, 16_000},
            {44_100, 48_000, 32_000}};
    private static final int OGG_PAGE_HEADER = 27;
    private static final int OPUS_RATE = 48_000;

    private final MediaType type;
    private final byte[] header = new byte[OGG_PAGE_HEADER + 255];
    private int headerWanted;
    private int headerHave;
    private long position;
    private long nextRecordAt;
    private boolean stopped;
    private long samples;
    private int sampleRate;
    private long lastGranule = -1;
    private long opusPreSkip;

    /** @param head the file's first bytes: the ID3 tag size (MP3), the codec header (Ogg) */
    FrameDurationCounter(MediaType type, byte[] head) {
        this.type = type;
        this.headerWanted = type == MediaType.MP3 ? 4 : OGG_PAGE_HEADER;
        if (type == MediaType.MP3 && head.length >= 10 && head[0] == 'I' && head[1] == 'D' && head[2] == '3') {
            long size = ((head[6] & 0x7f) << 21) | ((head[7] & 0x7f) << 14) | ((head[8] & 0x7f) << 7) | (head[9] & 0x7f);
            nextRecordAt = 10 + size + ((head[5] & 0x10) != 0 ? 10 : 0);
        }
        if (type == MediaType.OGG_OPUS && head.length >= 40) {
            opusPreSkip = (head[38] & 0xff) | ((head[39] & 0xff) << 8);
            sampleRate = OPUS_RATE;
        }
        if (type == MediaType.OGG_VORBIS && head.length >= 44) {
            sampleRate = (head[40] & 0xff) | ((head[41] & 0xff) << 8) | ((head[42] & 0xff) << 16)
                    | ((head[43] & 0xff) << 24);
        }
    }

    static boolean counts(MediaType type) {
        return type == MediaType.MP3 || type == MediaType.OGG_OPUS || type == MediaType.OGG_VORBIS;
    }

    void feed(byte[] bytes, int offset, int length) {
        int index = offset;
        int end = offset + length;
        while (!stopped && index < end) {
            long recordStart = nextRecordAt;
            long at = position + (index - offset);
            if (at < recordStart) {
                index += (int) Math.min(end - index, recordStart - at);
                continue;
            }
            int take = Math.min(end - index, headerWanted - headerHave);
            System.arraycopy(bytes, index, header, headerHave, take);
            headerHave += take;
            index += take;
            if (headerHave == headerWanted) {
                onHeader(recordStart);
            }
        }
        position += length;
    }

    /** The duration counted, if the stream made sense to its end (or to a trailing tag). */
    OptionalLong millis() {
        if (type == MediaType.MP3) {
            return sampleRate == 0 || samples == 0 ? OptionalLong.empty()
                    : OptionalLong.of(samples * 1000 / sampleRate);
        }
        long count = lastGranule - (type == MediaType.OGG_OPUS ? opusPreSkip : 0);
        return sampleRate <= 0 || lastGranule < 0 || count <= 0 ? OptionalLong.empty()
                : OptionalLong.of(count * 1000 / sampleRate);
    }

    private void onHeader(long recordStart) {
        if (type == MediaType.MP3) {
            onMpegHeader(recordStart);
        } else {
            onOggHeader(recordStart);
        }
    }

    private void onMpegHeader(long frameStart) {
        int b1 = header[1] & 0xff;
        int b2 = header[2] & 0xff;
        int version = (b1 >> 3) & 3;
        int layer = (b1 >> 1) & 3;
        int bitrateIndex = b2 >> 4;
        int rateIndex = (b2 >> 2) & 3;
        if ((header[0] & 0xff) != 0xff || (b1 & 0xe0) != 0xe0 || version == 1 || layer != 1 || bitrateIndex == 0
                || bitrateIndex == 15 || rateIndex == 3) {
            stopped = true; // an ID3v1 tag, another layer, or garbage: count no further
            return;
        }
        boolean mpeg1 = version == 3;
        int rate = SAMPLE_RATES[version][rateIndex];
        int kbps = (mpeg1 ? MPEG1_KBPS : MPEG2_KBPS)[bitrateIndex];
        int padding = (b2 >> 1) & 1;
        int frameBytes = (mpeg1 ? 144 : 72) * kbps * 1000 / rate + padding;
        if (sampleRate != 0 && sampleRate != rate) {
            stopped = true;
            return;
        }
        sampleRate = rate;
        samples += mpeg1 ? 1152 : 576;
        nextRecordAt = frameStart + frameBytes;
        headerHave = 0;
    }

    private void onOggHeader(long pageStart) {
        if (headerWanted == OGG_PAGE_HEADER) {
            if (header[0] != 'O' || header[1] != 'g' || header[2] != 'g' || header[3] != 'S') {
                stopped = true;
                return;
            }
            int segments = header[26] & 0xff;
            if (segments > 0) {
                headerWanted = OGG_PAGE_HEADER + segments; // read the segment table too
                return;
            }
        }
        long granule = 0;
        for (int index = 13; index >= 6; index--) {
            granule = (granule << 8) | (header[index] & 0xff);
        }
        if (granule != -1) {
            lastGranule = granule;
        }
        int body = 0;
        for (int index = OGG_PAGE_HEADER; index < headerWanted; index++) {
            body += header[index] & 0xff;
        }
        nextRecordAt = pageStart + headerWanted + body;
        headerWanted = OGG_PAGE_HEADER;
        headerHave = 0;
    }
}
