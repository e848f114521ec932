package org.stacklab.kernel.tcp;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * TCP MIB counters, as {@code nstat}/{@code netstat -s} show them (RFC 4022 names where one exists).
 * One instance per connection and one per host; {@link #add} folds a connection's into the host's.
 */
public final class TcpCounters {
    public long inSegs, outSegs, retransSegs, inErrs, badChecksum, outRsts, inRsts;
    public long dupAcks, rtoExpiries, fastRetransmits, ofoQueued, ofoDropped, challengeAcks;
    public long activeOpens, passiveOpens, attemptFails, estabResets, persistProbes, delayedAcks;
    public long bytesSent, bytesAcked, bytesReceived, listenDrops;
    /** ICMP errors whose quoted sequence number lay outside SND.UNA..SND.MAX, ignored (RFC 5927 §4.1). */
    public long outOfWindowIcmps;
    /** Final ACKs of a handshake dropped because the accept queue was full (Linux's TcpExt ListenOverflows). */
    public long listenOverflows;
    /**
     * Segments dropped because an option's length byte was 0 or 1 or ran past the data offset
     * (RFC 9293 §3.1 lets a receiver drop them). StackLab's own TcpExt counter: Linux's
     * tcp_parse_options stops parsing at such an option and keeps the segment, so it counts nothing.
     */
    public long badOptions;

    /** The counters by name, in a fixed order (for nstat, ss -i and test messages). */
    public Map<String, Long> toMap() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("InSegs", inSegs);
        m.put("OutSegs", outSegs);
        m.put("RetransSegs", retransSegs);
        m.put("InErrs", inErrs);
        m.put("InCsumErrors", badChecksum);
        m.put("OutRsts", outRsts);
        m.put("InRsts", inRsts);
        m.put("DupAcks", dupAcks);
        m.put("RtoExpiries", rtoExpiries);
        m.put("FastRetrans", fastRetransmits);
        m.put("OfoQueue", ofoQueued);
        m.put("OfoDrop", ofoDropped);
        m.put("ChallengeACK", challengeAcks);
        m.put("ActiveOpens", activeOpens);
        m.put("PassiveOpens", passiveOpens);
        m.put("AttemptFails", attemptFails);
        m.put("EstabResets", estabResets);
        m.put("PersistProbes", persistProbes);
        m.put("DelayedACKs", delayedAcks);
        m.put("BytesSent", bytesSent);
        m.put("BytesAcked", bytesAcked);
        m.put("BytesReceived", bytesReceived);
        m.put("ListenOverflows", listenOverflows);
        m.put("ListenDrops", listenDrops);
        m.put("OutOfWindowIcmps", outOfWindowIcmps);
        m.put("TCPBadOptions", badOptions);
        return m;
    }

    public void add(TcpCounters o) {
        inSegs += o.inSegs; outSegs += o.outSegs; retransSegs += o.retransSegs; inErrs += o.inErrs;
        badChecksum += o.badChecksum; outRsts += o.outRsts; inRsts += o.inRsts; dupAcks += o.dupAcks;
        rtoExpiries += o.rtoExpiries; fastRetransmits += o.fastRetransmits; ofoQueued += o.ofoQueued;
        ofoDropped += o.ofoDropped; challengeAcks += o.challengeAcks; activeOpens += o.activeOpens;
        passiveOpens += o.passiveOpens; attemptFails += o.attemptFails; estabResets += o.estabResets;
        persistProbes += o.persistProbes; delayedAcks += o.delayedAcks; bytesSent += o.bytesSent;
        bytesAcked += o.bytesAcked; bytesReceived += o.bytesReceived; listenDrops += o.listenDrops;
        outOfWindowIcmps += o.outOfWindowIcmps;
        listenOverflows += o.listenOverflows; badOptions += o.badOptions;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        toMap().forEach((k, v) -> { if (v != 0) sb.append(sb.length() == 0 ? "" : " ").append(k).append('=').append(v); });
        return sb.toString();
    }
}
