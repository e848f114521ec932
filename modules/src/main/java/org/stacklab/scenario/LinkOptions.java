package org.stacklab.scenario;

import java.nio.file.Path;
import org.stacklab.hw.link.FaultSpec;
import org.stacklab.hw.link.LinkSpec;

/**
 * How a {@link Topology} link is built: the cable ({@link LinkSpec}), faults injected on the frames
 * arriving at either end, and an optional pcap capture at the first end. Immutable; start from
 * {@link #gigabit()} and change what you need.
 *
 * @param spec      bandwidth, delay, MTU of the cable
 * @param faultsToA faults on frames arriving at the first end (the host, for a host-switch link)
 * @param faultsToB faults on frames arriving at the second end
 * @param pcap      file to capture the first end's traffic into, or null
 */
public record LinkOptions(LinkSpec spec, FaultSpec faultsToA, FaultSpec faultsToB, Path pcap) {
    public static LinkOptions gigabit() { return new LinkOptions(LinkSpec.gigabit(), FaultSpec.NONE, FaultSpec.NONE, null); }

    public static LinkOptions of(LinkSpec spec) { return new LinkOptions(spec, FaultSpec.NONE, FaultSpec.NONE, null); }

    public LinkOptions withSpec(LinkSpec s) { return new LinkOptions(s, faultsToA, faultsToB, pcap); }

    /** The same faults in both directions. */
    public LinkOptions withFaults(FaultSpec f) { return new LinkOptions(spec, f, f, pcap); }

    public LinkOptions withFaultsToA(FaultSpec f) { return new LinkOptions(spec, f, faultsToB, pcap); }

    public LinkOptions withFaultsToB(FaultSpec f) { return new LinkOptions(spec, faultsToA, f, pcap); }

    public LinkOptions withPcap(Path file) { return new LinkOptions(spec, faultsToA, faultsToB, file); }
}
