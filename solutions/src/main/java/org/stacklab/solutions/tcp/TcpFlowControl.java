package org.stacklab.solutions.tcp;

import org.stacklab.kernel.tcp.FlowControl;
import org.stacklab.kernel.tcp.SeqNum;
import org.stacklab.kernel.tcp.TcpConnection;
import org.stacklab.kernel.tcp.TcpControlBlock;
import org.stacklab.kernel.tcp.TcpSysctl;

/**
 * The reference {@code tcp.flow}: the receive window from free buffer with receiver-side
 * silly-window avoidance, the sender's decision to send now or wait (usable window, sender SWS
 * avoidance, Nagle), and zero-window probing with the persist timer.
 */
public final class TcpFlowControl implements FlowControl {
    private int probes;
    /** The persist timer doubles as RFC 1122's SWS "override timeout": when it fires, a short segment may go. */
    private boolean overrideSws;

    /**
     * RFC 1122 §4.2.3.3: the right edge only moves right by at least min(buffer/2, MSS) at a time, so
     * a slowly reading application does not invite a stream of tiny segments. Until then the window
     * offered stays what is left of the one already advertised.
     */
    @Override
    public int receiveWindow(TcpConnection c) {
        TcpControlBlock tcb = c.tcb();
        int free = c.receiveSpace();
        int current = Math.max(0, SeqNum.diff(tcb.rcvAdv, tcb.rcvNxt));
        int threshold = Math.min(c.receiveBufferSize() / 2, tcb.advMss);
        return free - current >= threshold ? free : Math.min(current, free);
    }

    @Override
    public int sendNow(TcpConnection c, int unsent) {
        TcpControlBlock tcb = c.tcb();
        int peerUsable = SeqNum.diff(tcb.sndUna + tcb.sndWnd, tcb.sndNxt);
        // Limited Transmit (RFC 3042): the first two duplicate ACKs each let one new segment out beyond
        // cwnd, so a small window still produces the three duplicates fast retransmit needs.
        int limitedTransmit = tcb.inRecovery ? 0 : Math.min(tcb.dupAcks, 2) * tcb.mss;
        int cwndUsable = SeqNum.diff(tcb.sndUna + tcb.cwnd + limitedTransmit, tcb.sndNxt);
        int usable = Math.min(peerUsable, cwndUsable);
        int len = Math.min(Math.min(unsent, tcb.mss), usable);
        boolean nothingInFlight = tcb.sndMax == tcb.sndUna;
        if (tcb.sndWnd > 0) {
            probes = 0;
            c.clearPersistTimer();
        }
        if (len > 0) {
            if (len == tcb.mss) return len;                                  // a full segment
            if (SeqNum.lt(tcb.sndNxt, tcb.sndMax)) return len;               // resending after a timeout
            // Nagle (RFC 896, RFC 1122 §4.2.3.4): a short segment only when nothing is unacknowledged.
            if (len == unsent && (tcb.nodelay || nothingInFlight)) return len;
            // Sender SWS avoidance: at least half the largest window the peer ever offered.
            if (tcb.maxSndWnd > 0 && len >= tcb.maxSndWnd / 2 && (tcb.nodelay || nothingInFlight)) return len;
            if (overrideSws) {
                overrideSws = false;
                return len;
            }
        }
        // Data waits behind the peer's window and nothing in flight will bring an ACK: probe (RFC 9293 §3.8.6.1).
        if (nothingInFlight && peerUsable < Math.min(unsent, tcb.mss)) c.setPersistTimer(persistInterval(c));
        return 0;
    }

    @Override
    public void onPersistTimeout(TcpConnection c) {
        TcpControlBlock tcb = c.tcb();
        if (c.unsent() == 0 || !tcb.state.isSynchronized()) return;
        if (tcb.sndWnd > 0) {
            // The window is open but too small for the SWS rules: the override timeout lets what fits go.
            overrideSws = true;
            c.output();
            overrideSws = false;
            if (c.unsent() > 0 && tcb.sndMax == tcb.sndUna) c.setPersistTimer(persistInterval(c));
            return;
        }
        tcb.counters.persistProbes++;
        c.sendWindowProbe();
        probes++;
        c.setPersistTimer(persistInterval(c));
    }

    /** RTO-based and doubling with each unanswered probe (RFC 1122 §4.2.2.17), capped at the maximum RTO. */
    private long persistInterval(TcpConnection c) {
        var s = c.kernel().sysctl();
        long min = s.get(TcpSysctl.RTO_MIN_MS, TcpSysctl.RTO_MIN_MS_DEFAULT) * 1_000_000L;
        long max = s.get(TcpSysctl.RTO_MAX_MS, TcpSysctl.RTO_MAX_MS_DEFAULT) * 1_000_000L;
        long base = Math.max(c.tcb().rto, min);
        return Math.min(max, base << Math.min(probes, 20));
    }
}
