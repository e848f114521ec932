package org.stacklab.hw.demo;

import static org.stacklab.hw.bus.e1000.E1000Regs.*;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.stacklab.hw.Machine;
import org.stacklab.hw.link.EthernetSwitch;
import org.stacklab.hw.link.Frames;
import org.stacklab.hw.link.LinkSpec;
import org.stacklab.hw.link.Port;
import org.stacklab.hw.link.PortWrapper;
import org.stacklab.hw.link.Wire;
import org.stacklab.hw.nic.E1000;
import org.stacklab.hw.pcap.PcapTap;
import org.stacklab.hw.testing.RawE1000Driver;
import org.stacklab.sim.EventLoop;
import org.stacklab.sim.Time;

/**
 * The hardware on its own, before any kernel: three hosts with an e1000 each on a learning switch,
 * driven by {@link RawE1000Driver} from interrupt handlers. h1 broadcasts, h2 and h3 answer, h1
 * then talks to h2 alone, and the switch's learning shows in who receives what. Prints each frame as
 * a host's NIC receives it (tcpdump -e style), then the switch's MAC table, NIC counters and
 * /proc/interrupts. With a pcap path, h1's port is captured.
 */
public final class HardwareDemo {
    private static final int ETHERTYPE = 0x88B5; // IEEE 802 local experimental

    private final EventLoop loop;
    private final PrintStream out;
    private final List<Host> hosts = new ArrayList<>();
    private final EthernetSwitch sw;
    private PcapTap tap;

    private HardwareDemo(PrintStream out, long seed, Path pcap) {
        this.out = out;
        this.loop = EventLoop.virtual(seed);
        this.sw = new EthernetSwitch(loop, "sw0", 4);
        for (int i = 1; i <= 3; i++) {
            Machine m = new Machine(loop, "h" + i, 4L << 20);
            E1000 nic = m.addE1000(0x525400000000L + i);
            Port port = new Printing(nic.port(), "h" + i);
            if (i == 1 && pcap != null) port = tap = PcapTap.wrap(loop, port, pcap);
            Wire.connect(loop, port, sw.port(i - 1), LinkSpec.gigabit());
            hosts.add(new Host(m, nic));
        }
    }

    /** Runs the demo, printing to {@code out}; {@code pcap} may be null. */
    public static void run(PrintStream out, long seed, Path pcap) {
        new HardwareDemo(out, seed, pcap).run();
    }

    public static void main(String[] args) {
        Path pcap = null;
        long seed = 1;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--pcap")) pcap = Path.of(args[++i]);
            else if (args[i].equals("--seed")) seed = Long.parseLong(args[++i]);
        }
        run(System.out, seed, pcap);
    }

    private void run() {
        Host h1 = hosts.get(0), h2 = hosts.get(1), h3 = hosts.get(2);
        out.println("── emulated hardware: 3 hosts, one e1000 each, on switch sw0 (1 Gbit/s links) ──");
        for (Host h : hosts) out.println("  " + h.machine.name() + ": " + h.nic + ", irq " + h.nic.irq().number());
        out.println();
        out.println("h1 broadcasts; the switch floods it and learns where h1 is:");
        loop.schedule(Time.us(10), () -> h1.send(Frames.BROADCAST, "who is out there?"), "h1 send");
        loop.runUntilIdle();
        out.println();
        out.println("h2 and h3 answer h1 by unicast; the switch knows h1's port, so only h1 receives:");
        loop.schedule(Time.us(10), () -> h2.send(h1.nic.macAddress(), "h2 here"), "h2 send");
        loop.schedule(Time.us(11), () -> h3.send(h1.nic.macAddress(), "h3 here"), "h3 send");
        loop.runUntilIdle();
        out.println();
        out.println("h1 sends three frames to h2; h3 sees none of them:");
        for (int k = 0; k < 3; k++) {
            int n = k;
            loop.schedule(Time.us(10), () -> h1.send(h2.nic.macAddress(), "frame " + n + " for h2"), "h1 send");
        }
        loop.runUntilIdle();
        out.println();
        out.println("sw0 MAC table (bridge fdb show):");
        for (Map.Entry<Long, Integer> e : sw.macTable().entrySet()) {
            out.println("  " + Frames.formatMac(e.getKey()) + " port " + e.getValue());
        }
        out.println();
        out.println("NIC counters (clear-on-read statistics registers):");
        for (Host h : hosts) {
            out.printf("  %s: GPTC=%d GPRC=%d MPC=%d  frames the driver took: %d%n", h.machine.name(),
                    h.nic.mmio().read32(GPTC), h.nic.mmio().read32(GPRC), h.nic.mmio().read32(MPC), h.drv.received());
        }
        out.println();
        for (Host h : hosts) {
            out.println(h.machine.name() + "$ cat /proc/interrupts");
            out.print(h.machine.interrupts().procInterrupts().indent(2));
        }
        if (tap != null) {
            tap.close();
            out.println();
            out.println("wrote " + tap.writer().records() + " frames seen at h1's port to the pcap file");
        }
        out.println("virtual time " + Time.format(loop.now()) + " s, " + loop.eventsRun() + " events, seed " + loop.seed());
    }

    private final class Host {
        final Machine machine;
        final E1000 nic;
        final RawE1000Driver drv;

        Host(Machine machine, E1000 nic) {
            this.machine = machine;
            this.nic = nic;
            this.drv = new RawE1000Driver(nic, 0x10000, 16, 16);
            drv.init();
            drv.enableInterrupts(ICR_RXT0 | ICR_TXDW);
            nic.irq().request("eth0", () -> {
                drv.readIcr();
                while (drv.poll() != null) { /* the printing port already showed it */ }
                drv.reclaimTx();
            });
        }

        void send(long dst, String text) {
            byte[] payload = text.getBytes(StandardCharsets.US_ASCII);
            byte[] f = Frames.build(dst, nic.macAddress(), ETHERTYPE, 14 + payload.length);
            System.arraycopy(payload, 0, f, 14, payload.length);
            drv.send(f);
        }
    }

    /** Prints each frame arriving at a host's port. */
    private final class Printing extends PortWrapper {
        private final String host;

        Printing(Port inner, String host) {
            super(inner);
            this.host = host;
        }

        @Override
        public void receive(byte[] f) {
            int end = 14;
            while (end < f.length && f[end] != 0) end++;
            String text = new String(f, 14, end - 14, StandardCharsets.US_ASCII);
            out.printf("  %s %s rx  %s > %s, ethertype 0x%04x, length %d: \"%s\"%n", Time.format(loop.now()), host,
                    Frames.formatMac(Frames.src(f)), Frames.formatMac(Frames.dst(f)), Frames.etherType(f), f.length, text);
            super.receive(f);
        }
    }
}
