package org.stacklab.solutions.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.stacklab.testkit.tcp.Seg.syn;
import static org.stacklab.testkit.tcp.Seg.synAck;

import org.junit.jupiter.api.Test;
import org.stacklab.sim.Time;
import org.stacklab.testkit.tcp.TcpHarness;

/** The reference's ISS (RFC 6528 §3): clock-driven per four-tuple, and a pure function of the seed in virtual time. */
class IsnClockTest {
    static int synSeq(long seed, long at) {
        TcpHarness h = TcpHarness.create(seed);
        h.at(at);
        h.connectTo(80);
        return h.expectSent(syn()).seq();
    }

    @Test
    void virtualTimeRunsReplayFromTheSeed() {
        assertEquals(synSeq(42, 0), synSeq(42, 0));
    }

    @Test
    void theSameFourTupleOneSecondLaterStarts250000Further() {
        // Same seed: the same ephemeral port, so the same four-tuple; only M has moved.
        assertEquals(synSeq(42, 0) + 250_000, synSeq(42, Time.s(1)));
    }

    @Test
    void aPassiveOpenTakesItsIssTheSameWay() {
        int[] iss = new int[2];
        for (int i = 0; i < 2; i++) {
            TcpHarness h = TcpHarness.create(7);
            h.listenOn(80);
            h.at(Time.ms(i * 4)).receive(syn().seq(1000));
            iss[i] = h.expectSent(synAck().ack(1001)).seq();
        }
        assertEquals(iss[0] + 1000, iss[1], "4 ms = 1000 ticks of 4 µs");
    }

    @Test
    void tsValsStartAtAPerSeedOffsetNotAtOne() {
        TcpHarness a = TcpHarness.create(42), b = TcpHarness.create(43);
        a.connectTo(80);
        b.connectTo(80);
        long tsA = a.expectSent(syn()).header().tsVal(), tsB = b.expectSent(syn()).header().tsVal();
        assertNotEquals(1L, tsA, "RFC 7323 §5.4: not a clock that every run starts at 1");
        assertNotEquals(tsA, tsB, "another seed, another offset");
        TcpHarness again = TcpHarness.create(42);
        again.connectTo(80);
        assertEquals(tsA, again.expectSent(syn()).header().tsVal(), "replayed from the seed");
    }
}
