package io.cadenza.api.ipfs;

import java.util.ArrayList;
import java.util.List;

/**
 * A dag-pb node read back: its links, the file bytes its UnixFS data holds inline (none for the parents this API
 * writes, some for leaves other importers write as dag-pb), and how many file bytes lie under each link (UnixFS
 * {@code blocksizes}; empty when the node does not say).
 */
public record DagPbNode(List<Cid> links, byte[] inlineData, List<Long> blockSizes) {
    private static final int WIRE_VARINT = 0;
    private static final int WIRE_LENGTH_DELIMITED = 2;

    public static DagPbNode parse(byte[] block) {
        Reader node = new Reader(block, 0, block.length);
        List<Cid> links = new ArrayList<>();
        UnixFsData data = new UnixFsData(new byte[0], List.of());
        while (node.hasMore()) {
            long key = node.varint();
            int field = (int) (key >>> 3);
            int wire = (int) (key & 7);
            if (wire != WIRE_LENGTH_DELIMITED) {
                throw new IllegalArgumentException("dag-pb node field " + field + " is not length-delimited");
            }
            int length = node.length();
            if (field == 2) {
                links.add(link(new Reader(block, node.position, length)));
            } else if (field == 1) {
                data = unixFsData(new Reader(block, node.position, length));
            }
            node.skip(length);
        }
        List<Long> sizes = data.blockSizes().size() == links.size() ? data.blockSizes() : List.of();
        return new DagPbNode(List.copyOf(links), data.inline(), sizes);
    }

    private record UnixFsData(byte[] inline, List<Long> blockSizes) {}

    private static Cid link(Reader link) {
        while (link.hasMore()) {
            long key = link.varint();
            int wire = (int) (key & 7);
            if (wire == WIRE_VARINT) {
                link.varint();
                continue;
            }
            int length = link.length();
            if (key >>> 3 == 1) {
                byte[] cid = new byte[length];
                System.arraycopy(link.bytes, link.position, cid, 0, length);
                return Cid.fromBytes(cid);
            }
            link.skip(length);
        }
        throw new IllegalArgumentException("dag-pb link without a hash");
    }

    private static UnixFsData unixFsData(Reader data) {
        byte[] inline = new byte[0];
        List<Long> blockSizes = new ArrayList<>();
        while (data.hasMore()) {
            long key = data.varint();
            int wire = (int) (key & 7);
            long field = key >>> 3;
            if (wire == WIRE_VARINT) {
                long value = data.varint();
                if (field == 4) {
                    blockSizes.add(value);
                }
                continue;
            }
            int length = data.length();
            if (field == 2) {
                inline = new byte[length];
                System.arraycopy(data.bytes, data.position, inline, 0, length);
            } else if (field == 4) { // blocksizes written packed
                Reader packed = new Reader(data.bytes, data.position, length);
                while (packed.hasMore()) {
                    blockSizes.add(packed.varint());
                }
            }
            data.skip(length);
        }
        return new UnixFsData(inline, List.copyOf(blockSizes));
    }

    /** Protobuf wire reading within {@code [position, end)}. */
    private static final class Reader {
        private final byte[] bytes;
        private final int end;
        private int position;

        Reader(byte[] bytes, int offset, int length) {
            if (offset < 0 || length < 0 || offset + length > bytes.length) {
                throw new IllegalArgumentException("dag-pb field runs past the block");
            }
            this.bytes = bytes;
            this.position = offset;
            this.end = offset + length;
        }

        boolean hasMore() {
            return position < end;
        }

        long varint() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (position >= end) {
                    throw new IllegalArgumentException("dag-pb varint runs past its field");
                }
                byte b = bytes[position++];
                value |= (long) (b & 0x7f) << shift;
                if (b >= 0) {
                    return value;
                }
            }
            throw new IllegalArgumentException("dag-pb varint too long");
        }

        int length() {
            long length = varint();
            if (length > end - position) {
                throw new IllegalArgumentException("dag-pb field runs past the block");
            }
            return (int) length;
        }

        void skip(int length) {
            position += length;
        }
    }
}
