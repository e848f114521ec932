package org.stacklab.solutions.tcp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.KernelModule;
import org.stacklab.kernel.ip.IpStack;
import org.stacklab.kernel.socket.InetSockets;
import org.stacklab.kernel.tcp.TcpControlBlock;
import org.stacklab.kernel.tcp.TcpCounters;
import org.stacklab.kernel.tcp.TcpStats;

/**
 * The reference TCP module: registers IP protocol 6 and the SOCK_STREAM socket type. It reaches IP
 * only through the exported {@link IpStack} symbol, so it runs over any IP module (or the test kit's).
 * The four swappable parts ({@code tcp.connection}, {@code tcp.reliability}, {@code tcp.flow},
 * {@code tcp.congestion}) are created per connection from the kernel's module set.
 */
public final class TcpModule implements KernelModule, TcpStats {
    private TcpStack stack;
    private TcpProto proto;

    @Override public String name() { return "tcp"; }

    @Override public List<String> dependsOn() { return List.of("ip"); }

    @Override
    public void init(Kernel kernel) {
        IpStack ip = kernel.symbol(IpStack.class);
        stack = new TcpStack(kernel, ip);
        proto = new TcpProto(stack);
        ip.registerProtocol(IpStack.PROTO_TCP, stack.input);
        InetSockets.of(kernel).register(proto);
        kernel.exportSymbol(TcpStats.class, this, name());
    }

    @Override
    public void exit(Kernel kernel) {
        for (TcpSocket s : stack.socketList()) s.destroy();
        stack.ip.unregisterProtocol(IpStack.PROTO_TCP);
        InetSockets.of(kernel).unregister(proto);
    }

    /** Host-wide TCP counters ({@code nstat}): segments, retransmits, resets, checksum errors, ... */
    @Override
    public TcpCounters counters() { return stack.counters(); }

    @Override
    public List<TcpControlBlock> connections() {
        List<TcpControlBlock> l = new ArrayList<>();
        for (TcpSocket s : stack.socketList()) l.add(s.tcb);
        return l;
    }

    public Map<String, Long> counterMap() { return stack.counters().toMap(); }
}
