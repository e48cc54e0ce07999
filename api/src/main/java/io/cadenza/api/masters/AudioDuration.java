package io.cadenza.api.masters;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.OptionalLong;

/**
 * An audio file's duration, read from the headers at its start: WAV (byte rate and data size), FLAC (STREAMINFO) and
 * AIFF (COMM). MP3 and Ogg state none up front: {@link FrameDurationCounter} counts theirs as the file streams.
 */
public final class AudioDuration {
    /** How much of a file's start is kept to find its headers. */
    public static final int HEAD_BYTES = 64 * 1024;

    private AudioDuration() {}

    /** The duration in milliseconds, when the headers in {@code head} state it. */
    public static OptionalLong millis(MediaType type, byte[] head, int length, long fileBytes) {
        try {
            return switch (type) {
                case WAV -> wav(ByteBuffer.wrap(head, 0, length).order(ByteOrder.LITTLE_ENDIAN), fileBytes);
                case FLAC -> flac(ByteBuffer.wrap(head, 0, length).order(ByteOrder.BIG_ENDIAN));
                case AIFF -> aiff(ByteBuffer.wrap(head, 0, length).order(ByteOrder.BIG_ENDIAN));
                default -> OptionalLong.empty();
            };
        } catch (IndexOutOfBoundsException | java.nio.BufferUnderflowException truncated) {
            return OptionalLong.empty();
        }
    }

    private static OptionalLong wav(ByteBuffer buffer, long fileBytes) {
        long byteRate = 0;
        int position = 12;
        while (position + 8 <= buffer.limit()) {
            String id = ascii(buffer, position);
            long size = Integer.toUnsignedLong(buffer.getInt(position + 4));
            int data = position + 8;
            if (id.equals("fmt ")) {
                byteRate = Integer.toUnsignedLong(buffer.getInt(data + 8));
            } else if (id.equals("data")) {
                long dataBytes = Math.min(size, fileBytes - data);
                return byteRate == 0 ? OptionalLong.empty() : OptionalLong.of(dataBytes * 1000 / byteRate);
            }
            position = data + (int) Math.min(size + (size & 1), Integer.MAX_VALUE - data);
        }
        return OptionalLong.empty();
    }

    private static OptionalLong flac(ByteBuffer buffer) {
        // "fLaC", then the STREAMINFO block: a 4-byte header, 10 bytes of block and frame sizes, then
        // sample rate (20 bits), channels (3), bits per sample (5) and total samples (36).
        if ((buffer.get(4) & 0x7f) != 0) {
            return OptionalLong.empty();
        }
        long packed = buffer.getLong(18);
        long sampleRate = packed >>> 44;
        long totalSamples = packed & 0xF_FFFF_FFFFL;
        return sampleRate == 0 || totalSamples == 0 ? OptionalLong.empty()
                : OptionalLong.of(totalSamples * 1000 / sampleRate);
    }

    private static OptionalLong aiff(ByteBuffer buffer) {
        int position = 12;
        while (position + 8 <= buffer.limit()) {
            String id = ascii(buffer, position);
            long size = Integer.toUnsignedLong(buffer.getInt(position + 4));
            int data = position + 8;
            if (id.equals("COMM")) {
                long frames = Integer.toUnsignedLong(buffer.getInt(data + 2));
                double rate = extended(buffer, data + 8);
                return rate <= 0 ? OptionalLong.empty() : OptionalLong.of(Math.round(frames * 1000 / rate));
            }
            position = data + (int) Math.min(size + (size & 1), Integer.MAX_VALUE - data);
        }
        return OptionalLong.empty();
    }

    /** An IEEE 754 80-bit extended float, as AIFF states its sample rate. */
    private static double extended(ByteBuffer buffer, int offset) {
        int exponent = ((buffer.get(offset) & 0x7f) << 8) | (buffer.get(offset + 1) & 0xff);
        long mantissa = buffer.getLong(offset + 2);
        if (exponent == 0 && mantissa == 0) {
            return 0;
        }
        return Math.scalb((double) (mantissa >>> 11), exponent - 16383 - 52);
    }

    private static String ascii(ByteBuffer buffer, int offset) {
        byte[] id = new byte[4];
        buffer.get(offset, id);
        return new String(id, java.nio.charset.StandardCharsets.US_ASCII);
    }
}
