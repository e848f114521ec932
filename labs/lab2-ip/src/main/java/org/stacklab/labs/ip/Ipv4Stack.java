package org.stacklab.labs.ip;

import java.util.List;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.SkBuff;
import org.stacklab.kernel.ip.Neighbour;
import org.stacklab.kernel.ip.scaffold.AbstractIpv4Stack;
import org.stacklab.kernel.ip.scaffold.PingSockets;
import org.stacklab.kernel.ip.scaffold.Reassembly;

/**
 * One host's IPv4 layer: the given {@link AbstractIpv4Stack} (MIB, FIB, transports, routing
 * decisions, addresses) with this package's parts (ARP, input, output, forwarding, reassembly,
 * ICMP) and the ping sockets; each path lives in its own class and reaches the others through here.
 */
public final class Ipv4Stack extends AbstractIpv4Stack {
    private final ArpProtocol arp;
    private final Ipv4Output output;
    private final Ipv4Input input;
    private final Ipv4Forward forward;
    private final Reassembly reassembly;
    private final Icmp icmp;
    private final PingSockets pingSockets;

    public Ipv4Stack(Kernel kernel) {
        super(kernel);
        this.arp = new ArpProtocol(this);
        this.output = new Ipv4Output(this);
        this.reassembly = new Reassembly(kernel, mib, Ipv4Header::parse, (orig, type, code, info) -> icmp().sendError(orig, type, code, info));
        this.forward = new Ipv4Forward(this);
        this.input = new Ipv4Input(this);
        this.icmp = new Icmp(this);
        this.pingSockets = new PingSockets(kernel, this, mib);
    }

    @Override
    public ArpProtocol arp() { return arp; }
    public Ipv4Output ipOutput() { return output; }
    @Override
    public Ipv4Input input() { return input; }
    public Ipv4Forward forward() { return forward; }
    public Reassembly reassembly() { return reassembly; }
    @Override
    public Icmp icmp() { return icmp; }
    @Override
    public PingSockets pingSockets() { return pingSockets; }

    @Override
    public void shutdown() {
        arp.cache().flush(null);
        reassembly.flush();
    }

    // ---------------------------------------------------------------- what the parts supply

    @Override
    public int output(SkBuff skb, int saddr, int daddr, int protocol, int ttl, int tos) {
        return output.output(skb, saddr, daddr, protocol, ttl, tos);
    }

    @Override
    public void sendDestUnreachable(SkBuff original, int code) {
        icmp.sendError(original, Icmp.DEST_UNREACH, code, 0);
    }

    @Override
    public List<Neighbour> neighbours() { return arp.cache().neighbours(); }
}
