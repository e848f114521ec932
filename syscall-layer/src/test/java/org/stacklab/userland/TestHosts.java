package org.stacklab.userland;

import java.util.function.Consumer;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.SkBuff;
import org.stacklab.kernel.socket.InetSockets;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.sim.EventLoop;
import org.stacklab.syscall.Program;

/** The {@link Lab} two-host fixture for tests outside this package (the shell's), with ping sockets that answer in 100 us. */
public final class TestHosts {
    private final Lab lab = new Lab();

    public static TestHosts twoHosts() {
        TestHosts t = new TestHosts();
        InetSockets.of(t.lab.h1).register(new FakeProto(Sock.SOCK_DGRAM, Sock.IPPROTO_ICMP,
                () -> new FakePingSock(t.lab.h1, seq -> 100_000L, seq -> false)));
        return t;
    }

    public Kernel kernel(String host) {
        return host.equals("h1") ? lab.h1 : host.equals("h2") ? lab.h2 : null;
    }

    public EventLoop loop() { return lab.loop; }

    /** Runs {@code p} as root on {@code host} in the foreground; returns its exit status. */
    public int runProgram(String host, Program p, String[] argv, Consumer<String> console) {
        return p.main(new DirectProcess(kernel(host), 0, console, console), argv);
    }

    /** Transmits one broadcast ARP-typed frame from {@code host}'s eth0, for trace tests. */
    public void sendRawFrame(String host) {
        Kernel k = kernel(host);
        byte[] f = new byte[60];
        for (int i = 0; i < 6; i++) f[i] = (byte) 0xff;
        f[12] = 0x08;
        f[13] = 0x06;
        SkBuff skb = SkBuff.wrap(f, f.length);
        skb.dev = k.device("eth0");
        k.devQueueXmit(skb);
    }
}
