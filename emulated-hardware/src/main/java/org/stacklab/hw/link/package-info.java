/**
 * Links: how Ethernet ports are connected. A device exposes a {@link org.stacklab.hw.link.Port};
 * a link plugs into it and gives it a {@link org.stacklab.hw.link.LinkEnd} to transmit through.
 *
 * <ul>
 *   <li>{@link org.stacklab.hw.link.Wire}: a full-duplex point-to-point cable with bandwidth,
 *       propagation delay and MTU; frames serialize at the link rate and queue behind each other.
 *       Pulling the cable drops carrier (a NIC raises LSC).</li>
 *   <li>{@link org.stacklab.hw.link.EthernetSwitch}: a learning switch with N ports, MAC ageing and
 *       flooding of broadcast, multicast and unknown unicast.</li>
 *   <li>{@link org.stacklab.hw.link.FaultInjector}: wraps a port and, seeded from the scenario,
 *       drops, duplicates, reorders, delays and corrupts the frames arriving at it.</li>
 *   <li>{@code org.stacklab.hw.pcap.PcapTap}: wraps a port and writes every frame it sends and
 *       receives to a pcap file.</li>
 * </ul>
 *
 * <p>Faults and capture are composed by wrapping, never by flags on the wire:
 *
 * <pre>{@code
 * EventLoop loop = EventLoop.virtual(seed);
 * Machine h1 = new Machine(loop, "h1"), h2 = new Machine(loop, "h2"), h3 = new Machine(loop, "h3");
 * E1000 n1 = h1.addE1000(0x525400000001L), n2 = h2.addE1000(0x525400000002L), n3 = h3.addE1000(0x525400000003L);
 * EthernetSwitch sw = new EthernetSwitch(loop, "sw0", 4);
 *
 * // h1 -- sw0, captured at h1's port
 * Wire.connect(loop, PcapTap.wrap(loop, n1.port(), Path.of("h1.pcap")), sw.port(0), LinkSpec.gigabit());
 * // h2 -- sw0, 1 % of the frames towards h2 lost
 * Wire.connect(loop, FaultInjector.wrap(loop, "to-h2", n2.port(), FaultSpec.NONE.withDrop(0.01)), sw.port(1),
 *              LinkSpec.gigabit());
 * // h3 -- sw0 over a slow long link
 * Wire.connect(loop, n3.port(), sw.port(2), LinkSpec.fastEthernet().withDelay(Time.ms(5)));
 * }</pre>
 *
 * <p>Frames are {@code byte[]} without preamble or FCS and are immutable once sent; whoever changes
 * one copies it. All events a link schedules carry labels, so a traced run shows them.
 */
package org.stacklab.hw.link;
