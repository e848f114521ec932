package org.stacklab.testkit.tcp;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.function.Function;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.sim.EventLoop;
import org.stacklab.kernel.socket.Errno;
import org.stacklab.kernel.socket.InetSockets;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.kernel.socket.SockAddr;
import org.stacklab.kernel.tcp.TcpState;
import org.stacklab.sim.Time;

/**
 * A full TCP conversation over a {@link TcpPipe}: B listens, A connects, each side sends its bytes
 * and shuts down writing, reads until end of stream, and closes. Checks that every byte arrived
 * exactly once and in order (SHA-256 of what was sent against what was read), that both connections
 * end CLOSED (through TIME-WAIT) within the time bound, that every corrupted segment was caught by
 * the checksum, and that no kernel oopsed.
 */
public final class BulkTransfer {
    public static final int PORT = 5001;

    /** What happened; {@link #assertOk()} turns it into a pass or a failure with the evidence. */
    public record Result(boolean finished, long virtualNs, long bytesAtoB, long bytesBtoA, boolean digestsMatch,
                         TcpState stateA, TcpState stateB, String error, Kernel a, Kernel b, long corruptedDelivered,
                         Function<String, AssertionError> failure) {
        public void assertOk() {
            if (error != null) throw failure.apply("transfer failed: " + error);
            if (!finished) {
                throw failure.apply("the conversation did not end within the bound: A is " + stateA + ", B is " + stateB
                        + " after " + Time.formatMs(virtualNs));
            }
            if (!digestsMatch) throw failure.apply("data differs: the SHA-256 of what was read is not that of what was sent");
            if (corruptedDelivered >= 0) {
                long caught = TcpPipe.counters(a).badChecksum + TcpPipe.counters(b).badChecksum;
                if (caught != corruptedDelivered) {
                    throw failure.apply(corruptedDelivered + " corrupted segments arrived but the checksum caught " + caught);
                }
            }
            if (!a.oopses().isEmpty() || !b.oopses().isEmpty()) {
                throw failure.apply("kernel oops: " + (a.oopses().isEmpty() ? b.oopses() : a.oopses()));
            }
        }
    }

    private static final class Side {
        final byte[] out;
        final MessageDigest in = sha256();
        Sock sock;
        int sent;
        long received;
        boolean shut, eof, closed;

        Side(byte[] out) { this.out = out; }
    }

    private BulkTransfer() {}

    /** Runs the conversation over a {@link TcpPipe} for at most {@code boundNs} of virtual time. */
    public static Result run(TcpPipe pipe, int bytesAtoB, int bytesBtoA, long boundNs) {
        Result r = run(pipe.loop(), pipe.a(), pipe.b(), TcpPipe.B, bytesAtoB, bytesBtoA, boundNs, pipe::failure);
        return new Result(r.finished(), r.virtualNs(), r.bytesAtoB(), r.bytesBtoA(), r.digestsMatch(), r.stateA(),
                r.stateB(), r.error(), r.a(), r.b(), pipe.corruptedDelivered(), r.failure());
    }

    /**
     * Runs the conversation between any two kernels on {@code loop} (a TCP client on {@code a}, the
     * server on {@code b} at {@code serverAddr}), whatever carries their packets.
     */
    public static Result run(EventLoop loop, Kernel a, Kernel b, int serverAddr, int bytesAtoB, int bytesBtoA, long boundNs,
                             Function<String, AssertionError> failure) {
        byte[] ab = new byte[bytesAtoB];
        byte[] ba = new byte[bytesBtoA];
        loop.random().fork("payload A").nextBytes(ab);
        loop.random().fork("payload B").nextBytes(ba);
        Side client = new Side(ab);
        Side server = new Side(ba);
        Sock listener = InetSockets.of(b).lookup(Sock.SOCK_STREAM, Sock.IPPROTO_TCP).create();
        String[] error = new String[1];
        if (listener.bind(new SockAddr(0, PORT)) < 0 || listener.listen(8) < 0) error[0] = "listen failed";
        client.sock = InetSockets.of(a).lookup(Sock.SOCK_STREAM, Sock.IPPROTO_TCP).create();
        int rc = client.sock.connect(new SockAddr(serverAddr, PORT));
        if (rc != Errno.EINPROGRESS.neg()) error[0] = "connect: " + Errno.describe(rc);
        byte[] buf = new byte[65536];
        Sock[] lst = {listener};
        long start = loop.now();
        boolean done = error[0] != null || loop.runUntil(() -> {
            if (error[0] != null) return true;
            if (server.sock == null && lst[0] != null) {
                server.sock = lst[0].accept();
                if (server.sock != null) {
                    lst[0].close();
                    lst[0] = null;
                }
            }
            for (Side s : new Side[] {client, server}) {
                if (s.sock == null || s.closed) continue;
                String e = step(s, buf);
                if (e != null) {
                    error[0] = (s == client ? "A: " : "B: ") + e;
                    return true;
                }
            }
            return client.closed && server.closed && TcpStates.of(client.sock) == TcpState.CLOSED
                    && TcpStates.of(server.sock) == TcpState.CLOSED;
        }, boundNs);
        boolean match = client.received == ba.length && server.received == ab.length
                && Arrays.equals(client.in.digest(), sha256().digest(ba)) && Arrays.equals(server.in.digest(), sha256().digest(ab));
        return new Result(done && error[0] == null, loop.now() - start, server.received, client.received, match,
                TcpStates.of(client.sock), server.sock == null ? TcpState.LISTEN : TcpStates.of(server.sock), error[0], a, b,
                -1, failure);
    }

    /** One turn of one application: write what fits, read what is there, close at the end. */
    private static String step(Side s, byte[] buf) {
        TcpState st = TcpStates.of(s.sock);
        if (st == TcpState.SYN_SENT || st == TcpState.SYN_RECEIVED) return null;
        while (s.sent < s.out.length) {
            int n = s.sock.sendmsg(s.out, s.sent, Math.min(65536, s.out.length - s.sent), 0, null);
            if (n == Errno.EAGAIN.neg()) break;
            if (n < 0) return "send: " + Errno.describe(n);
            s.sent += n;
        }
        if (s.sent == s.out.length && !s.shut) {
            int rc = s.sock.shutdown(Sock.SHUT_WR);
            if (rc < 0) return "shutdown: " + Errno.describe(rc);
            s.shut = true;
        }
        while (!s.eof) {
            int n = s.sock.recvmsg(buf, 0, buf.length, 0, null);
            if (n == Errno.EAGAIN.neg()) break;
            if (n < 0) return "recv: " + Errno.describe(n);
            if (n == 0) s.eof = true;
            s.in.update(buf, 0, n);
            s.received += n;
        }
        if (s.eof && s.shut && !s.closed) {
            s.sock.close();
            s.closed = true;
        }
        return null;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
