package io.cadenza.api.ipfs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a file into blocks and addresses it exactly as Kubo's {@code ipfs add --cid-version=1} does (FACTS.md): chunks
 * of 256 KiB stored as raw leaves, dag-pb parents of at most 174 links carrying UnixFS {@code File} data, a balanced
 * layout, sha2-256. A single chunk is its own root; the empty file is one empty leaf.
 *
 * <p>It streams: each block goes to the {@link BlockSink} as soon as it is complete, and only one chunk plus at most
 * 174 pending links per tree level are held, whatever the file's size.
 */
public final class UnixFsImporter {
    public static final int CHUNK_BYTES = 262_144;
    public static final int LINKS_PER_NODE_MAX = 174;
    private static final int UNIXFS_TYPE_FILE = 2;

    /** Receives every block of the file, leaves first, each parent after its children. */
    @FunctionalInterface
    public interface BlockSink {
        BlockSink NONE = (cid, block, length) -> {};

        /** The first {@code length} bytes of {@code block} are the block; the array is reused after the call. */
        void accept(Cid cid, byte[] block, int length) throws IOException;
    }

    /** The file's root and its size in bytes. */
    public record ImportedFile(Cid root, long sizeBytes) {}

    /** A link to a child: its CID, the bytes of its whole subtree, and the file bytes under it. */
    private record Link(Cid cid, long treeBytes, long fileBytes) {}

    public ImportedFile add(InputStream content, BlockSink sink) throws IOException {
        List<List<Link>> levels = new ArrayList<>();
        levels.add(new ArrayList<>());
        byte[] chunk = new byte[CHUNK_BYTES];
        long size = 0;
        boolean first = true;
        while (true) {
            int filled = content.readNBytes(chunk, 0, CHUNK_BYTES);
            if (filled == 0 && !first) {
                break;
            }
            first = false;
            Cid leaf = Cid.of(Cid.CODEC_RAW, chunk, 0, filled);
            sink.accept(leaf, chunk, filled);
            add(levels, 0, new Link(leaf, filled, filled), sink);
            size += filled;
            if (filled < CHUNK_BYTES) {
                break;
            }
        }
        return new ImportedFile(finish(levels, sink), size);
    }

    /** Adds a link at {@code level}, first closing that level's node into its parent when it is full. */
    private void add(List<List<Link>> levels, int level, Link link, BlockSink sink) throws IOException {
        List<Link> links = levels.get(level);
        if (links.size() == LINKS_PER_NODE_MAX) {
            Link parent = close(links, sink);
            if (levels.size() == level + 1) {
                levels.add(new ArrayList<>());
            }
            add(levels, level + 1, parent, sink);
        }
        links.add(link);
    }

    /** Closes every level bottom up; each partial node keeps the depth of its level, as Kubo's balanced layout does. */
    private Cid finish(List<List<Link>> levels, BlockSink sink) throws IOException {
        for (int level = 0; ; level++) {
            List<Link> links = levels.get(level);
            boolean top = level == levels.size() - 1;
            if (top && links.size() == 1) {
                return links.getFirst().cid();
            }
            Link parent = close(links, sink);
            if (top) {
                return parent.cid();
            }
            levels.get(level + 1).add(parent);
        }
    }

    /** Encodes the links as a dag-pb node with UnixFS File data, hands it to the sink, and empties the list. */
    private Link close(List<Link> links, BlockSink sink) throws IOException {
        ByteArrayOutputStream unixfs = new ByteArrayOutputStream();
        long fileBytes = 0;
        long childrenTreeBytes = 0;
        for (Link link : links) {
            fileBytes += link.fileBytes();
            childrenTreeBytes += link.treeBytes();
        }
        ProtobufWriter.writeVarintField(unixfs, 1, UNIXFS_TYPE_FILE);
        ProtobufWriter.writeVarintField(unixfs, 3, fileBytes);
        for (Link link : links) {
            ProtobufWriter.writeVarintField(unixfs, 4, link.fileBytes());
        }
        // dag-pb's canonical form: links (field 2) first, then data (field 1).
        ByteArrayOutputStream node = new ByteArrayOutputStream();
        for (Link link : links) {
            ByteArrayOutputStream encodedLink = new ByteArrayOutputStream();
            ProtobufWriter.writeBytesField(encodedLink, 1, link.cid().bytes());
            ProtobufWriter.writeBytesField(encodedLink, 2, new byte[0]);
            ProtobufWriter.writeVarintField(encodedLink, 3, link.treeBytes());
            ProtobufWriter.writeBytesField(node, 2, encodedLink.toByteArray());
        }
        ProtobufWriter.writeBytesField(node, 1, unixfs.toByteArray());
        byte[] block = node.toByteArray();
        Cid cid = Cid.of(Cid.CODEC_DAG_PB, block);
        sink.accept(cid, block, block.length);
        links.clear();
        return new Link(cid, block.length + childrenTreeBytes, fileBytes);
    }
}
