package org.stacklab.scenario;

import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.socket.InetSockets;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.kernel.socket.SockAddr;
import org.stacklab.kernel.socket.SocketProto;

/**
 * One ICMP echo from a host, the way {@code ping -c 1} sends it: through an ICMP datagram socket
 * ({@code socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP)}), running the scenario until an answer comes
 * or the timeout passes. The answer may be an echo reply or an ICMP error (time exceeded,
 * unreachable) that the kernel queued on the socket.
 */
public final class Ping {
    private Ping() {}

    /**
     * What came back.
     *
     * @param type    ICMP type: 0 echo reply, 11 time exceeded, 3 unreachable
     * @param from    the address that answered
     * @param ttl     the TTL of the datagram that carried the answer ({@code IP_RECVTTL}), or -1
     * @param rttNs   virtual time from send to answer
     * @param message the ICMP message, header included
     */
    public record Result(int type, int code, int from, int seq, int ttl, long rttNs, byte[] message) {
        public boolean isEchoReply() { return type == 0; }

        @Override
        public String toString() {
            return "ICMP type " + type + " code " + code + " from " + Ip4.format(from) + " seq " + seq
                    + String.format(" time=%.3f ms", rttNs / 1e6);
        }
    }

    /**
     * Sends one echo request with {@code dataLen} bytes of data and IP TTL {@code ttl} from
     * {@code host} to {@code dst}; returns what came back within {@code timeoutNs}, or null.
     */
    public static Result once(Host host, String dst, int seq, int dataLen, int ttl, long timeoutNs) {
        SocketProto proto = InetSockets.of(host.kernel()).lookup(Sock.SOCK_DGRAM, Sock.IPPROTO_ICMP);
        if (proto == null) {
            throw new IllegalStateException(host.name() + " has no ICMP datagram sockets (is an ip module loaded?)");
        }
        Sock s = proto.create();
        try {
            if (ttl > 0) s.setsockopt(Sock.SOL_IP, Sock.IP_TTL, ttl);
            byte[] req = new byte[8 + dataLen];
            req[0] = 8;
            req[6] = (byte) (seq >>> 8);
            req[7] = (byte) seq;
            for (int i = 0; i < dataLen; i++) req[8 + i] = (byte) (0x10 + i);
            long start = host.loop().now();
            int rc = s.sendmsg(req, 0, req.length, 0, SockAddr.of(dst, 0));
            if (rc < 0) return null;
            host.loop().runUntil(() -> (s.poll() & Sock.POLLIN) != 0, timeoutNs);
            byte[] buf = new byte[65536];
            SockAddr[] from = new SockAddr[1];
            int n = s.recvmsg(buf, 0, buf.length, 0, from);
            if (n < 8) return null;
            byte[] msg = java.util.Arrays.copyOf(buf, n);
            int type = msg[0] & 0xff;
            // An error quotes our request after its own 8-byte header and the quoted IP header.
            int seqAt = type == 0 ? 6 : 8 + ((msg.length > 8 ? msg[8] & 0xf : 5) * 4) + 6;
            int gotSeq = msg.length >= seqAt + 2 ? ((msg[seqAt] & 0xff) << 8) | (msg[seqAt + 1] & 0xff) : -1;
            int ttlSeen = s.getsockopt(Sock.SOL_IP, Sock.IP_RECVTTL);
            return new Result(type, msg[1] & 0xff, from[0] == null ? 0 : from[0].addr(), gotSeq,
                    Math.max(-1, ttlSeen), host.loop().now() - start, msg);
        } finally {
            s.close();
        }
    }

    /**
     * {@code ping -f -c COUNT}: sends {@code count} echo requests back to back on one socket, then
     * runs the scenario until every reply is in or {@code timeoutNs} pass. Returns the replies received.
     */
    public static int flood(Host host, String dst, int count, long timeoutNs) {
        SocketProto proto = InetSockets.of(host.kernel()).lookup(Sock.SOCK_DGRAM, Sock.IPPROTO_ICMP);
        if (proto == null) {
            throw new IllegalStateException(host.name() + " has no ICMP datagram sockets (is an ip module loaded?)");
        }
        Sock s = proto.create();
        try {
            s.setsockopt(Sock.SOL_SOCKET, Sock.SO_RCVBUF, Math.max(65536, count * 128));
            byte[] req = new byte[8 + 56];
            req[0] = 8;
            for (int i = 0; i < count; i++) {
                req[6] = (byte) (i >>> 8);
                req[7] = (byte) i;
                if (s.sendmsg(req, 0, req.length, 0, SockAddr.of(dst, 0)) < 0) break;
            }
            byte[] buf = new byte[2048];
            int[] replies = {0};
            host.loop().runUntil(() -> {
                while (s.recvmsg(buf, 0, buf.length, 0, null) > 0) if (buf[0] == 0) replies[0]++;
                return replies[0] >= count;
            }, timeoutNs);
            return replies[0];
        } finally {
            s.close();
        }
    }

    /** An echo with 56 bytes of data and the default TTL, waiting up to one second. */
    public static Result once(Host host, String dst) { return once(host, dst, 1, 56, 0, 1_000_000_000L); }
}
