package io.cadenza.api.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

/** Small, valid media files made in the test: their first bytes are what a real encoder writes. */
public final class TestMedia {
    private TestMedia() {}

    /** A 16-bit stereo PCM WAV of {@code millis} of noise at 8 kHz. */
    public static byte[] wav(int millis, long seed) {
        int sampleRate = 8_000;
        int channels = 2;
        int bytesPerFrame = channels * 2;
        int dataBytes = Math.toIntExact((long) sampleRate * millis / 1000 * bytesPerFrame);
        ByteBuffer wav = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes()).putInt(36 + dataBytes).put("WAVE".getBytes());
        wav.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) channels).putInt(sampleRate)
                .putInt(sampleRate * bytesPerFrame).putShort((short) bytesPerFrame).putShort((short) 16);
        wav.put("data".getBytes()).putInt(dataBytes);
        byte[] noise = new byte[dataBytes];
        new Random(seed).nextBytes(noise);
        wav.put(noise);
        return wav.array();
    }

    /** A PNG signature and header chunk: what the type check reads. */
    public static byte[] png(long seed) {
        byte[] png = new byte[512];
        new Random(seed).nextBytes(png);
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        System.arraycopy(signature, 0, png, 0, signature.length);
        return png;
    }
}
