package org.stacklab.sim;

import java.util.function.Predicate;

/**
 * The loop's pending events: a binary min-heap ordered by (when, seq), each timer remembering its
 * slot, so moving a pending timer is O(log n) rather than a linear search, and comparing two events
 * is two inlined long comparisons. Since (when, seq) is a total order, the events come out in
 * exactly the order any correct priority queue would give.
 */
final class EventQueue {
    private Timer[] heap = new Timer[64];
    private int size;

    int size() { return size; }

    Timer peek() { return size == 0 ? null : heap[0]; }

    void add(Timer t) {
        if (size == heap.length) heap = java.util.Arrays.copyOf(heap, size * 2);
        siftUp(size++, t);
    }

    Timer poll() {
        if (size == 0) return null;
        Timer top = heap[0];
        removeAt(0);
        return top;
    }

    /** Removes {@code t} if it is queued here. */
    void remove(Timer t) {
        int i = t.heapIndex;
        if (i >= 0 && i < size && heap[i] == t) removeAt(i);
    }

    /** Removes every timer {@code drop} accepts and rebuilds the heap (O(n)). */
    void removeIf(Predicate<Timer> drop) {
        int n = 0;
        for (int i = 0; i < size; i++) {
            Timer t = heap[i];
            if (drop.test(t)) {
                t.heapIndex = -1;
            } else {
                heap[n++] = t;
            }
        }
        for (int i = n; i < size; i++) heap[i] = null;
        size = n;
        for (int i = 0; i < n; i++) heap[i].heapIndex = i;
        for (int i = (n >>> 1) - 1; i >= 0; i--) siftDown(i, heap[i]);
    }

    private void removeAt(int i) {
        Timer removed = heap[i];
        removed.heapIndex = -1;
        int last = --size;
        Timer moved = heap[last];
        heap[last] = null;
        if (last == i) return;
        siftDown(i, moved);
        if (heap[i] == moved) siftUp(i, moved);
    }

    private static boolean before(Timer a, Timer b) {
        return a.when < b.when || (a.when == b.when && a.seq < b.seq);
    }

    private void siftUp(int i, Timer t) {
        Timer[] h = heap;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            Timer p = h[parent];
            if (!before(t, p)) break;
            h[i] = p;
            p.heapIndex = i;
            i = parent;
        }
        h[i] = t;
        t.heapIndex = i;
    }

    private void siftDown(int i, Timer t) {
        Timer[] h = heap;
        int half = size >>> 1;
        while (i < half) {
            int c = 2 * i + 1;
            Timer child = h[c];
            int r = c + 1;
            if (r < size && before(h[r], child)) child = h[c = r];
            if (!before(child, t)) break;
            h[i] = child;
            child.heapIndex = i;
            i = c;
        }
        h[i] = t;
        t.heapIndex = i;
    }
}
