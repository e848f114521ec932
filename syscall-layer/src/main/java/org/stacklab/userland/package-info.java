/**
 * The programs on every emulated host ({@link org.stacklab.userland.Programs}): ping, ss, ip, cat,
 * lsmod, insmod, rmmod, dmesg, nc, echo-server, httpd, http-get. Each is a
 * {@link org.stacklab.syscall.Program} that reaches the kernel only through system calls, and
 * prints what its Linux namesake prints (iputils ping, iproute2 ip and ss, kmod).
 *
 * <p>Where the data comes from, as on Linux: {@code ss} and {@code ip} read netlink dumps (here the
 * files under /proc/stacklab/netlink/, see {@link org.stacklab.syscall.procfs.NetlinkDump});
 * {@code lsmod} and {@code rmmod} read /proc/modules; {@code dmesg} reads /dev/kmsg; {@code insmod}
 * and {@code rmmod} call init_module/delete_module (root only); {@code ping} uses an ICMP ping
 * socket and takes the reply's TTL from {@code getsockopt(SOL_IP, IP_RECVTTL)}, the stand-in for
 * the IP_RECVTTL control message. Names resolve through /etc/hosts.
 */
package org.stacklab.userland;
