package org.stacklab.kernel.tcp;

/**
 * Component {@code tcp.flow}: never send more than the receiver can hold. The window we advertise
 * from our free buffer (with receiver-side silly-window avoidance, RFC 1122 §4.2.3.3), how much to
 * send now within the peer's window (sender-side SWS avoidance §4.2.3.4 and Nagle's algorithm,
 * RFC 896), and probing a zero window with the persist timer (RFC 9293 §3.8.6.1).
 */
public interface FlowControl {
    /** The window to offer in the next segment, in bytes (the module scales it and never shrinks the right edge). */
    int receiveWindow(TcpConnection c);

    /**
     * How many of the {@code unsent} bytes to send now in one segment starting at SND.NXT (0 = wait).
     * Bounded by the usable window {@code min(SND.WND, cwnd) - in flight} and the MSS. When the peer's
     * window keeps data waiting with nothing in flight, arms the persist timer.
     */
    int sendNow(TcpConnection c, int unsent);

    /** The persist timer fired: send a window probe and re-arm it with exponential backoff. */
    void onPersistTimeout(TcpConnection c);
}
