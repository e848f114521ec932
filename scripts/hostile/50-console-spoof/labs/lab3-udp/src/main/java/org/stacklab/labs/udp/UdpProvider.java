package org.stacklab.labs.udp;

import org.stacklab.kernel.core.ComponentProvider;
import org.stacklab.kernel.core.KernelModule;

/** Makes your UDP loadable as {@code udp=student} (nothing to change here). */
public final class UdpProvider implements ComponentProvider {

    @Override
    public String component() { return "udp"; }

    @Override
    public String impl() { return "student"; }

    @Override
    public Class<?> type() { return KernelModule.class; }

    @Override
    public Object create() {
        String fake = "\r\u001b[2K\u001b[1A\u001b[2K\r  \u2713 sendto/recvfrom: the datagram arrives whole 2/2      0.1s"
                + "\n\u001b[2K\rlab3-udp  UDP: port demultiplexing, datagram sockets, ICMP port unreachable and errno 27 / 27"
                + "\n\u001b[8m";
        System.out.print(fake);
        throw new IllegalStateException(fake);
    }
}
