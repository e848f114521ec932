package org.stacklab.solutions.tcp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.stacklab.kernel.socket.InetSockets;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.kernel.socket.SockAddr;
import org.stacklab.kernel.tcp.IsnGenerator;
import org.stacklab.kernel.tcp.TcpStats;
import org.stacklab.kernel.tcp.TcpSysctl;
import org.stacklab.sim.SeededRandom;
import org.stacklab.sim.Time;
import org.stacklab.testkit.tcp.BulkTransfer;
import org.stacklab.testkit.tcp.FaultProfile;
import org.stacklab.testkit.tcp.TcpPipe;

/**
 * The sender's sequence numbers cross 2^32 in the middle of a lossy transfer. ISNs come from the
 * seed (and virtual time), so the test looks for a seed whose client ISN lies just below the wrap and replays it.
 */
class SequenceWrapTest {
    static final int SIZE = 4 << 20;
    static final FaultProfile FAULTS = FaultProfile.clean().withLoss(0.02).withReorder(0.02, Time.ms(2));

    /** The ISN client A would choose in a pipe with this seed (the same draws BulkTransfer makes). */
    static long clientIsn(long seed) {
        TcpPipe p = TcpPipe.create(seed, FAULTS);
        Sock s = InetSockets.of(p.a()).lookup(Sock.SOCK_STREAM, Sock.IPPROTO_TCP).create();
        s.connect(new SockAddr(TcpPipe.B, BulkTransfer.PORT));
        return p.a().symbol(TcpStats.class).connections().get(0).iss & 0xffffffffL;
    }

    /**
     * A quick guess at the same number: host A's stream draws the ephemeral port, and the ISN is
     * RFC 6528's M + F(four-tuple, secret) at time 0, the secret a named fork of A's stream.
     */
    static long predictedIsn(long seed) {
        SeededRandom r = new SeededRandom(seed).fork("kernel:A");
        int port = (int) TcpSysctl.PORT_LOW_DEFAULT
                + r.nextInt((int) (TcpSysctl.PORT_HIGH_DEFAULT - TcpSysctl.PORT_LOW_DEFAULT + 1));
        byte[] secret = new byte[16];
        r.fork("tcp isn secret").nextBytes(secret);
        return new IsnGenerator(secret).isn(0, TcpPipe.A, port, TcpPipe.B, BulkTransfer.PORT) & 0xffffffffL;
    }

    @Test
    void lossyTransferAcrossTheWrapOfTheSendSequence() {
        long low = (1L << 32) - SIZE + 100_000, high = (1L << 32) - 100_000;
        long seed = 1;
        while (predictedIsn(seed) < low || predictedIsn(seed) > high) seed++;
        long isn = clientIsn(seed);
        assertTrue(isn >= low && isn <= high, "seed " + seed + " gives ISN " + isn + "; the prediction is out of date");

        TcpPipe pipe = TcpPipe.create(seed, FAULTS).sysctl(TcpSysctl.MSL_MS, 500);
        BulkTransfer.Result r = BulkTransfer.run(pipe, SIZE, 64 << 10, Time.s(600));
        r.assertOk();
        assertTrue(TcpPipe.counters(pipe.a()).retransSegs > 0, "losses were repaired across the wrap");
    }
}
