package dev.whitemagic.engine.memory;

/**
 * An order-independent fingerprint of a set of files (relative path, size, modification time):
 * the count and the sum of a 64-bit hash per file, so adding or removing one file updates it in
 * O(1). The index stores it with each commit; a mismatch on open means the index is stale.
 */
final class Fingerprint {

    /** Bumped when the index layout changes, so old indexes are rebuilt. */
    static final int LAYOUT = 1;

    private long count;
    private long sum;

    void add(long hash) {
        count++;
        sum += hash;
    }

    void remove(long hash) {
        count--;
        sum -= hash;
    }

    @Override
    public String toString() {
        return "v" + LAYOUT + ":" + count + ":" + Long.toHexString(sum);
    }

    static long hash(String relativePath, long size, long mtime) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < relativePath.length(); i++) {
            h = (h ^ relativePath.charAt(i)) * 0x100000001b3L;
        }
        return mix(mix(h ^ size) ^ mtime);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
