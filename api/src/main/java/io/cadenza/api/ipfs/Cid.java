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
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

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

    /** The binary CID, as links in dag-pb nodes hold it. */
    public byte[] bytes() {
        return bytes.clone();
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
