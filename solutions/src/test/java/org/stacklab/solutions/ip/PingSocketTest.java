package org.stacklab.solutions.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stacklab.solutions.ip.IpNet.ip;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.socket.Errno;
import org.stacklab.kernel.socket.InetSockets;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.kernel.socket.SockAddr;
import org.stacklab.sim.Time;

/** The ping socket through the Sock interface alone, as the syscall layer uses it. */
class PingSocketTest {
    private final IpNet net = IpNet.twoHosts();
    private final Kernel h1 = net.k("h1");

    @AfterEach
    void noOopses() { net.assertNoOopses(); }

    @Test
    void registeredAsDatagramIcmp() {
        var proto = InetSockets.of(h1).lookup(Sock.SOCK_DGRAM, Sock.IPPROTO_ICMP);
        assertNotNull(proto);
        Sock s = proto.create();
        assertEquals(Sock.SOCK_DGRAM, s.getsockopt(Sock.SOL_SOCKET, Sock.SO_TYPE));
        assertEquals(1, proto.sockets().size());
        s.close();
        assertEquals(0, proto.sockets().size());
    }

    @Test
    void nothingBlocks() {
        Sock s = IpNet.pingSocket(h1);
        byte[] buf = new byte[100];
        assertEquals(Errno.EAGAIN.neg(), s.recvmsg(buf, 0, buf.length, 0, null));
        assertEquals(Sock.POLLOUT, s.poll());
        byte[] req = IpNet.echoRequest(1, 8);
        s.sendmsg(req, 0, req.length, 0, SockAddr.of("10.0.0.2", 0));
        assertTrue(net.loop.runUntil(() -> (s.poll() & Sock.POLLIN) != 0, Time.s(1)));
        assertEquals(16, s.recvmsg(buf, 0, buf.length, Sock.MSG_PEEK, null), "peek leaves it queued");
        assertEquals(16, s.info().recvQ());
        assertEquals(4, s.recvmsg(buf, 0, 4, 0, null), "a short buffer truncates the datagram");
        assertEquals(Errno.EAGAIN.neg(), s.recvmsg(buf, 0, buf.length, 0, null), "the rest was discarded");
    }

    @Test
    void sendRules() {
        Sock s = IpNet.pingSocket(h1);
        byte[] req = IpNet.echoRequest(1, 8);
        assertEquals(Errno.EDESTADDRREQ.neg(), s.sendmsg(req, 0, req.length, 0, null));
        assertEquals(Errno.EINVAL.neg(), s.sendmsg(req, 0, 4, 0, SockAddr.of("10.0.0.2", 0)), "shorter than an ICMP header");
        byte[] reply = req.clone();
        reply[0] = 0;
        assertEquals(Errno.EINVAL.neg(), s.sendmsg(reply, 0, reply.length, 0, SockAddr.of("10.0.0.2", 0)), "only echo requests");
        assertEquals(Errno.ENETUNREACH.neg(), s.sendmsg(req, 0, req.length, 0, SockAddr.of("192.168.1.1", 0)));
        assertEquals(Errno.EACCES.neg(), s.sendmsg(req, 0, req.length, 0, SockAddr.of("10.0.0.255", 0)), "broadcast needs SO_BROADCAST");
        assertEquals(0, s.setsockopt(Sock.SOL_SOCKET, Sock.SO_BROADCAST, 1));
        assertEquals(16, s.sendmsg(req, 0, req.length, 0, SockAddr.of("10.0.0.255", 0)));
        assertEquals(Errno.EINVAL.neg(), s.setsockopt(Sock.SOL_IP, Sock.IP_TTL, 0));
        assertEquals(Errno.ENOPROTOOPT.neg(), s.getsockopt(Sock.SOL_SOCKET, 999));
        assertEquals(Errno.EOPNOTSUPP.neg(), s.listen(1));
    }

    @Test
    void bindChoosesTheIdentifierAndRepliesFindTheirSocket() {
        Sock a = IpNet.pingSocket(h1);
        Sock b = IpNet.pingSocket(h1);
        assertEquals(0, a.bind(new SockAddr(ip("10.0.0.1"), 4242)));
        assertEquals(Errno.EADDRINUSE.neg(), b.bind(new SockAddr(0, 4242)));
        assertEquals(Errno.EADDRNOTAVAIL.neg(), b.bind(new SockAddr(ip("10.9.9.9"), 0)));
        assertEquals(0, b.connect(SockAddr.of("10.0.0.2", 0)));
        assertTrue(b.localAddress().port() != 0, "connect binds an identifier");
        byte[] req = IpNet.echoRequest(1, 8);
        a.sendmsg(req, 0, req.length, 0, SockAddr.of("10.0.0.2", 0));
        b.sendmsg(req, 0, req.length, 0, null);
        byte[] ra = net.receive(a, null, Time.s(1));
        byte[] rb = net.receive(b, null, Time.s(1));
        assertEquals(4242, ((ra[4] & 0xff) << 8) | (ra[5] & 0xff));
        assertEquals(b.localAddress().port(), ((rb[4] & 0xff) << 8) | (rb[5] & 0xff));
        assertEquals(Errno.EAGAIN.neg(), a.recvmsg(new byte[64], 0, 64, 0, null), "one reply each");
        assertEquals("ESTAB", b.info().state());
        assertEquals("icmp", b.info().netid());
    }
}
