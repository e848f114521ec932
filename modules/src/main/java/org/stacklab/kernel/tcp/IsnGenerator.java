package org.stacklab.kernel.tcp;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Initial sequence numbers as RFC 6528 §3 (and RFC 9293 §3.4.1) define them:
 * {@code ISN = M + F(localip, localport, remoteip, remoteport, secretkey)}, where M is a timer that
 * ticks every 4 µs and F a keyed hash (MD5 here, RFC 6528 §3's suggestion). M keeps successive
 * incarnations of one four-tuple moving forward through the sequence space, so old duplicates stay
 * old; F separates the four-tuples, so an off-path attacker cannot predict another connection's ISN.
 *
 * <p>The secret comes from the host's seeded random stream, so a virtual-time run is a pure function
 * of its seed; in real-time mode (the TAP bridge) the clock is the wall clock since the loop started
 * and a fresh seed per run gives a fresh secret. As Linux's per-boot secret, it lasts one run.
 */
public final class IsnGenerator {
    /** RFC 6528 §3 / RFC 9293 §3.4.1: M is incremented every 4 microseconds. */
    public static final long TICK_NS = 4_000;

    private final byte[] secret;

    /** {@code secret}: the key of F, from the host's seeded random stream (16 bytes or more). */
    public IsnGenerator(byte[] secret) {
        if (secret.length < 16) throw new IllegalArgumentException("RFC 6528 wants a secret of at least 128 bits");
        this.secret = secret.clone();
    }

    /** The ISN for a connection opened at virtual time {@code nowNs} on this four-tuple. */
    public int isn(long nowNs, int localAddr, int localPort, int remoteAddr, int remotePort) {
        int m = (int) (nowNs / TICK_NS);
        return m + f(localAddr, localPort, remoteAddr, remotePort);
    }

    /**
     * The offset for our TSvals towards {@code remoteAddr} (RFC 7323 §5.4, §7): keyed by the address
     * pair, as Linux's tcp_ts_off does, so it is the same for every connection between two hosts and
     * PAWS at the peer sees one clock.
     */
    public int tsOffset(int localAddr, int remoteAddr) {
        // Port 0 never appears in a connection's four-tuple, so these inputs never collide with an ISN's.
        return f(localAddr, 0, remoteAddr, 0);
    }

    /** F of RFC 6528 §3: the first 32 bits of MD5(secret, four-tuple). */
    int f(int localAddr, int localPort, int remoteAddr, int remotePort) {
        byte[] in = new byte[secret.length + 12];
        System.arraycopy(secret, 0, in, 0, secret.length);
        int i = secret.length;
        for (int v : new int[] {localAddr, remoteAddr}) {
            in[i++] = (byte) (v >>> 24); in[i++] = (byte) (v >>> 16); in[i++] = (byte) (v >>> 8); in[i++] = (byte) v;
        }
        in[i++] = (byte) (localPort >>> 8); in[i++] = (byte) localPort;
        in[i++] = (byte) (remotePort >>> 8); in[i] = (byte) remotePort;
        byte[] d = md5().digest(in);
        return ((d[0] & 0xff) << 24) | ((d[1] & 0xff) << 16) | ((d[2] & 0xff) << 8) | (d[3] & 0xff);
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has MD5 (MessageDigest spec)", e);
        }
    }
}
