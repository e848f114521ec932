package org.stacklab.sim;

import java.util.SplittableRandom;

/**
 * The scenario's random source. Every random choice (fault injection, ISNs, ephemeral ports, MAC
 * addresses) comes from here, so one seed replays a whole run.
 *
 * <p>{@link #fork(String)} derives an independent stream by name, so adding a random draw in one
 * component (say, the fault injector on link 2) does not shift the numbers another component sees.
 */
public final class SeededRandom {
    private final long seed;
    private final SplittableRandom rnd;

    public SeededRandom(long seed) {
        this.seed = seed;
        this.rnd = new SplittableRandom(seed);
    }

    /** The seed this stream was made from. */
    public long seed() { return seed; }

    /** An independent stream named {@code name}; the same seed and name give the same stream. */
    public SeededRandom fork(String name) {
        long h = seed * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < name.length(); i++) {
            h = (h ^ name.charAt(i)) * 0x100000001B3L;
        }
        return new SeededRandom(mix(h));
    }

    public int nextInt() { return rnd.nextInt(); }
    public int nextInt(int bound) { return rnd.nextInt(bound); }
    public int nextInt(int origin, int bound) { return rnd.nextInt(origin, bound); }
    public long nextLong() { return rnd.nextLong(); }
    public long nextLong(long bound) { return rnd.nextLong(bound); }
    public double nextDouble() { return rnd.nextDouble(); }
    public boolean chance(double p) { return p > 0 && (p >= 1 || rnd.nextDouble() < p); }
    public void nextBytes(byte[] b) { rnd.nextBytes(b); }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
