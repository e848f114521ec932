package org.stacklab.hw.link;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntPredicate;

/**
 * A switch's forwarding database: MAC address → port and when it was last seen. Open addressing
 * on primitive arrays, so learning and looking up a frame's addresses allocates nothing.
 */
final class MacTable {
    private static final long EMPTY = -1L; // not a 48-bit MAC

    private long[] keys;
    private int[] ports;
    private long[] seen;
    private int size;

    MacTable() {
        alloc(64);
    }

    private void alloc(int capacity) {
        keys = new long[capacity];
        java.util.Arrays.fill(keys, EMPTY);
        ports = new int[capacity];
        seen = new long[capacity];
        size = 0;
    }

    private int slot(long mac) {
        long h = mac * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 40) & (keys.length - 1);
    }

    /** Index of {@code mac}, or -1. */
    private int find(long mac) {
        int mask = keys.length - 1;
        for (int i = slot(mac); ; i = (i + 1) & mask) {
            if (keys[i] == mac) return i;
            if (keys[i] == EMPTY) return -1;
        }
    }

    /** The port {@code mac} was seen on, if seen within {@code ageingNs} of {@code now}; else -1 (and the entry goes). */
    int lookup(long mac, long now, long ageingNs) {
        int i = find(mac);
        if (i < 0) return -1;
        if (now - seen[i] >= ageingNs) {
            removeAt(i);
            return -1;
        }
        return ports[i];
    }

    void learn(long mac, int port, long now) {
        int i = find(mac);
        if (i < 0) {
            if ((size + 1) * 2 > keys.length) grow();
            int mask = keys.length - 1;
            i = slot(mac);
            while (keys[i] != EMPTY) i = (i + 1) & mask;
            keys[i] = mac;
            size++;
        }
        ports[i] = port;
        seen[i] = now;
    }

    /** Removes every entry whose port matches. */
    void removeIf(IntPredicate port) {
        for (int i = 0; i < keys.length; ) {
            if (keys[i] != EMPTY && port.test(ports[i])) removeAt(i); // the slot refills by back-shift: look again
            else i++;
        }
    }

    /** Live entries by MAC, as {@code bridge fdb show} would list them. */
    Map<Long, Integer> snapshot(long now, long ageingNs) {
        Map<Long, Integer> m = new TreeMap<>();
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != EMPTY && now - seen[i] < ageingNs) m.put(keys[i], ports[i]);
        }
        return m;
    }

    private void grow() {
        long[] k = keys;
        int[] p = ports;
        long[] s = seen;
        alloc(k.length * 2);
        for (int i = 0; i < k.length; i++) {
            if (k[i] != EMPTY) learn(k[i], p[i], s[i]);
        }
    }

    /** Linear-probing deletion by backward shift (no tombstones). */
    private void removeAt(int i) {
        int mask = keys.length - 1;
        int hole = i;
        for (int j = (i + 1) & mask; keys[j] != EMPTY; j = (j + 1) & mask) {
            int home = slot(keys[j]);
            // move j into the hole if its home slot does not lie cyclically in (hole, j]
            boolean between = hole <= j ? (home > hole && home <= j) : (home > hole || home <= j);
            if (!between) {
                keys[hole] = keys[j];
                ports[hole] = ports[j];
                seen[hole] = seen[j];
                hole = j;
            }
        }
        keys[hole] = EMPTY;
        size--;
    }
}
