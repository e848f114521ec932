package org.stacklab.solutions.udp;

import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.ip.IpStack;
import org.stacklab.kernel.udp.scaffold.AbstractUdp;

/**
 * UDP on one host ({@code udp_prot} with its {@code udp_table} and MIB): the given
 * {@link AbstractUdp} (socket family entry, socket list, kernel, IP, MIB) with this package's port
 * table and input path.
 */
public final class Udp extends AbstractUdp<UdpSocket> {
    final UdpTable table;
    final UdpInput input;

    public Udp(Kernel kernel, IpStack ip) {
        super(kernel, ip);
        this.table = new UdpTable(kernel);
        this.input = new UdpInput(this);
    }

    @Override
    protected UdpSocket newSocket(long inode) { return new UdpSocket(this, inode); }

    public UdpTable table() { return table; }

    @Override
    public UdpInput input() { return input; }
}
