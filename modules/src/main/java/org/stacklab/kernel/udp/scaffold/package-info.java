/**
 * The given plumbing of UDP, one copy shared by the reference ({@code org.stacklab.solutions.udp})
 * and the lab 3 starter ({@code org.stacklab.labs.udp}): {@link org.stacklab.kernel.udp.scaffold.AbstractUdp}
 * (the socket family entry, the socket list, the shared state) and
 * {@link org.stacklab.kernel.udp.scaffold.AbstractUdpModule} (what the module registers at load
 * and undoes at unload). The header ({@code UdpHeader}), MIB and drop reasons live next door in
 * {@code org.stacklab.kernel.udp}.
 */
package org.stacklab.kernel.udp.scaffold;
