/**
 * procfs: the read-only files a host's kernel generates at open time, in Linux's formats, reached
 * through open()/read() like any file ("everything is a file").
 *
 * <ul>
 *   <li>{@code /proc/interrupts}, {@code /proc/softirqs}: per-IRQ counts from
 *       {@link org.stacklab.kernel.core.IrqStats}, which the NIC driver glue updates, so interrupt
 *       moderation and NAPI show as interrupts growing slower than packets.</li>
 *   <li>{@code /proc/net/dev}, {@code /proc/net/tcp}, {@code /proc/net/udp}, {@code /proc/net/arp},
 *       {@code /proc/net/route}, {@code /proc/net/snmp}, {@code /proc/net/netstat}, {@code /proc/modules}, {@code /dev/kmsg}.</li>
 *   <li>{@code /proc/stacklab/netlink/*}: what iproute2 and ss get from netlink dumps (RTM_GETLINK,
 *       RTM_GETADDR, RTM_GETROUTE, SOCK_DIAG_BY_FAMILY), rendered as text lines because the
 *       syscall layer has no AF_NETLINK sockets. See {@link org.stacklab.syscall.procfs.NetlinkDump}.</li>
 * </ul>
 *
 * Generators see the kernel only through its contracts: NetDevice, the IpStack symbol,
 * InetSockets/SockInfo, the module table and the log; never a transport's internals.
 */
package org.stacklab.syscall.procfs;
