package io.cadenza.api.ipfs;

import java.io.ByteArrayOutputStream;

/** The few protobuf encodings dag-pb and UnixFS need: varints and length-delimited fields. */
final class ProtobufWriter {
    private static final int WIRE_VARINT = 0;
    private static final int WIRE_LENGTH_DELIMITED = 2;

    private ProtobufWriter() {}

    static void writeVarint(ByteArrayOutputStream out, long value) {
        long rest = value;
        while ((rest & ~0x7FL) != 0) {
            out.write((int) ((rest & 0x7F) | 0x80));
            rest >>>= 7;
        }
        out.write((int) rest);
    }

    static void writeVarintField(ByteArrayOutputStream out, int field, long value) {
        writeVarint(out, ((long) field << 3) | WIRE_VARINT);
        writeVarint(out, value);
    }

    static void writeBytesField(ByteArrayOutputStream out, int field, byte[] value) {
        writeVarint(out, ((long) field << 3) | WIRE_LENGTH_DELIMITED);
        writeVarint(out, value.length);
        out.writeBytes(value);
    }
}
