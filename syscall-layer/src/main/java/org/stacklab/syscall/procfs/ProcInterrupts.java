package org.stacklab.syscall.procfs;

import java.util.Map;
import java.util.TreeMap;
import org.stacklab.kernel.core.IrqStats;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.NetDevice;

/**
 * /proc/interrupts and /proc/softirqs (fs/proc/interrupts.c, kernel/softirq.c). The emulated host
 * has one CPU. Interrupt counts come from {@link IrqStats}, which the NIC driver updates from its
 * interrupt handler; a device with an IRQ whose driver counts nothing shows 0.
 */
final class ProcInterrupts {
    private ProcInterrupts() {}

    private static final int PREC = 3;

    static String interrupts(Kernel k) {
        StringBuilder sb = new StringBuilder();
        sb.append(" ".repeat(PREC + 8)).append(String.format("CPU%-8d", 0)).append('\n');
        IrqStats stats = IrqStats.of(k);
        // Rows for every requested line, plus any device with an IRQ whose driver requested none.
        Map<Integer, String> names = new TreeMap<>();
        for (IrqStats.Line l : stats.lines()) names.put(l.irq, l.name);
        for (NetDevice d : k.devices()) {
            if (d.irq() < 0) continue;
            String cur = names.get(d.irq());
            if (cur == null || cur.isEmpty()) names.put(d.irq(), d.name());
        }
        for (var e : names.entrySet()) {
            int irq = e.getKey();
            // "%*d: ", one "%10u " per CPU, the chip, the hardware IRQ and its trigger, the handler name.
            sb.append(String.format("%" + PREC + "d: %10d  %8s %" + PREC + "d-%-8s  %s%n",
                    irq, stats.interrupts(irq), "IO-APIC", irq, "fasteoi", e.getValue()));
        }
        sb.append(String.format("%" + PREC + "s: %10d%n", "ERR", 0));
        return sb.toString();
    }

    static String softirqs(Kernel k) {
        StringBuilder sb = new StringBuilder();
        sb.append(" ".repeat(20)).append(String.format("CPU%-8d", 0)).append('\n');
        String[] names = {"HI", "TIMER", "NET_TX", "NET_RX", "BLOCK", "IRQ_POLL", "TASKLET", "SCHED", "HRTIMER", "RCU"};
        for (String n : names) {
            long v = n.equals("NET_RX") ? k.softirqRuns() : 0;
            sb.append(String.format("%12s: %10d%n", n, v));
        }
        return sb.toString();
    }
}
