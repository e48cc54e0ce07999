package io.cadenza.api.ipfs;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * A content identifier, version 1: multicodec of the block's format and the sha2-256 multihash of its bytes. Printed
 * in base32 (multibase prefix {@code b}), as Kubo prints CIDv1.
 */
public final class Cid {
    /** Multicodec of a raw block: the file's bytes themselves. */
    public static final int CODEC_RAW = 0x55;
    /** Multicodec of a dag-pb block: a UnixFS node with links. */
    public static final int CODEC_DAG_PB = 0x70;
    private static final int MULTIHASH_SHA2_256 = 0x12;
    private static final int SHA2_256_BYTES = 32;
    private static final String BASE32_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
    private static final char[] BASE32 = BASE32_ALPHABET.toCharArray();
    /** A CIDv1 with a sha2-256 hash is 36 bytes: 59 characters in base32 with its prefix. */
    public static final int TEXT_LENGTH_MAX = 59;

    private final byte[] bytes;

    private Cid(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The CIDv1 of {@code block} in format {@code codec}. */
    public static Cid of(int codec, byte[] block) {
        return of(codec, block, 0, block.length);
    }

    public static Cid of(int codec, byte[] block, int offset, int length) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
        sha256.update(block, offset, length);
        ByteArrayOutputStream out = new ByteArrayOutputStream(4 + SHA2_256_BYTES);
        ProtobufWriter.writeVarint(out, 1);
        ProtobufWriter.writeVarint(out, codec);
        ProtobufWriter.writeVarint(out, MULTIHASH_SHA2_256);
        ProtobufWriter.writeVarint(out, SHA2_256_BYTES);
        out.writeBytes(sha256.digest());
        return new Cid(out.toByteArray());
    }

    /**
     * Reads a CIDv1 in base32 (as {@link #toString()} prints it) with either codec this store knows and a sha2-256
     * multihash; anything else is refused.
     */
    public static Cid parse(String text) {
        if (text == null || text.length() < 2 || text.length() > TEXT_LENGTH_MAX || text.charAt(0) != 'b') {
            throw new IllegalArgumentException("not a base32 CIDv1");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (int index = 1; index < text.length(); index++) {
            int value = BASE32_ALPHABET.indexOf(text.charAt(index));
            if (value < 0) {
                throw new IllegalArgumentException("not a base32 CIDv1");
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >>> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return fromBytes(out.toByteArray());
    }

    /** Reads a binary CIDv1, as a dag-pb link holds it. */
    public static Cid fromBytes(byte[] bytes) {
        boolean known = bytes.length == 4 + SHA2_256_BYTES && bytes[0] == 1
                && ((bytes[1] & 0xff) == CODEC_RAW || (bytes[1] & 0xff) == CODEC_DAG_PB)
                && bytes[2] == MULTIHASH_SHA2_256 && bytes[3] == SHA2_256_BYTES;
        if (!known) {
            throw new IllegalArgumentException("not a CIDv1 of a raw or dag-pb block with a sha2-256 hash");
        }
        return new Cid(bytes.clone());
    }

    /** Whether {@code block} is the block this CID names. */
    public boolean matches(byte[] block) {
        return equals(of(codec(), block));
    }

    /** The binary CID, as links in dag-pb nodes hold it. */
    public byte[] bytes() {
        return bytes.clone();
    }

    public boolean isRaw() {
        return codec() == CODEC_RAW;
    }

    int codec() {
        return bytes[1] & 0xff; // both codecs used here fit in one varint byte
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(1 + (bytes.length * 8 + 4) / 5).append('b');
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                text.append(BASE32[(buffer >>> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            text.append(BASE32[(buffer << (5 - bits)) & 31]);
        }
        return text.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cid cid && Arrays.equals(bytes, cid.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }
}
