/**
 * The given plumbing of the IPv4 layer, one copy shared by the reference
 * ({@code org.stacklab.solutions.ip}) and the lab 2 starter ({@code org.stacklab.labs.ip}).
 *
 * <ul>
 *   <li>{@link org.stacklab.kernel.ip.scaffold.AbstractIpv4Stack}: the {@code IpStack} contract
 *       minus the parts an implementation writes (MIB, FIB, transports, routing decisions,
 *       addresses); each implementation's {@code Ipv4Stack} extends it and wires its parts.</li>
 *   <li>{@link org.stacklab.kernel.ip.scaffold.AbstractIpModule}: the {@code ip} kernel module
 *       (what it registers and exports at load, what it undoes at unload).</li>
 *   <li>{@link org.stacklab.kernel.ip.scaffold.AbstractArpCache} (entries, NUD states and timers,
 *       queues; a subclass writes {@code output} and {@code update}),
 *       {@link org.stacklab.kernel.ip.scaffold.AbstractArpProtocol} (replies and requests on the
 *       wire; a subclass writes {@code receive} and {@code solicit}) and
 *       {@link org.stacklab.kernel.ip.scaffold.AbstractIcmp} (receive, errors in and out, rate
 *       limiting; a subclass writes the echo reply).</li>
 *   <li>{@link org.stacklab.kernel.ip.scaffold.Reassembly} and
 *       {@link org.stacklab.kernel.ip.scaffold.Ipv4Fragmenter}: fragments in and out; they read and
 *       write headers through {@link org.stacklab.kernel.ip.scaffold.Ipv4HeaderView}, which each
 *       implementation's {@code Ipv4Header} record implements.</li>
 *   <li>{@link org.stacklab.kernel.ip.scaffold.PingSockets} / {@link org.stacklab.kernel.ip.scaffold.PingSocket}:
 *       ICMP echo sockets over the {@code IpStack} contract.</li>
 *   <li>{@link org.stacklab.kernel.ip.scaffold.MartianFilter}: the defences in front of every
 *       implementation's IPv4 input (martian sources and destinations, 127/8 off {@code lo},
 *       {@code rp_filter}, source-route options, {@code log_martians}), and
 *       {@link org.stacklab.kernel.ip.scaffold.InDevConf}: the per-device sysctls
 *       {@code net.ipv4.conf.{all,default,DEV}.*} they and ARP's {@code arp_ignore}/{@code arp_announce} read.</li>
 *   <li>{@link org.stacklab.kernel.ip.scaffold.IpMib} (counter and drop-reason names),
 *       {@link org.stacklab.kernel.ip.scaffold.Ethernet}, {@link org.stacklab.kernel.ip.scaffold.ArpPacket},
 *       {@link org.stacklab.kernel.ip.scaffold.IcmpRateLimiter}.</li>
 * </ul>
 * Students read these; they do not write them.
 */
package org.stacklab.kernel.ip.scaffold;
