package org.stacklab.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.SkBuff;
import org.stacklab.kernel.ip.IpProtocolHandler;
import org.stacklab.kernel.ip.IpStack;
import org.stacklab.kernel.ip.Neighbour;
import org.stacklab.kernel.ip.RoutingTable;
import org.stacklab.sim.EventLoop;

/**
 * A stand-in for the IP layer in transport unit tests (UDP, the syscall layer): one /24 subnet,
 * each kernel with one address; output() hands the transport segment to the destination kernel's handler 10 µs later, with the
 * skb positioned as IP would leave it. Records what was sent and every port unreachable.
 */
public final class FakeIpNetwork {
    static final long DELAY = 10_000;
    final EventLoop loop;
    final Map<Integer, FakeIp> byAddr = new LinkedHashMap<>();

    public FakeIpNetwork(EventLoop loop) {
        this.loop = loop;
    }

    public FakeIp attach(Kernel k, String addr) {
        FakeIp ip = new FakeIp(k, Ip4.parse(addr));
        byAddr.put(ip.addr, ip);
        return ip;
    }

    public record Sent(int saddr, int daddr, byte[] segment) {}

    public final class FakeIp implements IpStack {
        final Kernel kernel;
        final int addr;
        final Map<Integer, IpProtocolHandler> handlers = new LinkedHashMap<>();
        public final List<Sent> sent = new ArrayList<>();
        public final List<Integer> unreachables = new ArrayList<>();
        /** Flip a byte of the next outgoing segment at this offset (-1 = none). */
        public int corruptAt = -1;

        FakeIp(Kernel kernel, int addr) {
            this.kernel = kernel;
            this.addr = addr;
        }

        @Override public void registerProtocol(int protocol, IpProtocolHandler h) { handlers.put(protocol, h); }
        @Override public void unregisterProtocol(int protocol) { handlers.remove(protocol); }

        @Override
        public int output(SkBuff skb, int saddr, int daddr, int protocol, int ttl, int tos) {
            byte[] seg = skb.toByteArray();
            sent.add(new Sent(saddr, daddr, seg.clone()));
            if (corruptAt >= 0) {
                seg[corruptAt] ^= 0x10;
                corruptAt = -1;
            }
            List<FakeIp> to = new ArrayList<>();
            if (daddr == Ip4.LOOPBACK || daddr == addr) to.add(this);
            else if (isBroadcast(daddr)) to.addAll(byAddr.values());
            else if (byAddr.containsKey(daddr)) to.add(byAddr.get(daddr));
            for (FakeIp dst : to) {
                byte[] copy = seg.clone();
                loop.schedule(DELAY, () -> dst.deliver(copy, saddr, daddr, protocol), "fake ip");
            }
            return 0;
        }

        /** Hands {@code seg} to this kernel's handler for {@code protocol} now, as if IP had received it. */
        public void deliver(byte[] seg, int saddr, int daddr, int protocol) {
            // IPv4 header in front, so networkHeader() means what it does after real IP input.
            SkBuff skb = SkBuff.alloc(20 + seg.length);
            skb.put(20 + seg.length);
            skb.setNetworkHeader(0);
            skb.set32(12, saddr);
            skb.set32(16, daddr);
            System.arraycopy(seg, 0, skb.buf(), 20, seg.length);
            skb.pull(20);
            IpProtocolHandler h = handlers.get(protocol);
            if (h != null) h.receive(skb, saddr, daddr);
        }

        @Override public int sourceAddressFor(int daddr) { return daddr == Ip4.LOOPBACK ? Ip4.LOOPBACK : addr; }
        @Override public int mtuFor(int daddr) { return 1500; }
        @Override public boolean isLocalAddress(int a) { return a == addr || Ip4.isLoopback(a); }
        @Override public boolean isBroadcast(int a) { return a == Ip4.BROADCAST || a == (addr | 0xff); }
        @Override public RoutingTable routes() { return null; }
        @Override public int addAddress(String dev, int address, int prefixLen) { return 0; }
        @Override public int removeAddress(String dev, int address, int prefixLen) { return 0; }
        @Override public List<Neighbour> neighbours() { return List.of(); }

        /** Tells the sender's UDP about the unreachable port, as ICMP would (RFC 792: 8 bytes of header). */
        @Override
        public void sendDestUnreachable(SkBuff original, int code) {
            unreachables.add(code);
            int saddr = original.u32(original.networkHeader() + 12);
            int daddr = original.u32(original.networkHeader() + 16);
            byte[] hdr = new byte[8];
            System.arraycopy(original.buf(), original.data(), hdr, 0, 8);
            FakeIp src = byAddr.get(saddr);
            if (src == null) return;
            loop.schedule(DELAY, () -> {
                IpProtocolHandler h = src.handlers.get(PROTO_UDP);
                if (h != null) h.icmpError(3, code, saddr, daddr, hdr);
            }, "fake icmp");
        }

        @Override public Map<String, Long> counters() { return Map.of(); }
    }
}
