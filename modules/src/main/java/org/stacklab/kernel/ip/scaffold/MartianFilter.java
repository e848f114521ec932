package org.stacklab.kernel.ip.scaffold;

import org.stacklab.kernel.core.Checksum;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.NetDevice;
import org.stacklab.kernel.core.PacketHandler;
import org.stacklab.kernel.core.SkBuff;
import org.stacklab.kernel.ip.Route;
import org.stacklab.sim.Time;

/**
 * The defences of the IPv4 receive path, in front of any implementation's {@code ip_rcv}: what Linux
 * does in {@code ip_route_input_slow} (martian sources and destinations), {@code fib_validate_source}
 * (reverse-path filtering) and {@code ip_rcv_options} (source-route options). Every implementation
 * of the ip module (the reference, a lab 2 student's) gets them, so a student's {@code Ipv4Input}
 * never sees a forged datagram it was not asked to handle.
 *
 * <p>A well-formed datagram is dropped here when, arriving on any device but {@code lo}:
 * <ul>
 *   <li><b>martian source</b> (RFC 1122 §3.2.1.3, RFC 1812 §5.3.7): a multicast, limited-broadcast or
 *       class E (240/4) source, a source in 0/8 (except to 255.255.255.255: a host that does not
 *       know its address yet, as DHCP's DISCOVER), a 127/8 source ("MUST NOT appear outside a
 *       host", §3.2.1.3 (g)), a broadcast address of ours, or one of our own addresses (a forgery:
 *       Linux's {@code accept_local}=0);</li>
 *   <li><b>martian destination</b>: 0/8, 127/8 (so a socket bound to 127.0.0.1 is never reached
 *       from the wire, even by a frame forged to this host's MAC), class E (RFC 1812 §5.3.7);</li>
 *   <li><b>reverse path</b> (RFC 3704, {@code rp_filter}): 1 strict, the route back to the source
 *       must leave by the arrival device (§2.2); 2 loose, some route back must exist (§2.4);</li>
 *   <li><b>source route</b> (RFC 791 §3.1 LSRR 131, SSRR 137): dropped unless
 *       {@code accept_source_route} is on. RFC 1122 §3.2.1.8 had hosts accept them; a source route
 *       lets a spoofer choose the way back through us, so RFC 7126 §4.3-4.4 advises dropping them
 *       and Linux does by default.</li>
 * </ul>
 * On {@code lo} only multicast and broadcast sources are refused: its traffic is this host's own.
 *
 * <p>Each drop is counted ({@code InReceives}, then {@code InAddrErrors} for a martian, Linux's
 * {@code IPReversePathFilter} for the reverse-path filter, and the drop reason) and, with
 * {@code log_martians} on for the device, logged in Linux's words ({@code IPv4: martian source
 * 10.0.0.2 from 127.0.0.1, on dev eth0} followed by the link-layer header), at most 10 lines per
 * 5 s ({@code net_ratelimit}) so a flood cannot fill the log. The sysctls are read per datagram
 * through {@link InDevConf}.
 *
 * <p>A datagram this filter cannot read (too short, not version 4, a bad IHL, checksum or total
 * length) goes on untouched: validating and counting it is the implementation's job (lab 2, step 4).
 *
 * <p>Deliberate differences from Linux:
 * <ul>
 *   <li>These checks run before the PRE_ROUTING hook, not at the route lookup after it, so that they
 *       hold whatever the implementation does; an iptables rule in PREROUTING does not see martians.
 *       (StackLab's only PREROUTING rewrite, REDIRECT, sends to the arrival device's own address,
 *       never to 127/8, so nothing can be turned into a loopback destination after this check.)</li>
 *   <li>Class E (240/4) is a martian source and destination, as RFC 1812 §4.2.2.11 and §5.3.7 ask;
 *       Linux only refuses it by having no route for it.</li>
 *   <li>{@code route_localnet} and {@code accept_local} are not modelled: both are always 0.</li>
 *   <li>{@code accept_redirects} is not modelled: ICMP redirects are never acted on. On a router
 *       that is Linux's behaviour (turning {@code ip_forward} on sets {@code all.accept_redirects}
 *       to 0); a Linux host would follow them by default, a StackLab host never does, so a forged
 *       redirect cannot reroute it (a deliberate departure from RFC 1122 §3.2.2.2, which has hosts
 *       follow redirects: here the safe setting is the only one).</li>
 * </ul>
 */
public final class MartianFilter implements PacketHandler {
    /** {@code net_ratelimit}'s defaults: a burst of 10 messages, refilled every 5 s. */
    static final int LOG_BURST = 10;
    static final long LOG_INTERVAL = Time.s(5);
    private static final int OPT_EOL = 0, OPT_NOP = 1, OPT_LSRR = 131, OPT_SSRR = 137;

    private final AbstractIpv4Stack stack;
    private final Kernel kernel;
    private final IpMib mib;
    private final InDevConf conf;
    private final PacketHandler next;
    private long logWindowStart = Long.MIN_VALUE;
    private int logged;

    /** Guards {@code next}, the implementation's IPv4 input, on {@code stack}. */
    public MartianFilter(AbstractIpv4Stack stack, PacketHandler next) {
        this.stack = stack;
        this.kernel = stack.kernel();
        this.mib = stack.mib();
        this.conf = stack.devConf();
        this.next = next;
    }

    /** What {@link #judge} decided. */
    private static final int ACCEPT = 0, MARTIAN_SOURCE = 1, MARTIAN_DESTINATION = 2, RPFILTER = 3, SOURCE_ROUTE = 4;

    @Override
    public void receive(SkBuff skb, NetDevice dev) {
        if (skb.pktType != SkBuff.PACKET_OTHERHOST && readable(skb)) {
            int verdict = judge(skb, dev);
            // The checksum is verified only for a datagram about to be refused, so the common path pays
            // nothing twice; a corrupted header is the implementation's to count (as a checksum error).
            if (verdict != ACCEPT && checksumOk(skb)) {
                drop(skb, dev, verdict);
                return;
            }
        }
        next.receive(skb, dev);
    }

    /** Whether the header is sound enough to judge its addresses (RFC 1122 §3.2.1.1-2 checks, the checksum aside). */
    private static boolean readable(SkBuff skb) {
        int len = skb.len();
        if (len < 20) return false;
        int off = skb.data();
        int vihl = skb.u8(off);
        int hlen = (vihl & 0xf) * 4;
        if (vihl >>> 4 != 4 || hlen < 20 || hlen > len) return false;
        int total = skb.u16(off + 2);
        return total >= hlen && total <= len;
    }

    private static boolean checksumOk(SkBuff skb) {
        return Checksum.compute(skb.buf(), skb.data(), (skb.u8(skb.data()) & 0xf) * 4) == 0;
    }

    /** The checks in Linux's order: {@link #ACCEPT}, or why the datagram must go. */
    private int judge(SkBuff skb, NetDevice dev) {
        int off = skb.data();
        int saddr = skb.u32(off + 12);
        int daddr = skb.u32(off + 16);
        // ip_route_input_slow: no host sends from a broadcast (RFC 1122 §3.2.1.3 (c)-(f)) or a group (RFC 1112 §4),
        // nor from class E (reserved, RFC 1812 §5.3.7).
        if (Ip4.isMulticast(saddr) || isBadClass(saddr)) return MARTIAN_SOURCE;
        if (dev.type() != NetDevice.ARPHRD_LOOPBACK) {
            boolean limitedBroadcast = daddr == Ip4.BROADCAST;
            // {0, 0} as a source is allowed only while a host learns its address, to 255.255.255.255 (§3.2.1.3 (a)).
            if (isZeronet(saddr) && !limitedBroadcast) return MARTIAN_SOURCE;
            if (isZeronet(daddr) || (isBadClass(daddr) && !limitedBroadcast)) return MARTIAN_DESTINATION;
            // §3.2.1.3 (g): 127/8 MUST NOT appear outside a host, either way.
            if (Ip4.isLoopback(daddr)) return MARTIAN_DESTINATION;
            if (Ip4.isLoopback(saddr)) return MARTIAN_SOURCE;
            if (!(limitedBroadcast && isZeronet(saddr))) {
                int v = validateSource(dev, saddr);
                if (v != ACCEPT) return v;
            }
        }
        // ip_rcv_options: a source-routed datagram lets its sender choose the way back through us.
        if ((skb.u8(off) & 0xf) > 5 && hasSourceRoute(skb) && !conf.acceptSourceRoute(dev)) return SOURCE_ROUTE;
        return ACCEPT;
    }

    /**
     * {@code fib_validate_source}: our own address or a broadcast address of ours as the source is a
     * forgery; then the reverse-path filter (RFC 3704): strict, the route back must use {@code dev};
     * loose, there must be a route back at all.
     */
    private int validateSource(NetDevice dev, int saddr) {
        if (stack.isLocalAddress(saddr) || stack.isBroadcast(saddr)) return MARTIAN_SOURCE;
        int rpf = conf.rpFilter(dev);
        if (rpf == 0) return ACCEPT;
        Route back = stack.fib().lookup(saddr);
        return back != null && (rpf != 1 || back.dev().equals(dev.name())) ? ACCEPT : RPFILTER;
    }

    /** Counts the drop (InReceives first: the implementation that would have counted it never sees it) and logs it. */
    private void drop(SkBuff skb, NetDevice dev, int verdict) {
        int saddr = skb.u32(skb.data() + 12);
        int daddr = skb.u32(skb.data() + 16);
        mib.inc("InReceives");
        switch (verdict) {
            case MARTIAN_SOURCE -> {
                logMartianSource(skb, dev, saddr, daddr);
                mib.inc("InAddrErrors");
                mib.drop(IpMib.MARTIAN_SOURCE);
            }
            case MARTIAN_DESTINATION -> {
                // ip_route_input_slow's words, martian_destination:
                if (conf.logMartians(dev) && logAllowed()) {
                    kernel.log().info("IPv4: martian destination " + Ip4.format(daddr) + " from " + Ip4.format(saddr) + ", dev " + dev.name());
                }
                mib.inc("InAddrErrors");
                mib.drop(IpMib.MARTIAN_DESTINATION);
            }
            case RPFILTER -> {
                // Linux logs a reverse-path failure as a martian source too, and counts it in TcpExt.
                logMartianSource(skb, dev, saddr, daddr);
                mib.inc("IPReversePathFilter");
                mib.drop(IpMib.RPFILTER);
            }
            default -> {
                if (conf.logMartians(dev) && logAllowed()) {
                    kernel.log().info("IPv4: source route option " + Ip4.format(saddr) + " -> " + Ip4.format(daddr));
                }
                mib.drop(IpMib.SOURCE_ROUTE);
            }
        }
    }

    /** {@code ip_handle_martian_source}: the addresses, then the link-layer header as {@code print_hex_dump} shows it. */
    private void logMartianSource(SkBuff skb, NetDevice dev, int saddr, int daddr) {
        if (!conf.logMartians(dev) || !logAllowed()) return;
        kernel.log().info("IPv4: martian source " + Ip4.format(daddr) + " from " + Ip4.format(saddr) + ", on dev " + dev.name());
        int mac = skb.macHeader();
        if (mac >= 0 && mac + Ethernet.HLEN <= skb.data()) {
            StringBuilder sb = new StringBuilder("ll header: 00000000:");
            for (int i = 0; i < Ethernet.HLEN; i++) sb.append(String.format(" %02x", skb.u8(mac + i)));
            kernel.log().info(sb.toString());
        }
    }

    /** {@code net_ratelimit}: at most {@link #LOG_BURST} messages per {@link #LOG_INTERVAL} of (virtual) time. */
    private boolean logAllowed() {
        long now = kernel.now();
        if (logWindowStart == Long.MIN_VALUE || now - logWindowStart >= LOG_INTERVAL) {
            logWindowStart = now;
            logged = 0;
        }
        return logged++ < LOG_BURST;
    }

    /** Whether the options hold a loose or strict source route (RFC 791 §3.1); malformed options end the scan. */
    private static boolean hasSourceRoute(SkBuff skb) {
        int off = skb.data();
        int end = off + (skb.u8(off) & 0xf) * 4;
        int i = off + 20;
        while (i < end) {
            int type = skb.u8(i);
            if (type == OPT_EOL) return false;
            if (type == OPT_NOP) {
                i++;
                continue;
            }
            if (type == OPT_LSRR || type == OPT_SSRR) return true;
            if (i + 1 >= end) return false;
            int len = skb.u8(i + 1);
            if (len < 2) return false;
            i += len;
        }
        return false;
    }

    /** 0.0.0.0/8, "this network" (RFC 1122 §3.2.1.3 (a), (b)). */
    static boolean isZeronet(int a) { return (a >>> 24) == 0; }

    /** 240.0.0.0/4, class E, reserved (RFC 1112 §4), 255.255.255.255 included: Linux's {@code ipv4_is_badclass}. */
    static boolean isBadClass(int a) { return (a >>> 28) == 0xF; }
}
