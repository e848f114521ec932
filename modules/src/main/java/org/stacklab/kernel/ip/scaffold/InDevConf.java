package org.stacklab.kernel.ip.scaffold;

import java.util.HashMap;
import java.util.Map;
import org.stacklab.kernel.core.NetDevice;
import org.stacklab.kernel.core.Sysctl;

/**
 * The per-device IPv4 settings Linux keeps in {@code struct ipv4_devconf} and shows as
 * {@code net.ipv4.conf.{all,default,DEV}.NAME}, read from the kernel's {@link Sysctl} with Linux's
 * names, defaults and rules for combining {@code all} with the device's own value
 * ({@code IN_DEV_MAXCONF}, {@code IN_DEV_ORCONF}, {@code IN_DEV_ANDCONF} in {@code inetdevice.h}).
 *
 * <p>A device's own value is {@code net.ipv4.conf.DEV.NAME} if it was set, else
 * {@code net.ipv4.conf.default.NAME}: Linux copies {@code default} into a new device and, when
 * {@code default} is written later, into every device whose own value was never set, which comes to
 * the same thing.
 *
 * <table>
 *   <caption>the settings read here</caption>
 *   <tr><th>name</th><th>Linux default (all / default)</th><th>combined as</th></tr>
 *   <tr><td>{@code rp_filter}</td><td>0 / 0</td><td>max(all, dev)</td></tr>
 *   <tr><td>{@code log_martians}</td><td>0 / 0</td><td>all || dev</td></tr>
 *   <tr><td>{@code accept_source_route}</td><td>0 / 1</td><td>all &amp;&amp; dev: off unless both are on</td></tr>
 *   <tr><td>{@code arp_ignore}</td><td>0 / 0</td><td>max(all, dev)</td></tr>
 *   <tr><td>{@code arp_announce}</td><td>0 / 0</td><td>max(all, dev)</td></tr>
 *   <tr><td>{@code arp_filter}</td><td>0 / 0</td><td>all || dev</td></tr>
 * </table>
 */
public final class InDevConf {
    public static final String PREFIX = "net.ipv4.conf.";
    public static final String RP_FILTER = "rp_filter";
    public static final String LOG_MARTIANS = "log_martians";
    public static final String ACCEPT_SOURCE_ROUTE = "accept_source_route";
    public static final String ARP_IGNORE = "arp_ignore";
    public static final String ARP_ANNOUNCE = "arp_announce";
    public static final String ARP_FILTER = "arp_filter";

    /** The settings above, in the order {@code sysctl -a} would list them. */
    public static final java.util.List<String> NAMES =
            java.util.List.of(ACCEPT_SOURCE_ROUTE, ARP_ANNOUNCE, ARP_FILTER, ARP_IGNORE, LOG_MARTIANS, RP_FILTER);

    /**
     * Linux's compiled-in value of {@code name} for {@code all} ({@code forAll}) or for
     * {@code default} and a device ({@code ipv4_devconf} / {@code ipv4_devconf_dflt} in devinet.c).
     */
    public static long builtin(String name, boolean forAll) {
        return ACCEPT_SOURCE_ROUTE.equals(name) && !forAll ? 1 : 0;
    }

    /**
     * What {@code /proc/sys/net/ipv4/conf/WHO/NAME} shows: for {@code all} and {@code default} their
     * own value, for a device its own value or else {@code default}'s (not combined with {@code all}).
     */
    public static long shown(Sysctl sysctl, String who, String name) {
        long fallback = builtin(name, "all".equals(who));
        if (!"all".equals(who) && !"default".equals(who)) fallback = sysctl.get(PREFIX + "default." + name, fallback);
        return sysctl.get(PREFIX + who + "." + name, fallback);
    }

    private final Sysctl sysctl;
    /** "net.ipv4.conf.DEV.NAME" by device and setting, so a per-packet read builds no string. */
    private final Map<String, Map<String, String>> keys = new HashMap<>();

    public InDevConf(Sysctl sysctl) {
        this.sysctl = sysctl;
    }

    /** {@code rp_filter}: 0 off, 1 strict, 2 loose (RFC 3704 §2.2, §2.4); the larger of all and the device. */
    public int rpFilter(NetDevice dev) { return (int) Math.max(all(RP_FILTER, 0), dev(dev, RP_FILTER, 0)); }

    /** {@code log_martians}: whether martians arriving on {@code dev} are logged (either all or the device). */
    public boolean logMartians(NetDevice dev) { return all(LOG_MARTIANS, 0) != 0 || dev(dev, LOG_MARTIANS, 0) != 0; }

    /**
     * {@code accept_source_route}: whether datagrams with LSRR/SSRR options are accepted on {@code dev}.
     * Linux's defaults are all=0, default=1, combined with AND: off until both are set.
     */
    public boolean acceptSourceRoute(NetDevice dev) {
        return all(ACCEPT_SOURCE_ROUTE, 0) != 0 && dev(dev, ACCEPT_SOURCE_ROUTE, 1) != 0;
    }

    /** {@code arp_ignore} 0..2 as Linux reads it (the larger of all and the device). */
    public int arpIgnore(NetDevice dev) { return (int) Math.max(all(ARP_IGNORE, 0), dev(dev, ARP_IGNORE, 0)); }

    /** {@code arp_announce} 0..2 as Linux reads it (the larger of all and the device). */
    public int arpAnnounce(NetDevice dev) { return (int) Math.max(all(ARP_ANNOUNCE, 0), dev(dev, ARP_ANNOUNCE, 0)); }

    /** {@code arp_filter}: answer a request only if the route back to its sender leaves by the arrival device. */
    public boolean arpFilter(NetDevice dev) { return all(ARP_FILTER, 0) != 0 || dev(dev, ARP_FILTER, 0) != 0; }

    private long all(String name, long dflt) { return sysctl.get(key("all", name), dflt); }

    private long dev(NetDevice dev, String name, long dflt) {
        return sysctl.get(key(dev.name(), name), sysctl.get(key("default", name), dflt));
    }


    private String key(String dev, String name) {
        return keys.computeIfAbsent(dev, d -> new HashMap<>()).computeIfAbsent(name, n -> PREFIX + dev + "." + n);
    }
}
