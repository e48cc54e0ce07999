package io.cadenza.api.ipfs;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * A UnixFS file read back from its blocks, leaf by leaf, depth first: at most one block and one path of link lists
 * in memory, whatever the file's size. It can start anywhere: whole subtrees before the start are passed over by
 * their recorded sizes, unread, so a seek near the end of a large file loads a handful of blocks.
 */
public final class UnixFsFileStream extends InputStream {
    /** Kubo's balanced DAG of 174 links reaches this depth only beyond any file an API would hold. */
    private static final int DEPTH_MAX = 12;
    private static final long SIZE_UNKNOWN = -1;

    private record Child(Cid cid, long fileBytes) {}

    private final BlockStore blocks;
    private final Deque<Iterator<Child>> path = new ArrayDeque<>();
    private byte[] current = new byte[0];
    private int position;
    /** File bytes still to pass over before the first one read. */
    private long toSkip;
    /** File bytes still to read. */
    private long remaining;

    public UnixFsFileStream(BlockStore blocks, Cid root) {
        this(blocks, root, 0, Long.MAX_VALUE);
    }

    /** At most {@code length} bytes of the file from byte {@code offset} on (at or past its end: nothing). */
    public UnixFsFileStream(BlockStore blocks, Cid root, long offset, long length) {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("offset " + offset + " and length " + length + " must be positive");
        }
        this.blocks = blocks;
        this.toSkip = offset;
        this.remaining = length;
        path.push(List.of(new Child(root, SIZE_UNKNOWN)).iterator());
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
        if (remaining == 0) {
            return -1;
        }
        while (position == current.length) {
            if (!advance()) {
                return -1;
            }
        }
        int count = (int) Math.min(Math.min(length, current.length - position), remaining);
        System.arraycopy(current, position, buffer, offset, count);
        position += count;
        remaining -= count;
        return count;
    }

    /** Loads the next block that holds file bytes to read; false at the end of the file. */
    private boolean advance() throws IOException {
        while (!path.isEmpty()) {
            Iterator<Child> siblings = path.peek();
            if (!siblings.hasNext()) {
                path.pop();
                continue;
            }
            Child next = siblings.next();
            if (next.fileBytes() != SIZE_UNKNOWN && next.fileBytes() <= toSkip) {
                toSkip -= next.fileBytes(); // wholly before the start: never loaded
                continue;
            }
            byte[] block = blocks.get(next.cid()).orElseThrow(() -> new IOException("block " + next.cid()
                    + " is missing"));
            byte[] data;
            if (next.cid().isRaw()) {
                data = block;
            } else {
                DagPbNode node = DagPbNode.parse(block);
                if (!node.links().isEmpty()) {
                    if (path.size() >= DEPTH_MAX) {
                        throw new IOException("UnixFS DAG deeper than " + DEPTH_MAX);
                    }
                    path.push(children(node).iterator());
                }
                data = node.inlineData();
            }
            if (toSkip >= data.length) {
                toSkip -= data.length;
                continue;
            }
            current = data;
            position = (int) toSkip;
            toSkip = 0;
            return true;
        }
        return false;
    }

    private static List<Child> children(DagPbNode node) {
        List<Child> children = new ArrayList<>(node.links().size());
        for (int i = 0; i < node.links().size(); i++) {
            long size = node.blockSizes().isEmpty() ? SIZE_UNKNOWN : node.blockSizes().get(i);
            children.add(new Child(node.links().get(i), size));
        }
        return children;
    }
}
