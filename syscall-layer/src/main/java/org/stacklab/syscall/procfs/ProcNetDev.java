package org.stacklab.syscall.procfs;

import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.NetDevice;
import org.stacklab.kernel.core.NetDeviceStats;

/** /proc/net/dev (net/core/net-procfs.c, dev_seq_printf_stats): one line of counters per device. */
final class ProcNetDev {
    private ProcNetDev() {}

    static String generate(Kernel k) {
        StringBuilder sb = new StringBuilder();
        sb.append("Inter-|   Receive                                                |  Transmit\n");
        sb.append(" face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n");
        for (NetDevice d : k.devices()) {
            NetDeviceStats s = d.stats();
            sb.append(String.format("%6s: %7d %7d %4d %4d %4d %5d %10d %9d %8d %7d %4d %4d %4d %5d %7d %10d%n",
                    d.name(), s.rxBytes, s.rxPackets, s.rxErrors, s.rxDropped + s.rxMissedErrors, s.rxFifoErrors,
                    s.rxLengthErrors + s.rxOverErrors + s.rxCrcErrors + s.rxFrameErrors, 0, s.multicast,
                    s.txBytes, s.txPackets, s.txErrors, s.txDropped, s.txFifoErrors, s.collisions,
                    s.txCarrierErrors, 0));
        }
        return sb.toString();
    }
}
