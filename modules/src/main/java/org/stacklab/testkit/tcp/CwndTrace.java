package org.stacklab.testkit.tcp;

import java.util.ArrayList;
import java.util.List;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.tcp.TcpControlBlock;
import org.stacklab.kernel.tcp.TcpState;
import org.stacklab.kernel.tcp.TcpStats;
import org.stacklab.sim.Time;
import org.stacklab.sim.Timer;

/**
 * The congestion window of a host's first connection over time, sampled on the virtual clock, and
 * drawn as a text chart: slow start's curve, the sawtooth of congestion avoidance, the cut at each
 * loss. Works with any TCP module that exports {@link TcpStats}.
 */
public final class CwndTrace {
    /** One sample: time, cwnd and ssthresh in bytes, bytes in flight. */
    public record Sample(long time, int cwnd, int ssthresh, int flight) {}

    private final Kernel kernel;
    private final long intervalNs;
    private final List<Sample> samples = new ArrayList<>();
    private Timer next;
    private boolean stopped;

    private CwndTrace(Kernel kernel, long intervalNs) {
        this.kernel = kernel;
        this.intervalNs = intervalNs;
    }

    /** Samples {@code kernel}'s first established connection every {@code intervalNs} until {@link #stop()}. */
    public static CwndTrace start(Kernel kernel, long intervalNs) {
        CwndTrace t = new CwndTrace(kernel, intervalNs);
        t.next = kernel.loop().schedule(intervalNs, t::sample, "cwnd trace");
        return t;
    }

    private void sample() {
        if (stopped) return;
        for (TcpControlBlock tcb : kernel.symbol(TcpStats.class).connections()) {
            if (tcb.state == TcpState.LISTEN || tcb.cwnd == 0) continue;
            samples.add(new Sample(kernel.now(), tcb.cwnd, tcb.ssthresh, tcb.flightSize()));
            break;
        }
        next = kernel.loop().schedule(intervalNs, this::sample, "cwnd trace");
    }

    public void stop() {
        stopped = true;
        if (next != null) next.cancel();
    }

    public List<Sample> samples() { return samples; }

    /** The chart: time across, cwnd (in segments of {@code mss}) up; {@code *} marks cwnd. */
    public String plot(int width, int height, int mss) {
        if (samples.isEmpty()) return "(no samples)\n";
        int max = 1;
        for (Sample s : samples) max = Math.max(max, s.cwnd() / mss);
        char[][] grid = new char[height][width];
        for (char[] row : grid) java.util.Arrays.fill(row, ' ');
        for (int x = 0; x < width; x++) {
            Sample s = samples.get((int) ((long) x * (samples.size() - 1) / Math.max(1, width - 1)));
            int y = (int) ((long) (s.cwnd() / mss) * (height - 1) / max);
            grid[height - 1 - y][x] = '*';
        }
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < height; r++) {
            int label = (height - 1 - r) * max / (height - 1);
            sb.append(String.format("%5d |", label)).append(grid[r]).append('\n');
        }
        sb.append("      +").append("-".repeat(width)).append('\n');
        sb.append(String.format("       cwnd (segments) from %s to %s%n",
                Time.format(samples.get(0).time()), Time.format(samples.get(samples.size() - 1).time())));
        return sb.toString();
    }
}
