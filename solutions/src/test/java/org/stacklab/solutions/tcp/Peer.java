package org.stacklab.solutions.tcp;

import org.stacklab.testkit.tcp.TcpHarness;

/** Handshakes the tests start from; the peer's ISN is 1000 unless a test says otherwise. */
final class Peer {
    static final int ISN = 1000;

    private Peer() {}

    /** A connection accepted by a listener on port 80 from the peer's port 40000. */
    static TcpHarness.Connection acceptFrom(TcpHarness h) { return h.acceptConnection(80, ISN, 1460); }

    static TcpHarness.Connection acceptFrom(TcpHarness h, int peerIsn, int mss) { return h.acceptConnection(80, peerIsn, mss); }

    /** A connection this host opened to the peer's port 80. */
    static TcpHarness.Connection connectTo(TcpHarness h) { return h.openConnection(80, ISN); }
}
