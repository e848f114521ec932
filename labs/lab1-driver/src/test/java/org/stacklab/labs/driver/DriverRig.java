package org.stacklab.labs.driver;

import static org.junit.jupiter.api.Assertions.fail;
import static org.stacklab.hw.bus.e1000.E1000Regs.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.TestInfo;
import org.stacklab.hw.bus.HardwareFault;
import org.stacklab.hw.bus.Mmio;
import org.stacklab.hw.link.LinkSpec;
import org.stacklab.hw.nic.E1000;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.MacAddr;
import org.stacklab.kernel.core.ModuleSet;
import org.stacklab.kernel.core.NapiStruct;
import org.stacklab.kernel.core.NetDevice;
import org.stacklab.kernel.core.SkBuff;
import org.stacklab.kernel.driver.NicDriver;
import org.stacklab.kernel.driver.NicDriverModule;
import org.stacklab.scenario.Host;
import org.stacklab.scenario.Link;
import org.stacklab.scenario.LinkOptions;
import org.stacklab.scenario.Topology;
import org.stacklab.sim.Time;
import org.stacklab.testkit.TraceDir;
import org.stacklab.testkit.TracePcap;
import org.stacklab.testkit.WirePort;

/**
 * One host with one e1000 whose cable ends in a test port — the "wire" — that records every frame
 * the NIC puts on it and sends the frames a test makes:
 *
 * <pre>
 *   [ host h: your driver, no IP ] eth0 ==== cable ==== [ wire: records, injects ]
 * </pre>
 *
 * The driver is the one {@code stacklab.use} chooses (the reference unless the grader or
 * {@code -Dstacklab.use=driver.e1000=student} says otherwise). Frames carry the test ethertype
 * 0x88b5 and a sequence number in bytes 14..15; the host hands those to {@link #received}.
 */
final class DriverRig {
    static final int ETH_P_TEST = 0x88b5;
    static final long PEER_MAC = 0x020000000099L;

    final long seed;
    final Topology topo;
    final Host host;
    final WirePort wire = new WirePort();
    final Link link;
    /** Frames the host's stack received (whole frames, Ethernet header included). */
    final List<byte[]> received = new ArrayList<>();

    DriverRig(long seed) { this(seed, LinkSpec.gigabit(), k -> {}); }

    /** {@code tune} runs before the NIC is plugged in, so module parameters (ring sizes) reach probe. */
    DriverRig(long seed, LinkSpec spec, Consumer<Kernel> tune) {
        this.seed = TraceDir.seed(seed);
        topo = new Topology(this.seed, ModuleSet.parse(ModuleSet.REFERENCE, "ip=none,udp=none,tcp=none,filter=none"));
        host = topo.addHost("h");
        tune.accept(host.kernel());
        host.kernel().registerPacketType(ETH_P_TEST, (skb, dev) ->
                received.add(Arrays.copyOfRange(skb.buf(), skb.macHeader(), skb.tail())));
        link = topo.connect(host, "wire", wire, LinkOptions.of(spec));
        topo.run(Time.us(10));
    }

    // ------------------------------------------------------------------ the pieces

    E1000 nic() { return host.nic("eth0"); }

    Mmio regs() { return nic().mmio(); }

    /** eth0; fails with the explanation when probe did not create it. */
    NetDevice dev() {
        NetDevice d = host.kernel().device("eth0");
        if (d == null) fail("there is no eth0: the driver's probe failed or threw" + explain());
        return d;
    }

    NicDriverModule module() { return (NicDriverModule) host.kernel().module("e1000"); }

    NicDriver driver() { return module().driverOf(dev()); }

    NapiStruct napi() { return module().napiOf(dev()); }

    int reg(int off) { return regs().read32(off); }

    String impl() { return topo.modules().implFor("driver.e1000"); }

    // ------------------------------------------------------------------ traffic

    /** A test frame: to {@code dst}, from {@code src}, ethertype 0x88b5, sequence number {@code seq}, a byte pattern. */
    static byte[] frame(long dst, long src, int seq, int len) {
        byte[] f = new byte[len];
        MacAddr.write(dst, f, 0);
        MacAddr.write(src, f, 6);
        f[12] = (byte) (ETH_P_TEST >>> 8);
        f[13] = (byte) ETH_P_TEST;
        f[14] = (byte) (seq >>> 8);
        f[15] = (byte) seq;
        for (int i = 16; i < len; i++) f[i] = (byte) (seq * 7 + i);
        return f;
    }

    static int seqOf(byte[] f) { return ((f[14] & 0xff) << 8) | (f[15] & 0xff); }

    /** Hands {@code n} frames of {@code len} bytes to the kernel for eth0 (dev_queue_xmit), numbered from 0. */
    void send(int n, int len) { send(0, n, len); }

    void send(int first, int n, int len) {
        NetDevice eth0 = dev();
        for (int i = first; i < first + n; i++) {
            byte[] f = frame(PEER_MAC, eth0.mac(), i, len);
            SkBuff skb = SkBuff.allocWithHeadroom(len);
            int at = skb.put(len);
            System.arraycopy(f, 0, skb.buf(), at, len);
            skb.dev = eth0;
            host.kernel().devQueueXmit(skb);
        }
    }

    /** The wire sends {@code n} frames to the host back to back (queued at line rate), numbered from {@code first}. */
    void inject(int first, int n, int len) {
        for (int i = first; i < first + n; i++) wire.send(frame(nic().macAddress(), PEER_MAC, i, len));
    }

    /** One frame at a time, {@code gapNs} apart, running the scenario in between. */
    void injectPaced(int n, int len, long gapNs) {
        for (int i = 0; i < n; i++) {
            inject(i, 1, len);
            run(gapNs);
        }
    }

    void run(long ns) { topo.run(ns); }

    // ------------------------------------------------------------------ failure output

    /** What a failing test prints: the seed, the NIC's faults, its registers, the frames, the kernel log. */
    String explain() {
        StringBuilder sb = new StringBuilder();
        sb.append("\n  seed ").append(seed).append(" · driver.e1000=").append(impl())
                .append(" · replay: ./stacklab grade --lab lab1-driver --seed ").append(seed).append('\n');
        for (HardwareFault f : nic().faults()) sb.append("  ").append(f.getMessage().replace("\n", "\n  ")).append('\n');
        Mmio r = regs();
        sb.append(String.format("  registers now: RDLEN=%d RDH=%d RDT=%d  TDLEN=%d TDH=%d TDT=%d  IMS=0x%08x ITR=%d RCTL=0x%08x TCTL=0x%08x%n",
                r.read32(RDLEN), r.read32(RDH), r.read32(RDT), r.read32(TDLEN), r.read32(TDH), r.read32(TDT),
                r.read32(IMS), r.read32(ITR), r.read32(RCTL), r.read32(TCTL)));
        sb.append("  interrupts handled: ").append(nic().irq().count()).append(", raised by the NIC: ").append(nic().interruptsRaised()).append('\n');
        sb.append("  frames on the wire from the host: ").append(wire.frames.size()).append(", received by the host's stack: ").append(received.size()).append('\n');
        List<String> trace = host.kernel().trace().lines();
        sb.append("  packet trace on h (last ").append(Math.min(20, trace.size())).append(" of ").append(trace.size()).append("):\n");
        for (String l : trace.subList(Math.max(0, trace.size() - 20), trace.size())) sb.append("    ").append(l).append('\n');
        List<String> log = host.kernel().log().lines();
        sb.append("  kernel log (last lines):\n");
        for (String l : log.subList(Math.max(0, log.size() - 12), log.size())) sb.append("    ").append(l).append('\n');
        java.nio.file.Path pcap = TracePcap.write("lab1-driver-seed" + seed, host.kernel().trace().entries());
        if (pcap != null) sb.append("  pcap of h's frames: ").append(pcap).append("  (tcpdump -nr FILE, or Wireshark)\n");
        for (Throwable t : host.kernel().oopses()) {
            sb.append("  OOPS: ").append(t).append('\n');
            StackTraceElement[] st = t.getStackTrace();
            for (int i = 0; i < Math.min(4, st.length); i++) sb.append("      at ").append(st[i]).append('\n');
        }
        return sb.toString();
    }

    /** The end of every test: no oops, no hardware fault. */
    void assertHealthy() {
        if (!host.kernel().oopses().isEmpty() || !nic().faults().isEmpty()) {
            fail("the driver " + (nic().faults().isEmpty() ? "threw (an oops)" : "misprogrammed the NIC (a hardware fault)") + explain());
        }
    }

    /** The end of every test: its trace for {@code ./stacklab verify}, then no oops, no hardware fault. */
    void finish(TestInfo info) {
        TraceDir.write(info.getTestClass(), info.getTestMethod(), host.kernel().trace().lines());
        assertHealthy();
    }
}
