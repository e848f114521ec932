package org.stacklab.kernel.tcp;

import org.stacklab.kernel.core.Ip4;

/**
 * The Transmission Control Block of one connection (RFC 9293 §3.3.1), Linux's {@code struct
 * tcp_sock}: the variables every TCP component reads and updates. Fields are public and named as
 * the RFCs name them so that code reads like the RFC text ({@code tcb.sndUna}, {@code tcb.rcvNxt}).
 *
 * <pre>
 *  Send sequence space (RFC 9293 §3.3.1)
 *       1         2          3          4
 *  ----------|----------|----------|----------
 *         SND.UNA    SND.NXT    SND.UNA + SND.WND
 *  1 - acknowledged  2 - sent, not yet acknowledged  3 - may be sent  4 - may not be sent yet
 * </pre>
 * Sequence numbers are {@code int}s compared with {@link SeqNum}; windows and sizes are bytes.
 */
public final class TcpControlBlock {
    public TcpState state = TcpState.CLOSED;
    public int localAddr, localPort, remoteAddr, remotePort;

    // ---- send sequence variables
    /** Initial send sequence number. */
    public int iss;
    /** Oldest unacknowledged sequence number. */
    public int sndUna;
    /** Next sequence number to send (moves back to SND.UNA after a retransmission timeout). */
    public int sndNxt;
    /** Highest sequence number sent so far (BSD's snd_max); ACKs up to here are acceptable. */
    public int sndMax;
    /** Send window the peer offered, in bytes (already scaled). */
    public int sndWnd;
    /** Segment sequence and acknowledgment numbers used for the last window update (RFC 9293 §3.10.7.4). */
    public int sndWl1, sndWl2;
    /** Largest window the peer has offered (sender SWS avoidance, RFC 1122 §4.2.3.4). */
    public int maxSndWnd;
    /** Shift applied to the peer's window field (its window scale option; 0 if not in use). */
    public int sndWscale;
    /** Maximum segment size we send (peer's MSS option, capped by our path MTU). */
    public int mss = 536;

    // ---- receive sequence variables
    /** Initial receive sequence number. */
    public int irs;
    /** Next sequence number expected. */
    public int rcvNxt;
    /** Receive window offered in the last segment we sent, in bytes. */
    public int rcvWnd;
    /** Right edge of the window we have advertised (RCV.NXT + RCV.WND when we last sent); never moves left. */
    public int rcvAdv;
    /** Shift applied to the windows we send (our window scale option; 0 if not in use). */
    public int rcvWscale;
    /** The MSS we announced. */
    public int advMss = 536;

    // ---- closing
    /** The user has closed (or shut down writing): a FIN follows the queued data. */
    public boolean finQueued;
    /** Our FIN has been sent at least once; it occupies {@link #finSeq}. */
    public boolean finSent;
    public int finSeq;
    /** The peer's FIN has been received in sequence. */
    public boolean finReceived;

    // ---- congestion control (RFC 5681, RFC 6582)
    public int cwnd;
    public int ssthresh = Integer.MAX_VALUE;
    /** Duplicate ACKs in a row (RFC 5681 §2 definition). */
    public int dupAcks;
    /** In fast recovery until SND.UNA passes {@link #recover} (RFC 6582 §3.2). */
    public boolean inRecovery;
    public int recover;
    /** Bytes acknowledged in congestion avoidance not yet turned into cwnd growth (RFC 5681 §3.1, ABC). */
    public int bytesAckedCa;

    // ---- retransmission timer (RFC 6298), times in ns; srtt < 0 means no sample yet
    public long srtt = -1, rttvar, rto;
    /** Consecutive timeouts of the same segment (exponential backoff exponent). */
    public int backoff;
    /** Karn's algorithm: the segment being timed and when it was sent; timing is off while {@code !rttTiming}. */
    public boolean rttTiming;
    public int rttSeq;
    public long rttStart;

    // ---- timestamps (RFC 7323 §3-4): RTT measurement on every ACK, including those of retransmissions
    /** Both SYNs carried the timestamps option: every segment carries it. */
    public boolean tsOk;
    /** The peer's latest TSval, echoed in our TSecr. */
    public long tsRecent;
    /**
     * Added to our timestamp clock (RFC 7323 §5.4, §7: a per-connection random offset; Linux keys it by
     * the address pair): TSvals do not reveal uptime, and do not start again at 1 in every run.
     */
    public int tsOffset;

    // ---- options switched by the user
    /** TCP_NODELAY: Nagle's algorithm off. */
    public boolean nodelay;

    /** This connection's counters. */
    public final TcpCounters counters = new TcpCounters();

    /** RFC 5681's FlightSize: bytes sent and not yet acknowledged, SND.MAX - SND.UNA. */
    public int flightSize() { return SeqNum.diff(sndMax, sndUna); }

    /** {@code 10.0.0.1:40000 -> 10.0.0.2:80}, for logs. */
    public String fourTuple() {
        return Ip4.format(localAddr) + ":" + localPort + " -> " + Ip4.format(remoteAddr) + ":" + remotePort;
    }

    @Override
    public String toString() {
        return fourTuple() + " " + state + " una=" + SeqNum.toString(sndUna) + " nxt=" + SeqNum.toString(sndNxt)
                + " max=" + SeqNum.toString(sndMax) + " wnd=" + sndWnd + " rcv.nxt=" + SeqNum.toString(rcvNxt)
                + " rcv.wnd=" + rcvWnd + " cwnd=" + cwnd + " ssthresh=" + ssthresh + " rto=" + rto / 1_000_000 + "ms";
    }
}
