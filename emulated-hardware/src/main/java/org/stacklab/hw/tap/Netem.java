package org.stacklab.hw.tap;

import java.util.Locale;
import org.stacklab.hw.link.Port;
import org.stacklab.hw.link.PortWrapper;
import org.stacklab.sim.EventLoop;
import org.stacklab.sim.SeededRandom;
import org.stacklab.sim.Time;

/**
 * What Linux's {@code tc qdisc add dev TAP root netem loss L% reorder R% delay D} does to the
 * frames Linux sends out of a TAP, done at the bridge instead: for kernels built without
 * {@code sch_netem} (many VM and CI kernels), so the same impairment can still be tested. Wrap the
 * port the bridge delivers to; frames the port sends are untouched, as netem on the TAP's egress
 * leaves Linux's incoming frames alone.
 *
 * <p>netem's rules (tc-netem(8)): a frame is lost with probability L; otherwise, with probability
 * R it is sent at once and all others wait D, so the immediate ones overtake the delayed ones.
 * The random stream is forked from the scenario seed.
 */
public final class Netem extends PortWrapper {
    /** The impairment: probabilities 0..1 and a constant delay. */
    public record Spec(double loss, double reorder, long delayNs) {
        public Spec {
            if (!(loss >= 0 && loss <= 1) || !(reorder >= 0 && reorder <= 1) || delayNs < 0) {
                throw new IllegalArgumentException("netem: loss and reorder must be 0..100%, delay >= 0");
            }
        }

        /**
         * Parses tc's words: {@code loss 5% reorder 10% delay 5ms} (any order, each optional; delay
         * in us, ms or s).
         */
        public static Spec parse(String text) {
            String[] w = text.trim().toLowerCase(Locale.ROOT).split("\\s+");
            double loss = 0, reorder = 0;
            long delay = 0;
            if (w.length % 2 != 0) throw new IllegalArgumentException("netem: expected 'loss 5% reorder 10% delay 5ms', got '" + text + "'");
            for (int i = 0; i < w.length; i += 2) {
                switch (w[i]) {
                    case "loss" -> loss = percent(w[i + 1]);
                    case "reorder" -> reorder = percent(w[i + 1]);
                    case "delay" -> delay = duration(w[i + 1]);
                    default -> throw new IllegalArgumentException("netem: unknown '" + w[i] + "' (loss, reorder, delay)");
                }
            }
            return new Spec(loss, reorder, delay);
        }

        private static double percent(String v) {
            return Double.parseDouble(v.endsWith("%") ? v.substring(0, v.length() - 1) : v) / 100.0;
        }

        private static long duration(String v) {
            if (v.endsWith("us")) return Math.round(Double.parseDouble(v.substring(0, v.length() - 2)) * Time.US);
            if (v.endsWith("ms")) return Math.round(Double.parseDouble(v.substring(0, v.length() - 2)) * Time.MS);
            if (v.endsWith("s")) return Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * Time.SEC);
            throw new IllegalArgumentException("netem: delay '" + v + "' needs a unit (us, ms, s)");
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "loss %s%% reorder %s%% delay %sms", trim(loss * 100), trim(reorder * 100),
                    trim(delayNs / (double) Time.MS));
        }

        private static String trim(double d) {
            return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
        }
    }

    private final EventLoop loop;
    private final SeededRandom rnd;
    private final Spec spec;
    private long passed, lost, reordered;

    private Netem(EventLoop loop, Port inner, Spec spec) {
        super(inner);
        this.loop = loop;
        this.spec = spec;
        this.rnd = loop.random().fork("netem:" + inner.name());
    }

    /** Frames arriving at {@code port} suffer {@code spec}. */
    public static Netem wrap(EventLoop loop, Port port, Spec spec) { return new Netem(loop, port, spec); }

    @Override
    public void receive(byte[] frame) {
        if (rnd.chance(spec.loss())) {
            lost++;
            return;
        }
        if (spec.delayNs() == 0 || rnd.chance(spec.reorder())) {
            if (spec.delayNs() > 0) reordered++;
            deliver(frame);
        } else {
            loop.schedule(spec.delayNs(), () -> deliver(frame), "netem delay");
        }
    }

    private void deliver(byte[] frame) {
        passed++;
        inner.receive(frame);
    }

    public Spec spec() { return spec; }

    @Override
    public String toString() {
        return "netem " + spec + ": passed " + passed + ", lost " + lost + ", sent early (reordered) " + reordered;
    }
}
