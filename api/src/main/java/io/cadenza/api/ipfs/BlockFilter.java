package io.cadenza.api.ipfs;

/**
 * A Bloom filter of CIDs: "certainly not added" or "maybe added", in about 10 bits per block (1% false positives)
 * whatever the store's size. A CID's SHA-256 digest is already uniformly random, so its bytes serve as the hash
 * functions.
 */
public final class BlockFilter {
    private static final int BITS_PER_BLOCK = 10;
    private static final int HASHES = 7;
    private static final int DIGEST_BYTES = 32;
    /** Four digest bytes address 2^32 bits (512 MiB, 400 million blocks); beyond that only false positives rise. */
    private static final long BITS_MAX = 1L << 32;

    private final long[] words;
    private final long bits;

    /** A filter for about {@code expectedBlocks} blocks; more only raises the false positive rate. */
    public BlockFilter(long expectedBlocks) {
        long wanted = Math.min(BITS_MAX, Math.max(1L << 13, expectedBlocks * BITS_PER_BLOCK));
        this.words = new long[(int) ((wanted + 63) / 64)];
        this.bits = words.length * 64L;
    }

    public void add(Cid cid) {
        byte[] bytes = cid.bytes();
        for (int i = 0; i < HASHES; i++) {
            long bit = position(bytes, i);
            words[(int) (bit >>> 6)] |= 1L << (bit & 63);
        }
    }

    public boolean mightContain(Cid cid) {
        byte[] bytes = cid.bytes();
        for (int i = 0; i < HASHES; i++) {
            long bit = position(bytes, i);
            if ((words[(int) (bit >>> 6)] & (1L << (bit & 63))) == 0) {
                return false;
            }
        }
        return true;
    }

    /** The i-th hash: four digest bytes as an unsigned number, modulo the filter's size. */
    private long position(byte[] cid, int i) {
        int offset = cid.length - DIGEST_BYTES + 4 * i;
        long value = ((cid[offset] & 0xffL) << 24) | ((cid[offset + 1] & 0xffL) << 16)
                | ((cid[offset + 2] & 0xffL) << 8) | (cid[offset + 3] & 0xffL);
        return value % bits;
    }
}
