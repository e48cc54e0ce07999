package io.cadenza.api.masters;

import io.cadenza.api.ipfs.Cid;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A CARv1 read back in the test, independently of the exporter: its root and its blocks in order. */
record CarFile(String root, List<String> blocks, boolean allBlocksMatchTheirCids) {
    private static final int CID_BYTES = 36;

    static CarFile parse(byte[] car) {
        int[] position = {0};
        int headerLength = (int) varint(car, position);
        byte[] header = Arrays.copyOfRange(car, position[0], position[0] + headerLength);
        position[0] += headerLength;
        String root = null;
        for (int index = 0; index + 4 < header.length; index++) {
            // tag 42, a byte string of 37 bytes, the identity multibase prefix, then the CID
            if ((header[index] & 0xff) == 0xd8 && header[index + 1] == 42 && (header[index + 2] & 0xff) == 0x58
                    && header[index + 3] == CID_BYTES + 1 && header[index + 4] == 0) {
                root = Cid.fromBytes(Arrays.copyOfRange(header, index + 5, index + 5 + CID_BYTES)).toString();
            }
        }
        List<String> blocks = new ArrayList<>();
        boolean allMatch = true;
        while (position[0] < car.length) {
            int length = (int) varint(car, position);
            Cid cid = Cid.fromBytes(Arrays.copyOfRange(car, position[0], position[0] + CID_BYTES));
            byte[] block = Arrays.copyOfRange(car, position[0] + CID_BYTES, position[0] + length);
            allMatch &= cid.matches(block);
            blocks.add(cid.toString());
            position[0] += length;
        }
        return new CarFile(root, blocks, allMatch);
    }

    private static long varint(byte[] bytes, int[] position) {
        long value = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = bytes[position[0]++];
            value |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return value;
            }
        }
    }
}
