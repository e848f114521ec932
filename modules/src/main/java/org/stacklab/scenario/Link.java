package org.stacklab.scenario;

import org.stacklab.hw.link.FaultInjector;
import org.stacklab.hw.link.Wire;
import org.stacklab.hw.pcap.PcapTap;

/**
 * One cable of a {@link Topology}: its ends by name ({@code h1:eth0}, {@code sw0:p1}), the wire
 * (plug and unplug it, read its counters) and the fault injectors and pcap tap wrapped around it.
 */
public final class Link {
    private final String endA;
    private final String endB;
    private final Wire wire;
    private final FaultInjector faultsToA;
    private final FaultInjector faultsToB;
    private final PcapTap tap;

    Link(String endA, String endB, Wire wire, FaultInjector faultsToA, FaultInjector faultsToB, PcapTap tap) {
        this.endA = endA;
        this.endB = endB;
        this.wire = wire;
        this.faultsToA = faultsToA;
        this.faultsToB = faultsToB;
        this.tap = tap;
    }

    public String endA() { return endA; }
    public String endB() { return endB; }
    public Wire wire() { return wire; }

    /** The injector on frames arriving at the first end; a no-op until given faults (setSpec). */
    public FaultInjector faultsToA() { return faultsToA; }

    /** The injector on frames arriving at the second end; a no-op until given faults. */
    public FaultInjector faultsToB() { return faultsToB; }

    /** The pcap tap, or null. */
    public PcapTap tap() { return tap; }

    @Override
    public String toString() { return endA + " <-> " + endB + " " + wire.spec(); }
}
