package org.stacklab.solutions.tcp;

import static org.stacklab.testkit.tcp.Seg.ack;
import static org.stacklab.testkit.tcp.Seg.syn;
import static org.stacklab.testkit.tcp.Seg.synAck;

import org.stacklab.kernel.socket.Sock;
import org.stacklab.sim.Time;
import org.stacklab.testkit.tcp.TcpHarness;
import org.stacklab.testkit.tcp.WireSegment;

/** Handshakes the tests start from; the peer's ISN is 1000 unless a test says otherwise. */
final class Peer {
    static final int ISN = 1000;

    private Peer() {}

    /** A connection accepted by a listener on port 80 from the peer's port 40000; returns [socket, iss]. */
    static Conn acceptFrom(TcpHarness h) { return acceptFrom(h, ISN, 1460); }

    static Conn acceptFrom(TcpHarness h, int peerIsn, int mss) {
        Sock listener = h.listenOn(80);
        h.receive(syn().seq(peerIsn).mss(mss).window(65535));
        WireSegment sa = h.expectSent(synAck().ack(peerIsn + 1).mss(1460));
        h.after(Time.ms(1)).receive(ack().seq(peerIsn + 1).ack(sa.seq() + 1).window(65535));
        Sock s = listener.accept();
        if (s == null) h.fail("accept() returned nothing after the handshake");
        return new Conn(s, sa.seq(), peerIsn, listener);
    }

    /** A connection this host opened to the peer's port 80. */
    static Conn connectTo(TcpHarness h) {
        Sock s = h.connectTo(80);
        WireSegment synSeg = h.expectSent(syn().mss(1460));
        h.after(Time.ms(1)).receive(synAck().seq(ISN).ack(synSeg.seq() + 1).mss(1460).window(65535));
        h.expectSent(ack().seq(synSeg.seq() + 1).ack(ISN + 1));
        return new Conn(s, synSeg.seq(), ISN, null);
    }

    record Conn(Sock sock, int iss, int peerIsn, Sock listener) {
        /** Our next sequence number after {@code n} bytes sent. */
        long us(long n) { return (iss + 1 + n) & 0xffffffffL; }

        /** The peer's sequence number after {@code n} bytes. */
        long peer(long n) { return (peerIsn + 1 + n) & 0xffffffffL; }
    }
}
