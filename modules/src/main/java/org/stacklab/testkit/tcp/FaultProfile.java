package org.stacklab.testkit.tcp;

import org.stacklab.sim.Time;

/**
 * What a {@link TcpPipe} does to each segment, independently per direction, from the scenario seed:
 * lose it, deliver it twice, hold it back so later ones overtake it (reorder), flip one bit of it
 * (corrupt), and add random delay on top of the base one-way delay (jitter).
 */
public record FaultProfile(double loss, double duplicate, double reorder, double corrupt, long delayNs, long jitterNs,
                           long reorderDelayNs) {

    public static FaultProfile clean() { return new FaultProfile(0, 0, 0, 0, Time.us(500), 0, 0); }

    public FaultProfile withLoss(double p) { return new FaultProfile(p, duplicate, reorder, corrupt, delayNs, jitterNs, reorderDelayNs); }
    public FaultProfile withDuplicate(double p) { return new FaultProfile(loss, p, reorder, corrupt, delayNs, jitterNs, reorderDelayNs); }
    public FaultProfile withReorder(double p, long extraDelayNs) { return new FaultProfile(loss, duplicate, p, corrupt, delayNs, jitterNs, extraDelayNs); }
    public FaultProfile withCorrupt(double p) { return new FaultProfile(loss, duplicate, reorder, p, delayNs, jitterNs, reorderDelayNs); }
    public FaultProfile withDelay(long ns) { return new FaultProfile(loss, duplicate, reorder, corrupt, ns, jitterNs, reorderDelayNs); }
    public FaultProfile withJitter(long ns) { return new FaultProfile(loss, duplicate, reorder, corrupt, delayNs, ns, reorderDelayNs); }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (loss > 0) sb.append(" loss=").append(pct(loss));
        if (duplicate > 0) sb.append(" dup=").append(pct(duplicate));
        if (reorder > 0) sb.append(" reorder=").append(pct(reorder)).append("(+").append(Time.formatMs(reorderDelayNs)).append(')');
        if (corrupt > 0) sb.append(" corrupt=").append(pct(corrupt));
        sb.append(" delay=").append(Time.formatMs(delayNs));
        if (jitterNs > 0) sb.append(" jitter=").append(Time.formatMs(jitterNs));
        return sb.toString().trim();
    }

    private static String pct(double p) { return (Math.round(p * 1000) / 10.0) + "%"; }
}
