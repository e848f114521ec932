package org.stacklab.userland;

import java.util.ArrayDeque;
import java.util.function.IntPredicate;
import java.util.function.IntToLongFunction;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.socket.Errno;
import org.stacklab.kernel.socket.SockAddr;
import org.stacklab.kernel.socket.SockInfo;

/**
 * An ICMP ping socket whose peer answers every echo request after {@code rtt(seq)} of virtual time
 * (unless {@code lost(seq)}), with TTL 64: enough to check ping's output without the IP module.
 */
final class FakePingSock extends FakeSock {
    private final Kernel kernel;
    private final IntToLongFunction rttNs;
    private final IntPredicate lost;
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private SockAddr lastFrom;

    FakePingSock(Kernel kernel, IntToLongFunction rttNs, IntPredicate lost) {
        super(new SockInfo("icmp", "UNCONN", 0, 0, SockAddr.ANY, null, 1, 0, null));
        this.kernel = kernel;
        this.rttNs = rttNs;
        this.lost = lost;
    }

    @Override public int type() { return SOCK_DGRAM; }
    @Override public int protocol() { return IPPROTO_ICMP; }

    @Override public int sendmsg(byte[] buf, int off, int len, int flags, SockAddr to) {
        if (len < 8 || buf[off] != 8) return Errno.EINVAL.neg();
        byte[] reply = new byte[len];
        System.arraycopy(buf, off, reply, 0, len);
        reply[0] = 0; // echo reply
        reply[2] = reply[3] = 0;
        int sum = Ping.checksum(reply);
        reply[2] = (byte) (sum >>> 8);
        reply[3] = (byte) sum;
        int seq = ((reply[6] & 0xff) << 8) | (reply[7] & 0xff);
        if (!lost.test(seq)) {
            kernel.loop().schedule(rttNs.applyAsLong(seq), () -> {
                queue.add(reply);
                lastFrom = new SockAddr(to.addr(), 0);
            });
        }
        return len;
    }

    @Override public int recvmsg(byte[] buf, int off, int len, int flags, SockAddr[] from) {
        byte[] r = queue.poll();
        if (r == null) return Errno.EAGAIN.neg();
        int n = Math.min(len, r.length);
        System.arraycopy(r, 0, buf, off, n);
        if (from != null) from[0] = lastFrom;
        return n;
    }

    @Override public int getsockopt(int level, int name) {
        return level == SOL_IP && name == IP_RECVTTL ? 64 : Errno.ENOPROTOOPT.neg();
    }

    @Override public int poll() { return (queue.isEmpty() ? 0 : POLLIN) | POLLOUT; }
}
