/**
 * The reference network layer (module {@code ip}): {@link org.stacklab.solutions.ip.IpModule} wires
 * {@link org.stacklab.solutions.ip.ArpProtocol}/{@link org.stacklab.solutions.ip.ArpCache},
 * {@link org.stacklab.solutions.ip.Ipv4Input}, {@link org.stacklab.solutions.ip.Ipv4Output},
 * {@link org.stacklab.solutions.ip.Ipv4Forward}, {@link org.stacklab.solutions.ip.FibTable},
 * {@link org.stacklab.solutions.ip.Reassembly}, {@link org.stacklab.solutions.ip.Icmp} and the ping
 * sockets together behind {@link org.stacklab.kernel.ip.IpStack}.
 */
package org.stacklab.solutions.ip;
