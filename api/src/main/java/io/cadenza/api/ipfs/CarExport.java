package io.cadenza.api.ipfs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A CARv1 archive of one DAG, as {@code ipfs dag export} writes it: a dag-cbor header naming the root, then every
 * block, root first and depth first, each once. {@code ipfs dag import} on any node brings the content over.
 */
public final class CarExport {
    private static final int DEPTH_MAX = 12;

    private final BlockStore blocks;

    public CarExport(BlockStore blocks) {
        this.blocks = blocks;
    }

    public void write(Cid root, OutputStream out) throws IOException {
        byte[] header = header(root);
        writeVarint(out, header.length);
        out.write(header);
        Set<Cid> written = new HashSet<>();
        Deque<Iterator<Cid>> path = new ArrayDeque<>();
        path.push(List.of(root).iterator());
        while (!path.isEmpty()) {
            Iterator<Cid> siblings = path.peek();
            if (!siblings.hasNext()) {
                path.pop();
                continue;
            }
            Cid cid = siblings.next();
            if (!written.add(cid)) {
                continue;
            }
            byte[] block = blocks.get(cid).orElseThrow(() -> new IOException("block " + cid + " is missing"));
            byte[] cidBytes = cid.bytes();
            writeVarint(out, cidBytes.length + block.length);
            out.write(cidBytes);
            out.write(block);
            if (!cid.isRaw()) {
                List<Cid> links = DagPbNode.parse(block).links();
                if (!links.isEmpty()) {
                    if (path.size() >= DEPTH_MAX) {
                        throw new IOException("DAG deeper than " + DEPTH_MAX);
                    }
                    path.push(links.iterator());
                }
            }
        }
    }

    /** dag-cbor {@code {"roots": [root], "version": 1}}; keys in dag-cbor order (shorter first). */
    static byte[] header(Cid root) {
        ByteArrayOutputStream cbor = new ByteArrayOutputStream();
        cbor.write(0xa2); // map of 2
        textString(cbor, "roots");
        cbor.write(0x81); // array of 1
        cbor.write(0xd8); // tag 42: a CID
        cbor.write(42);
        byte[] cid = root.bytes();
        byteStringHeader(cbor, cid.length + 1);
        cbor.write(0x00); // the identity multibase prefix dag-cbor requires
        cbor.writeBytes(cid);
        textString(cbor, "version");
        cbor.write(0x01);
        return cbor.toByteArray();
    }

    private static void textString(ByteArrayOutputStream cbor, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        cbor.write(0x60 + bytes.length); // short strings only: both keys are under 24 bytes
        cbor.writeBytes(bytes);
    }

    private static void byteStringHeader(ByteArrayOutputStream cbor, int length) {
        if (length < 24) {
            cbor.write(0x40 + length);
        } else {
            cbor.write(0x58);
            cbor.write(length);
        }
    }

    private static void writeVarint(OutputStream out, long value) throws IOException {
        while ((value & ~0x7fL) != 0) {
            out.write((int) ((value & 0x7f) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }
}
