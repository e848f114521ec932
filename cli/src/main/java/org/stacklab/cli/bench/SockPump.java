package org.stacklab.cli.bench;

import org.stacklab.kernel.socket.Errno;
import org.stacklab.kernel.socket.InetSockets;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.kernel.socket.SockAddr;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.sim.EventLoop;

/**
 * A bulk transfer through the kernel socket contract, driven straight from the event loop: the
 * sender writes whatever its send buffer takes, the receiver drains its receive buffer, and the
 * loop runs the stack in between. No user-process threads, so the figure is the stack's own cost.
 */
final class SockPump {
    /** Outcome of one transfer. */
    record Result(long bytes, long wallNs, long cpuNs, long virtualNs, long events) {
        double gbps() { return bytes * 8.0 / wallNs; }

        /** Throughput per CPU second of the simulating thread: stable when the machine is busy. */
        double cpuGbps() { return bytes * 8.0 / cpuNs; }
    }

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    private SockPump() {}

    static Result run(EventLoop loop, Kernel sender, Kernel receiver, int daddr, int port, long bytes, long boundNs) {
        Sock listener = InetSockets.of(receiver).lookup(Sock.SOCK_STREAM, Sock.IPPROTO_TCP).create();
        check(listener.setsockopt(Sock.SOL_SOCKET, Sock.SO_RCVBUF, 6 << 20), "SO_RCVBUF");
        check(listener.bind(new SockAddr(0, port)), "bind");
        check(listener.listen(4), "listen");
        Sock client = InetSockets.of(sender).lookup(Sock.SOCK_STREAM, Sock.IPPROTO_TCP).create();
        check(client.setsockopt(Sock.SOL_SOCKET, Sock.SO_SNDBUF, 4 << 20), "SO_SNDBUF");
        int rc = client.connect(new SockAddr(daddr, port));
        if (rc < 0 && rc != Errno.EINPROGRESS.neg()) throw new IllegalStateException("connect: " + Errno.describe(rc));
        Sock[] server = new Sock[1];
        if (!loop.runUntil(() -> (server[0] = server[0] != null ? server[0] : listener.accept()) != null, 5_000_000_000L)) {
            throw new IllegalStateException("no connection within 5 s of virtual time");
        }
        Sock srv = server[0];
        byte[] out = new byte[65536];
        for (int i = 0; i < out.length; i++) out[i] = (byte) (i * 31 + 7);
        byte[] in = new byte[262144];
        long[] sent = {0};
        long[] received = {0};
        long startWall = System.nanoTime();
        long startCpu = THREADS.getCurrentThreadCpuTime();
        long startVirtual = loop.now();
        long startEvents = loop.eventsRun();
        boolean done = loop.runUntil(() -> {
            while (sent[0] < bytes) {
                int n = client.sendmsg(out, 0, (int) Math.min(out.length, bytes - sent[0]), 0, null);
                if (n <= 0) break;
                sent[0] += n;
            }
            int n;
            while ((n = srv.recvmsg(in, 0, in.length, 0, null)) > 0) received[0] += n;
            return received[0] >= bytes;
        }, boundNs);
        long wall = System.nanoTime() - startWall;
        long cpu = THREADS.getCurrentThreadCpuTime() - startCpu;
        if (!done) throw new IllegalStateException("transfer stalled at " + received[0] + " of " + bytes + " bytes");
        client.close();
        srv.close();
        listener.close();
        return new Result(received[0], wall, cpu, loop.now() - startVirtual, loop.eventsRun() - startEvents);
    }

    private static void check(int rc, String what) {
        if (rc < 0) throw new IllegalStateException(what + ": " + Errno.describe(rc));
    }
}
