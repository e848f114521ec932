package org.stacklab.testkit.tcp;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.ModuleSet;
import org.stacklab.kernel.ip.IpStack;
import org.stacklab.kernel.tcp.TcpCounters;
import org.stacklab.kernel.tcp.TcpStats;
import org.stacklab.sim.EventLoop;
import org.stacklab.sim.SeededRandom;

/**
 * Two hosts, A (10.0.0.1) and B (10.0.0.2), each running the TCP module over a {@link TestIpLayer},
 * joined by a link that carries each segment through the event loop with the {@link FaultProfile}'s
 * loss, duplication, reordering, corruption and jitter, all drawn from the scenario seed.
 */
public final class TcpPipe {
    public static final int A = Ip4.parse("10.0.0.1");
    public static final int B = Ip4.parse("10.0.0.2");
    private static final int LADDER_KEEP = 60;

    private final long seed;
    private final EventLoop loop;
    private final Kernel a, b;
    private final TestIpLayer ipA, ipB;
    private final FaultProfile faults;
    private final ArrayDeque<WireSegment> recent = new ArrayDeque<>();
    private long carried, lost, duplicated, reordered, corruptedDelivered;

    private TcpPipe(long seed, FaultProfile faults, ModuleSet set) {
        this.seed = seed;
        this.faults = faults;
        this.loop = EventLoop.virtual(seed);
        this.a = new Kernel("A", loop, set);
        this.b = new Kernel("B", loop, set);
        this.ipA = new TestIpLayer(A);
        this.ipB = new TestIpLayer(B);
        ipA.setRecording(false);
        ipB.setRecording(false);
        a.insmod(ipA);
        b.insmod(ipB);
        a.insmod("tcp");
        b.insmod("tcp");
        SeededRandom ab = loop.random().fork("link A->B");
        SeededRandom ba = loop.random().fork("link B->A");
        ipA.setWire(w -> carry(w, ipB, ab));
        ipB.setWire(w -> carry(w, ipA, ba));
    }

    public static TcpPipe create(long seed, FaultProfile faults) {
        return new TcpPipe(seed, faults, ModuleSet.parse(ModuleSet.REFERENCE, null));
    }

    public static TcpPipe create(long seed, FaultProfile faults, ModuleSet set) { return new TcpPipe(seed, faults, set); }

    private void carry(WireSegment w, TestIpLayer to, SeededRandom rnd) {
        carried++;
        if (rnd.chance(faults.loss())) {
            lost++;
            remember(w, "lost");
            return;
        }
        int copies = rnd.chance(faults.duplicate()) ? 2 : 1;
        if (copies == 2) duplicated++;
        for (int i = 0; i < copies; i++) {
            long delay = faults.delayNs() + (faults.jitterNs() > 0 ? rnd.nextLong(faults.jitterNs()) : 0);
            String note = copies == 2 ? "duplicated" : "";
            if (rnd.chance(faults.reorder())) {
                delay += faults.reorderDelayNs();
                reordered++;
                note = (note + " delayed").trim();
            }
            byte[] bytes = w.bytes;
            boolean corrupt = rnd.chance(faults.corrupt());
            if (corrupt) {
                bytes = bytes.clone();
                int bit = rnd.nextInt(bytes.length * 8);
                bytes[bit >>> 3] ^= (byte) (1 << (bit & 7));
                note = (note + " corrupted bit " + bit).trim();
            }
            if (i == 0) remember(w, note);
            byte[] deliver = bytes;
            loop.schedule(delay, () -> {
                if (corrupt) corruptedDelivered++;
                to.inject(IpStack.PROTO_TCP, w.saddr, w.daddr, deliver);
            }, "link");
        }
    }

    private void remember(WireSegment w, String note) {
        w.note = note;
        if (recent.size() >= LADDER_KEEP) recent.removeFirst();
        recent.addLast(w);
    }

    public EventLoop loop() { return loop; }
    public Kernel a() { return a; }
    public Kernel b() { return b; }
    public long seed() { return seed; }
    public FaultProfile faults() { return faults; }

    /** Sets a sysctl on both hosts. */
    public TcpPipe sysctl(String name, long value) {
        a.sysctl().set(name, value);
        b.sysctl().set(name, value);
        return this;
    }

    public long carried() { return carried; }
    public long lost() { return lost; }
    public long duplicated() { return duplicated; }
    public long reordered() { return reordered; }
    /** Corrupted copies that reached a host (each must be caught by the checksum). */
    public long corruptedDelivered() { return corruptedDelivered; }

    /** Host-wide TCP counters of {@code k} (A or B). */
    public static TcpCounters counters(Kernel k) { return k.symbol(TcpStats.class).counters(); }

    /** The last segments on the link as a ladder, with their fate. */
    public String ladder() { return Ladder.draw(new ArrayList<>(recent), A, LADDER_KEEP); }

    /** A failure report: message, seed, faults, ladder, both kernel logs' tails. */
    public AssertionError failure(String message) {
        StringBuilder sb = new StringBuilder(message);
        sb.append("\n\nseed ").append(seed).append("  faults: ").append(faults)
                .append("  replay: TcpPipe.create(").append(seed).append("L, ...)\n")
                .append("link: carried=").append(carried).append(" lost=").append(lost).append(" dup=").append(duplicated)
                .append(" reordered=").append(reordered).append(" corrupted=").append(corruptedDelivered).append('\n')
                .append("A counters: ").append(counters(a)).append('\n')
                .append("B counters: ").append(counters(b)).append("\n\n")
                .append(ladder());
        for (Kernel k : List.of(a, b)) {
            List<String> log = k.log().lines();
            sb.append("\nkernel log ").append(k.hostname()).append(":\n  ")
                    .append(String.join("\n  ", log.subList(Math.max(0, log.size() - 12), log.size())));
        }
        return new AssertionError(sb.toString());
    }
}
