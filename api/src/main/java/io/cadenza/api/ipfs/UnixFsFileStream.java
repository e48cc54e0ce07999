package io.cadenza.api.ipfs;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * A UnixFS file read back from its blocks, leaf by leaf, depth first: at most one block and one path of link lists
 * in memory, whatever the file's size.
 */
public final class UnixFsFileStream extends InputStream {
    /** Kubo's balanced DAG of 174 links reaches this depth only beyond any file an API would hold. */
    private static final int DEPTH_MAX = 12;

    private final BlockStore blocks;
    private final Deque<Iterator<Cid>> path = new ArrayDeque<>();
    private byte[] current = new byte[0];
    private int position;

    public UnixFsFileStream(BlockStore blocks, Cid root) {
        this.blocks = blocks;
        path.push(java.util.List.of(root).iterator());
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (position == current.length) {
            if (!advance()) {
                return -1;
            }
        }
        int count = Math.min(length, current.length - position);
        System.arraycopy(current, position, buffer, offset, count);
        position += count;
        return count;
    }

    /** Loads the next block that holds file bytes; false at the end of the file. */
    private boolean advance() throws IOException {
        while (!path.isEmpty()) {
            Iterator<Cid> siblings = path.peek();
            if (!siblings.hasNext()) {
                path.pop();
                continue;
            }
            Cid next = siblings.next();
            byte[] block = blocks.get(next).orElseThrow(() -> new IOException("block " + next + " is missing"));
            position = 0;
            if (next.isRaw()) {
                current = block;
                return true;
            }
            DagPbNode node = DagPbNode.parse(block);
            if (!node.links().isEmpty()) {
                if (path.size() >= DEPTH_MAX) {
                    throw new IOException("UnixFS DAG deeper than " + DEPTH_MAX);
                }
                path.push(node.links().iterator());
            }
            current = node.inlineData();
            if (current.length > 0) {
                return true;
            }
        }
        return false;
    }
}
