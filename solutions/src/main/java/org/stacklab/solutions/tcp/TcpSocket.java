package org.stacklab.solutions.tcp;

import org.stacklab.kernel.core.Components;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.socket.Errno;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.kernel.socket.SockAddr;
import org.stacklab.kernel.socket.SockInfo;
import org.stacklab.kernel.socket.TcpInfo;
import org.stacklab.kernel.tcp.CongestionControl;
import org.stacklab.kernel.tcp.ConnectionManagement;
import org.stacklab.kernel.tcp.FlowControl;
import org.stacklab.kernel.tcp.ReliableDelivery;
import org.stacklab.kernel.tcp.SeqNum;
import org.stacklab.kernel.tcp.TcpConnection;
import org.stacklab.kernel.tcp.TcpControlBlock;
import org.stacklab.kernel.tcp.TcpFlags;
import org.stacklab.kernel.tcp.TcpHeader;
import org.stacklab.kernel.tcp.TcpSegment;
import org.stacklab.kernel.tcp.TcpState;
import org.stacklab.kernel.tcp.TcpSysctl;

/**
 * A TCP socket ({@code struct tcp_sock} with its {@code proto_ops}): the user's side (bind, listen,
 * connect, accept, send, recv, close — none of which blocks) and the services the four components
 * use ({@link TcpConnection}). The protocol decisions themselves are made by the components.
 */
final class TcpSocket implements Sock, TcpConnection {
    final TcpStack stack;
    final Kernel kernel;
    final TcpControlBlock tcb = new TcpControlBlock();
    private final ConnectionManagement cm;
    private final ReliableDelivery rel;
    private final FlowControl flow;
    private final CongestionControl cc;
    private final long inode;

    // socket options and user state
    boolean reuseAddr;
    private boolean keepalive;
    private int sndBufOpt, rcvBufOpt;
    private final ByteRing rcvBuf;
    private boolean bound;
    /** No process holds this socket (closed by the user, or a child not yet accepted). */
    private boolean orphan;
    private boolean shutRd;
    /** close() was called: nobody will read what arrives from now on. */
    private boolean userClosed;
    private boolean everEstablished;
    /** sk_err: an error the next call reports (a reset, a refused or timed-out connect). */
    private int softError;
    /**
     * sk_err_soft: an ICMP error an established connection kept trying through (RFC 1122 §4.2.3.9).
     * SO_ERROR reports it, and it replaces ETIMEDOUT if the connection gives up.
     */
    private int icmpSoftError;
    private boolean released;
    private boolean passive;

    // listener / child
    private ListenQueue listenQueue;
    private TcpSocket parent;

    // hash chains
    TcpSocket hashNext, bindNext;
    boolean hashed;

    final KernelTimer rtxTimer;
    private final KernelTimer persistTimer, waitTimer, keepaliveTimer;
    private int keepaliveProbesOut;
    private final TcpSender sender;

    TcpSocket(TcpStack stack, TcpSocket listener) {
        this.stack = stack;
        this.kernel = stack.kernel;
        var set = kernel.moduleSet();
        this.cm = Components.create("tcp.connection", ConnectionManagement.class, set);
        this.rel = Components.create("tcp.reliability", ReliableDelivery.class, set);
        this.flow = Components.create("tcp.flow", FlowControl.class, set);
        this.cc = Components.create("tcp.congestion", CongestionControl.class, set);
        this.inode = stack.newInode();
        if (listener != null) {
            sndBufOpt = listener.sndBufOpt;
            rcvBufOpt = listener.rcvBufOpt;
            tcb.nodelay = listener.tcb.nodelay;
            keepalive = listener.keepalive;
            reuseAddr = listener.reuseAddr;
            parent = listener;
            passive = true;
            orphan = true;
        } else {
            sndBufOpt = (int) stack.sysctl(TcpSysctl.WMEM_DEFAULT, TcpSysctl.WMEM_DEFAULT_DEFAULT);
            rcvBufOpt = (int) stack.sysctl(TcpSysctl.RMEM_DEFAULT, TcpSysctl.RMEM_DEFAULT_DEFAULT);
        }
        sender = new TcpSender(this, sndBufOpt);
        rcvBuf = new ByteRing(rcvSpace(rcvBufOpt));
        tcb.rto = stack.sysctl(TcpSysctl.RTO_INITIAL_MS, TcpSysctl.RTO_INITIAL_MS_DEFAULT) * 1_000_000L;
        rtxTimer = new KernelTimer(kernel, "tcp retransmit", () -> guarded(() -> rel.onRetransmitTimeout(this)));
        persistTimer = new KernelTimer(kernel, "tcp persist", () -> guarded(() -> flow.onPersistTimeout(this)));
        waitTimer = new KernelTimer(kernel, "tcp time-wait", () -> guarded(this::waitTimeout));
        keepaliveTimer = new KernelTimer(kernel, "tcp keepalive", () -> guarded(this::keepaliveTimeout));
        stack.sockets.add(this);
    }

    /** Linux gives half of SO_RCVBUF to data and keeps half for overhead (tcp_adv_win_scale = 1). */
    private static int rcvSpace(int rcvbuf) { return Math.max(rcvbuf / 2, 2048); }

    void guarded(Runnable r) { kernel.guarded("tcp " + tcb.fourTuple(), r); }

    // =====================================================================================
    // Input (called by TcpInput)

    void segmentArrives(TcpSegment seg) {
        if (acceptQueueOverflow(seg)) return;
        updateTsRecent(seg);
        if (keepalive) armKeepalive();
        if (userClosed && seg.dataLen > 0 && !seg.rst() && SeqNum.gt(seg.dataSeq + seg.dataLen, tcb.rcvNxt)
                && tcb.state.isSynchronized() && tcb.state != TcpState.TIME_WAIT) {
            // New data for a socket nobody can read any more (closed, not just shut down for writing):
            // tell the peer it is lost, as Linux does (RFC 2525 §2.17).
            sendReset(tcb.sndMax, tcb.rcvNxt, TcpFlags.RST | TcpFlags.ACK);
            abort(null);
            return;
        }
        cm.segmentArrives(this, seg);
        if (!released && TcpInput.canOutput(tcb.state)) output();
    }

    /**
     * The segment would complete a passive open (an acceptable ACK in SYN-RECEIVED, RFC 9293
     * §3.10.7.4 fifth step) but the listener's accept queue is full. As Linux's tcp_check_req does
     * (tcp_abort_on_overflow = 0), the segment is dropped and counted (ListenOverflows, ListenDrops)
     * and the child stays in SYN-RECEIVED: its SYN-ACK retransmission draws another ACK, and the
     * client's ACK or data completes the handshake once accept() has made room. Making the child
     * ESTABLISHED here would put it in no queue, where no program could ever accept it.
     */
    private boolean acceptQueueOverflow(TcpSegment seg) {
        if (tcb.state != TcpState.SYN_RECEIVED || parent == null || parent.listenQueue == null) return false;
        if (!seg.hasAck() || seg.syn() || seg.rst()) return false;
        if (!SeqNum.gt(seg.ack(), tcb.sndUna) || !SeqNum.leq(seg.ack(), tcb.sndMax)) return false;
        if (!parent.listenQueue.acceptQueueFull()) return false;
        parent.tcb.counters.listenOverflows++;
        parent.tcb.counters.listenDrops++;
        kernel.drop(TcpInput.DROP_LISTEN_OVERFLOW);
        if (stack.sysctl(TcpSysctl.ABORT_ON_OVERFLOW, TcpSysctl.ABORT_ON_OVERFLOW_DEFAULT) != 0) {
            // RFC 9293 §3.10.7.1 form for a segment with an ACK: <SEQ=SEG.ACK><CTL=RST>.
            sendReset(seg.ack(), 0, TcpFlags.RST);
            abort(null);
        }
        return true;
    }

    /** A segment for this listener: a fresh child in LISTEN decides (a SYN makes it SYN-RECEIVED). */
    void listenerSegment(TcpSegment seg) {
        if (seg.syn() && !seg.hasAck() && !seg.rst() && !listenQueue.admitsSyn()) {
            // tcp_conn_request: a full accept queue counts as an overflow as well as a drop.
            if (listenQueue.acceptQueueFull()) tcb.counters.listenOverflows++;
            tcb.counters.listenDrops++;
            kernel.drop(TcpInput.DROP_LISTEN_OVERFLOW);
            return;
        }
        TcpSocket child = new TcpSocket(stack, this);
        child.tcb.localAddr = seg.daddr;
        child.tcb.localPort = seg.header.dstPort();
        child.tcb.remoteAddr = seg.saddr;
        child.tcb.remotePort = seg.header.srcPort();
        child.tcb.state = TcpState.LISTEN;
        child.initRoute();
        child.cm.segmentArrives(child, seg);
        if (child.tcb.state == TcpState.SYN_RECEIVED) {
            stack.ehash.insert(child);
            stack.ports.add(child, child.tcb.localPort);
            child.bound = true;
            listenQueue.addSynReceived(child);
        } else {
            child.tcb.state = TcpState.CLOSED;
            child.release();
        }
    }

    private void initRoute() {
        tcb.tsOffset = stack.isn.tsOffset(tcb.localAddr, tcb.remoteAddr);
        int mtu = stack.ip.mtuFor(tcb.remoteAddr);
        if (mtu <= 0) mtu = 576;
        // RFC 6691 / RFC 9293 §3.7.1: MSS = MTU - fixed IPv4 and TCP headers.
        tcb.advMss = Math.min(mtu, 65535) - 40;
        tcb.mss = Math.min(536, tcb.advMss);
        sender.offerWscale = stack.sysctl(TcpSysctl.WINDOW_SCALING, TcpSysctl.WINDOW_SCALING_DEFAULT) != 0;
        sender.offerTimestamps = stack.sysctl(TcpSysctl.TIMESTAMPS, TcpSysctl.TIMESTAMPS_DEFAULT) != 0;
        // As Linux's tcp_select_initial_window: a shift big enough for the largest buffer the socket may get.
        tcb.rcvWscale = sender.offerWscale ? wscaleFor((int) Math.max(rcvBuf.capacity(),
                Math.min(Integer.MAX_VALUE, stack.sysctl(TcpSysctl.RMEM_MAX, TcpSysctl.RMEM_MAX_DEFAULT)))) : 0;
    }

    /** The smallest shift that lets a 16-bit field describe {@code space} bytes (RFC 7323 §2.3). */
    private static int wscaleFor(int space) {
        int s = 0;
        while (s < TcpHeader.MAX_WSCALE && (65535L << s) < space) s++;
        return s;
    }

    // =====================================================================================
    // TcpConnection: what the components may use

    @Override public TcpControlBlock tcb() { return tcb; }
    @Override public Kernel kernel() { return kernel; }
    @Override public long now() { return kernel.now(); }
    @Override public ReliableDelivery reliability() { return rel; }
    @Override public FlowControl flow() { return flow; }
    @Override public CongestionControl congestion() { return cc; }
    @Override public boolean isPassive() { return passive; }

    @Override
    public void setState(TcpState next) {
        TcpState prev = tcb.state;
        if (prev == next) return;
        tcb.state = next;
        // tcp_set_state: RFC 1213's tcpEstabResets counts every direct move from ESTABLISHED or
        // CLOSE-WAIT to CLOSED (a reset received or sent, a timeout, an abort on close).
        if (next == TcpState.CLOSED && (prev == TcpState.ESTABLISHED || prev == TcpState.CLOSE_WAIT)) {
            tcb.counters.estabResets++;
        }
        kernel.log().info("TCP: " + tcb.fourTuple() + " " + prev.rfcName() + " -> " + next.rfcName());
        if (next == TcpState.FIN_WAIT_2 && orphan) {
            // Linux tcp_fin_timeout: an orphan must not wait forever for a peer that never closes.
            waitTimer.set(stack.sysctl(TcpSysctl.FIN_TIMEOUT_MS, TcpSysctl.FIN_TIMEOUT_MS_DEFAULT) * 1_000_000L);
        }
        if (next == TcpState.TIME_WAIT) {
            rtxTimer.clear();
            persistTimer.clear();
        }
    }

    @Override
    public void negotiateOptions(TcpSegment syn) {
        TcpHeader h = syn.header;
        // The window our own SYN offered now has a left edge: the peer's ISN + 1.
        if (tcb.state == TcpState.SYN_SENT) tcb.rcvAdv = tcb.rcvNxt + tcb.rcvWnd;
        int peerMss = h.mss() >= 0 ? h.mss() : 536; // RFC 9293 §3.7.1: 536 when the option is absent
        tcb.mss = Math.max(64, Math.min(peerMss, tcb.advMss));
        if (sender.offerWscale && h.wscale() >= 0) {
            tcb.sndWscale = h.wscale();
        } else {
            // RFC 7323 §2.2: scaling is used in both directions only if both SYNs carry the option.
            sender.offerWscale = false;
            tcb.sndWscale = 0;
            tcb.rcvWscale = 0;
        }
        tcb.tsOk = sender.offerTimestamps && h.tsVal() >= 0;
        sender.offerTimestamps = tcb.tsOk;
        if (tcb.tsOk) {
            tcb.tsRecent = h.tsVal();
            tcb.mss = Math.max(64, tcb.mss - 12); // RFC 6691: the MSS does not include options, so data shrinks
        }
    }

    /**
     * RFC 7323 §4.3: remember the peer's TSval from a segment that is not older than what we have
     * acknowledged, so our echo lets the peer time any segment, retransmitted or not.
     */
    private void updateTsRecent(TcpSegment seg) {
        long v = seg.header.tsVal();
        if (!tcb.tsOk || v < 0) return;
        if (SeqNum.leq(seg.seq(), tcb.rcvNxt) && (int) (v - tcb.tsRecent) >= 0) tcb.tsRecent = v;
    }

    @Override public void sendSyn() { sender.sendSyn(); }
    @Override public void sendAck() { sender.sendAck(); }
    @Override public void ackSoon() { sender.ackSoon(); }
    @Override
    public int initialSequenceNumber() {
        return stack.isn.isn(kernel.now(), tcb.localAddr, tcb.localPort, tcb.remoteAddr, tcb.remotePort);
    }

    @Override public void sendReset(int seq, int ack, int flags) { sender.sendReset(seq, ack, flags); }
    @Override public void output() { sender.output(); }
    @Override public void retransmitHead() { sender.retransmitHead(); }
    @Override public void sendWindowProbe() { sender.sendWindowProbe(); }
    @Override public int unsent() { return sender.unsent(); }
    @Override public void releaseAcked(int n) { sender.releaseAcked(n); }

    @Override
    public boolean sendChallengeAck() {
        if (!stack.challengeAckAllowed()) return false;
        tcb.counters.challengeAcks++;
        sender.sendAck();
        return true;
    }

    @Override
    public int deliver(byte[] buf, int off, int len) {
        int n = rcvBuf.write(buf, off, len);
        tcb.counters.bytesReceived += n;
        return n;
    }

    @Override public int receiveSpace() { return rcvBuf.free(); }

    @Override public int receiveBufferSize() { return rcvBuf.capacity(); }

    @Override public void setRetransmitTimer(long delayNs) { rtxTimer.set(delayNs); }
    @Override public void clearRetransmitTimer() { rtxTimer.clear(); }
    @Override public boolean retransmitTimerPending() { return rtxTimer.pending(); }

    @Override
    public void setPersistTimer(long delayNs) {
        if (!persistTimer.pending()) persistTimer.set(delayNs);
    }

    @Override public void clearPersistTimer() { persistTimer.clear(); }
    @Override public boolean persistTimerPending() { return persistTimer.pending(); }

    @Override
    public void startTimeWait() {
        long msl = stack.sysctl(TcpSysctl.MSL_MS, TcpSysctl.MSL_MS_DEFAULT);
        waitTimer.set(2 * msl * 1_000_000L);
    }

    /** RFC 1122 §4.2.3.6: after a long silence, probe whether the peer is still there. */
    private void armKeepalive() {
        keepaliveProbesOut = 0;
        keepaliveTimer.set(stack.sysctl(TcpSysctl.KEEPALIVE_TIME_MS, TcpSysctl.KEEPALIVE_TIME_MS_DEFAULT) * 1_000_000L);
    }

    private void keepaliveTimeout() {
        if (!keepalive || !(tcb.state == TcpState.ESTABLISHED || tcb.state == TcpState.CLOSE_WAIT)) return;
        long intvl = stack.sysctl(TcpSysctl.KEEPALIVE_INTVL_MS, TcpSysctl.KEEPALIVE_INTVL_MS_DEFAULT) * 1_000_000L;
        if (tcb.sndMax != tcb.sndUna || unsent() > 0) {
            keepaliveTimer.set(intvl); // data is moving (or its timers run): not idle
            return;
        }
        if (keepaliveProbesOut >= stack.sysctl(TcpSysctl.KEEPALIVE_PROBES, TcpSysctl.KEEPALIVE_PROBES_DEFAULT)) {
            abort(Errno.ETIMEDOUT);
            return;
        }
        keepaliveProbesOut++;
        sender.sendWindowProbe(); // SEQ = SND.UNA - 1, no data: the peer must answer with an ACK
        keepaliveTimer.set(intvl);
    }

    private void waitTimeout() {
        if (tcb.state == TcpState.TIME_WAIT || tcb.state == TcpState.FIN_WAIT_2) closed();
    }


    @Override
    public void established() {
        everEstablished = true;
        // RFC 6298 §5.7: a SYN timed out and no RTT sample came since: start data transfer with RTO = 3 s.
        if (tcb.counters.rtoExpiries > 0 && tcb.srtt < 0) tcb.rto = 3_000_000_000L;
        if (keepalive) armKeepalive();
        cc.init(tcb, (int) Math.min(Integer.MAX_VALUE / 2,
                stack.sysctl(TcpSysctl.INIT_CWND, TcpSysctl.INIT_CWND_DEFAULT) * tcb.mss));
        if (parent != null && !parent.listenQueue.promote(this)) {
            // Unreachable while acceptQueueOverflow() holds the completing ACK back; should a component
            // establish a child some other way, reset it rather than leave it in no queue (orphaned).
            parent.tcb.counters.listenOverflows++;
            parent.tcb.counters.listenDrops++;
            sendReset(tcb.sndNxt, tcb.rcvNxt, TcpFlags.RST | TcpFlags.ACK);
            abort(null);
        }
    }

    /**
     * An ICMP error about this connection (from {@link TcpErr}). In SYN-SENT it ends the connect at
     * once; a passive SYN-RECEIVED connection is dropped on a hard error; otherwise it is kept.
     */
    void icmpError(Errno err, boolean fatal) {
        if (tcb.state == TcpState.SYN_SENT) {
            abort(err);
        } else if (tcb.state == TcpState.SYN_RECEIVED && passive && !everEstablished) {
            if (fatal && SeqNum.leq(tcb.sndUna, tcb.iss)) {
                tcb.counters.listenDrops++;
                kernel.log().info("TCP: " + tcb.fourTuple() + " dropped: ICMP " + err.name());
                closed();
            }
        } else {
            icmpSoftError = err.code;
        }
    }

    @Override
    public void abort(Errno error) {
        // tcp_write_err: a connection that gives up reports the ICMP error it kept, not ETIMEDOUT.
        if (error == Errno.ETIMEDOUT && icmpSoftError != 0) error = Errno.of(icmpSoftError);
        icmpSoftError = 0;
        if (!everEstablished) tcb.counters.attemptFails++;
        if (error != null) {
            softError = error.code;
            kernel.log().info("TCP: " + tcb.fourTuple() + " aborted: " + error.name());
        }
        closed();
    }

    @Override
    public void closed() {
        setState(TcpState.CLOSED);
        rtxTimer.clear();
        persistTimer.clear();
        sender.delackTimer.clear();
        waitTimer.clear();
        keepaliveTimer.clear();
        stack.ehash.remove(this);
        if (parent != null) {
            parent.listenQueue.remove(this);
            parent = null;
        }
        if (orphan) release();
    }

    /** Frees the port and forgets the socket (no process holds it and it is CLOSED). */
    private void release() {
        if (released) return;
        released = true;
        stack.ehash.remove(this);
        if (bound) {
            stack.ports.remove(this, tcb.localPort);
            bound = false;
        }
        stack.sockets.remove(this);
        stack.hostCounters.add(tcb.counters);
    }

    /** Module unload: every connection is aborted. */
    void destroy() {
        if (listenQueue != null) for (TcpSocket c : listenQueue.all()) c.destroy();
        keepaliveTimer.clear();
        rtxTimer.clear();
        persistTimer.clear();
        sender.delackTimer.clear();
        waitTimer.clear();
        tcb.state = TcpState.CLOSED;
        orphan = true;
        release();
    }

    // =====================================================================================
    // Sock: the user's side

    @Override public int type() { return SOCK_STREAM; }

    @Override public int protocol() { return IPPROTO_TCP; }

    @Override
    public int bind(SockAddr addr) {
        if (bound || tcb.state != TcpState.CLOSED) return Errno.EINVAL.neg();
        if (addr.addr() != 0 && !stack.ip.isLocalAddress(addr.addr())) return Errno.EADDRNOTAVAIL.neg();
        int port = addr.port();
        if (port == 0) {
            port = stack.ephemeralPort();
            if (port == 0) return Errno.EADDRINUSE.neg();
        } else if (stack.ports.conflicts(addr.addr(), port, reuseAddr, this)) {
            return Errno.EADDRINUSE.neg();
        }
        tcb.localAddr = addr.addr();
        tcb.localPort = port;
        stack.ports.add(this, port);
        bound = true;
        return 0;
    }

    @Override
    public int listen(int backlog) {
        if (tcb.state == TcpState.LISTEN) return 0;
        if (tcb.state != TcpState.CLOSED || everEstablished) return Errno.EINVAL.neg();
        if (!bound) {
            int rc = bind(SockAddr.ANY);
            if (rc < 0) return rc;
        }
        int b = (int) Math.min(Math.max(backlog, 0), stack.sysctl(TcpSysctl.SOMAXCONN, TcpSysctl.SOMAXCONN_DEFAULT));
        listenQueue = new ListenQueue(b, (int) stack.sysctl(TcpSysctl.MAX_SYN_BACKLOG, TcpSysctl.MAX_SYN_BACKLOG_DEFAULT));
        setState(TcpState.LISTEN);
        return 0;
    }

    @Override
    public int connect(SockAddr addr) {
        switch (tcb.state) {
            case SYN_SENT: case SYN_RECEIVED: return Errno.EALREADY.neg();
            case LISTEN: return Errno.EINVAL.neg();
            case CLOSED: break;
            default: return Errno.EISCONN.neg();
        }
        if (softError != 0) return -takeError();
        if (everEstablished) return Errno.EISCONN.neg();
        if (addr.port() == 0 || addr.addr() == 0) return Errno.ECONNREFUSED.neg();
        int saddr = tcb.localAddr != 0 ? tcb.localAddr : stack.ip.sourceAddressFor(addr.addr());
        if (saddr == 0) return Errno.ENETUNREACH.neg();
        if (!bound) {
            int port = stack.ephemeralPort();
            if (port == 0) return Errno.EADDRNOTAVAIL.neg();
            tcb.localPort = port;
            stack.ports.add(this, port);
            bound = true;
        }
        if (stack.ehash.lookup(saddr, tcb.localPort, addr.addr(), addr.port()) != null) {
            return Errno.EADDRNOTAVAIL.neg();
        }
        tcb.localAddr = saddr;
        tcb.remoteAddr = addr.addr();
        tcb.remotePort = addr.port();
        initRoute();
        stack.ehash.insert(this);
        cm.open(this);
        tcb.counters.activeOpens++;
        return Errno.EINPROGRESS.neg();
    }

    @Override
    public Sock accept() {
        if (tcb.state != TcpState.LISTEN || listenQueue == null) return null;
        TcpSocket child = listenQueue.poll();
        if (child == null) return null;
        child.parent = null;
        child.orphan = false;
        return child;
    }

    @Override
    public int sendmsg(byte[] buf, int off, int len, int flags, SockAddr to) {
        if (softError != 0) return -takeError();
        switch (tcb.state) {
            case ESTABLISHED: case CLOSE_WAIT: break;
            case SYN_SENT: case SYN_RECEIVED: return Errno.EAGAIN.neg(); // the syscall layer waits for the handshake
            case CLOSED: case LISTEN: return everEstablished ? Errno.EPIPE.neg() : Errno.ENOTCONN.neg();
            default: return Errno.EPIPE.neg(); // FIN queued: we have shut down writing
        }
        if (tcb.finQueued) return Errno.EPIPE.neg();
        if (len == 0) return 0;
        int n = sender.sndBuf.write(buf, off, len);
        if (n == 0) return Errno.EAGAIN.neg();
        output();
        return n;
    }

    @Override
    public int recvmsg(byte[] buf, int off, int len, int flags, SockAddr[] from) {
        if (from != null && from.length > 0) from[0] = peerAddress();
        if (!rcvBuf.isEmpty() && !shutRd) {
            int n;
            if ((flags & MSG_PEEK) != 0) {
                n = Math.min(len, rcvBuf.size());
                rcvBuf.peek(0, buf, off, n);
            } else {
                n = rcvBuf.read(buf, off, len);
                windowUpdateAfterRead();
            }
            return n;
        }
        if (softError != 0) return -takeError();
        if (shutRd || tcb.finReceived) return 0;
        if (tcb.state == TcpState.LISTEN || (tcb.state == TcpState.CLOSED && !everEstablished)) return Errno.ENOTCONN.neg();
        if (tcb.state == TcpState.CLOSED) return 0;
        return Errno.EAGAIN.neg();
    }

    /** The user made room: tell the peer if the window grew a lot (Linux's tcp_cleanup_rbuf, RFC 1122 §4.2.3.3). */
    private void windowUpdateAfterRead() {
        if (!tcb.state.isSynchronized() || tcb.state == TcpState.TIME_WAIT || tcb.finReceived) return;
        int advertised = Math.max(0, SeqNum.diff(tcb.rcvAdv, tcb.rcvNxt));
        int wnd = flow.receiveWindow(this);
        if (wnd - advertised >= Math.min(rcvBuf.capacity() / 2, tcb.advMss) && wnd >= 2 * advertised) sendAck();
    }

    @Override
    public int shutdown(int how) {
        if (how < SHUT_RD || how > SHUT_RDWR) return Errno.EINVAL.neg();
        if (!tcb.state.isSynchronized() && tcb.state != TcpState.SYN_SENT) return Errno.ENOTCONN.neg();
        if (how != SHUT_WR) shutRd = true;
        if (how != SHUT_RD && (tcb.state == TcpState.ESTABLISHED || tcb.state == TcpState.CLOSE_WAIT
                || tcb.state == TcpState.SYN_RECEIVED)) {
            cm.close(this);
        }
        return 0;
    }

    @Override
    public void close() {
        if (orphan) return;
        orphan = true;
        userClosed = true;
        if (tcb.state == TcpState.LISTEN) {
            // Connections nobody accepted are reset, as Linux's inet_csk_listen_stop does.
            for (TcpSocket c : listenQueue.all()) cm.abort(c);
            listenQueue = null;
            closed();
            return;
        }
        if (tcb.state == TcpState.CLOSED) {
            release();
            return;
        }
        if (!rcvBuf.isEmpty()) {
            // RFC 2525 §2.17 / Linux: closing with unread data aborts with RST, telling the peer data was lost.
            cm.abort(this);
            return;
        }
        cm.close(this);
        if (tcb.state == TcpState.FIN_WAIT_2) {
            waitTimer.set(stack.sysctl(TcpSysctl.FIN_TIMEOUT_MS, TcpSysctl.FIN_TIMEOUT_MS_DEFAULT) * 1_000_000L);
        }
        if (tcb.state == TcpState.CLOSED) release();
    }

    @Override
    public int setsockopt(int level, int name, int value) {
        if (level == SOL_SOCKET) {
            switch (name) {
                case SO_REUSEADDR: reuseAddr = value != 0; return 0;
                case SO_KEEPALIVE:
                    keepalive = value != 0;
                    if (keepalive && tcb.state.isSynchronized()) armKeepalive();
                    if (!keepalive) keepaliveTimer.clear();
                    return 0;
                case SO_SNDBUF: {
                    // Linux doubles the value (bookkeeping overhead) and caps it at wmem_max.
                    long max = stack.sysctl(TcpSysctl.WMEM_MAX, TcpSysctl.WMEM_MAX_DEFAULT);
                    sndBufOpt = (int) Math.max(4608, Math.min(2L * Math.max(value, 0), 2 * max));
                    sender.sndBuf.resize(sndBufOpt);
                    return 0;
                }
                case SO_RCVBUF: {
                    long max = stack.sysctl(TcpSysctl.RMEM_MAX, TcpSysctl.RMEM_MAX_DEFAULT);
                    rcvBufOpt = (int) Math.max(2304, Math.min(2L * Math.max(value, 0), 2 * max));
                    rcvBuf.resize(Math.max(rcvSpace(rcvBufOpt), rcvBuf.size()));
                    return 0;
                }
                default: return Errno.ENOPROTOOPT.neg();
            }
        }
        if (level == IPPROTO_TCP) {
            switch (name) {
                case TCP_NODELAY:
                    tcb.nodelay = value != 0;
                    if (tcb.nodelay) output();
                    return 0;
                case TCP_MAXSEG:
                    if (value < 88 || value > 65495) return Errno.EINVAL.neg();
                    tcb.advMss = Math.min(tcb.advMss, value);
                    return 0;
                default: return Errno.ENOPROTOOPT.neg();
            }
        }
        return Errno.ENOPROTOOPT.neg();
    }

    @Override
    public int getsockopt(int level, int name) {
        if (level == SOL_SOCKET) {
            switch (name) {
                case SO_TYPE: return SOCK_STREAM;
                case SO_ERROR: {
                    // sock_getsockopt: the pending error, else the soft one (each cleared by reading).
                    int e = takeError();
                    if (e == 0) {
                        e = icmpSoftError;
                        icmpSoftError = 0;
                    }
                    return e;
                }
                case SO_REUSEADDR: return reuseAddr ? 1 : 0;
                case SO_KEEPALIVE: return keepalive ? 1 : 0;
                case SO_SNDBUF: return sndBufOpt;
                case SO_RCVBUF: return rcvBufOpt;
                default: return Errno.ENOPROTOOPT.neg();
            }
        }
        if (level == IPPROTO_TCP) {
            switch (name) {
                case TCP_NODELAY: return tcb.nodelay ? 1 : 0;
                case TCP_MAXSEG: return tcb.mss;
                default: return Errno.ENOPROTOOPT.neg();
            }
        }
        return Errno.ENOPROTOOPT.neg();
    }

    @Override
    public SockAddr localAddress() { return new SockAddr(tcb.localAddr, tcb.localPort); }

    @Override
    public SockAddr peerAddress() {
        return tcb.state.isSynchronized() || tcb.state == TcpState.SYN_SENT || everEstablished
                ? new SockAddr(tcb.remoteAddr, tcb.remotePort) : null;
    }

    @Override
    public int poll() {
        int mask = 0;
        TcpState st = tcb.state;
        if (st == TcpState.LISTEN) {
            return listenQueue.acceptQueueLength() > 0 ? POLLIN : 0;
        }
        if (softError != 0) mask |= POLLERR;
        if (!rcvBuf.isEmpty() || tcb.finReceived || shutRd) mask |= POLLIN;
        if (tcb.finReceived) mask |= POLLRDHUP;
        if (st == TcpState.CLOSED && (everEstablished || softError != 0)) mask |= POLLHUP | POLLIN;
        if (tcb.finReceived && tcb.finQueued) mask |= POLLHUP;
        if ((st == TcpState.ESTABLISHED || st == TcpState.CLOSE_WAIT) && !tcb.finQueued
                && sender.sndBuf.free() > 0 && sender.sndBuf.free() >= sender.sndBuf.size() / 2) { // sk_stream_is_writeable
            mask |= POLLOUT;
        }
        if (st == TcpState.CLOSED && everEstablished) mask |= POLLOUT; // a write would fail with EPIPE now
        return mask;
    }

    @Override
    public int takeError() {
        int e = softError;
        softError = 0;
        return e;
    }

    @Override
    public SockInfo info() {
        int recvQ, sendQ;
        if (tcb.state == TcpState.LISTEN) {
            recvQ = listenQueue.acceptQueueLength();
            sendQ = listenQueue.backlog();
        } else {
            recvQ = rcvBuf.size();
            sendQ = sender.sndBuf.size();
        }
        return new SockInfo("tcp", tcb.state.linuxName(), recvQ, sendQ, localAddress(),
                peerAddress() == null ? SockAddr.ANY : peerAddress(), inode, 0, null);
    }

    /**
     * tcp_get_info: the TCB in Linux's units (µs, segments). A listener reports only its congestion
     * control, initial cwnd and accept queue, as Linux returns early for TCP_LISTEN.
     */
    @Override
    public TcpInfo tcpInfo() {
        int initCwnd = (int) stack.sysctl(TcpSysctl.INIT_CWND, TcpSysctl.INIT_CWND_DEFAULT);
        if (tcb.state == TcpState.LISTEN) {
            return new TcpInfo(cc.name(), false, false, 0, 0, 0, 0, 0, 0, 0, 0, initCwnd,
                    TcpInfo.INFINITE_SSTHRESH, listenQueue.acceptQueueLength(), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        }
        int mss = Math.max(1, tcb.mss);
        int cwnd = tcb.cwnd > 0 ? Math.max(1, tcb.cwnd / mss) : initCwnd; // before cc.init: TCP_INIT_CWND
        int ssthresh = tcb.ssthresh >= Integer.MAX_VALUE / 2 ? TcpInfo.INFINITE_SSTHRESH : tcb.ssthresh / mss;
        int unacked = (tcb.flightSize() + mss - 1) / mss;
        // After a timeout or in fast recovery, the head segment has been sent again and is not yet acknowledged.
        int retrans = unacked > 0 && (tcb.backoff > 0 || tcb.inRecovery) ? 1 : 0;
        var c = tcb.counters;
        return new TcpInfo(cc.name(), tcb.tsOk, tcb.state.isSynchronized() && sender.offerWscale,
                tcb.sndWscale, tcb.rcvWscale, tcb.rto / 1000, tcb.backoff,
                tcb.srtt < 0 ? 0 : tcb.srtt / 1000, tcb.srtt < 0 ? 0 : tcb.rttvar / 1000,
                tcb.mss, tcb.advMss, cwnd, ssthresh, unacked, retrans, c.retransSegs, c.bytesSent, c.bytesAcked,
                c.bytesReceived, c.outSegs, c.inSegs, unsent(), tcb.sndWnd, rcvBuf.capacity());
    }

    @Override
    public String toString() {
        return "tcp " + Ip4.format(tcb.localAddr) + ":" + tcb.localPort + " " + tcb.state.linuxName();
    }
}
