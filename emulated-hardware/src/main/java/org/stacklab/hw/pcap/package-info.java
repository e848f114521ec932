/**
 * Packet capture: {@link org.stacklab.hw.pcap.PcapTap} wraps a port and writes what it sends and
 * receives as a standard pcap file (virtual-time timestamps) that tcpdump and Wireshark open;
 * {@link org.stacklab.hw.pcap.PcapReader} reads one back.
 */
package org.stacklab.hw.pcap;
