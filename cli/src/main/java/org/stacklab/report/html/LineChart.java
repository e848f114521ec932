package org.stacklab.report.html;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small step-line chart in inline SVG: time (ms) across, a value up, several series, a legend and
 * event marks on the time axis (a loss, a retransmission). TCP's variables change at events and hold
 * between them, so series are drawn as steps, not slopes.
 */
public final class LineChart {
    /** One series: points in (x, y); a NaN y leaves a hole (ssthresh before the first loss has no value). */
    public record Series(String name, String colour, boolean dashed, List<double[]> points) {}

    /** A vertical mark at {@code x} on the time axis, with a short name shown in the legend. */
    public record Mark(double x, String kind, String colour) {}

    private final String title, xUnit, yUnit;
    private final List<Series> series = new ArrayList<>();
    private final List<Mark> marks = new ArrayList<>();
    private double breakLongerThan = Double.MAX_VALUE;

    public LineChart(String title, String xUnit, String yUnit) {
        this.title = title;
        this.xUnit = xUnit;
        this.yUnit = yUnit;
    }

    public LineChart series(Series s) {
        series.add(s);
        return this;
    }

    public LineChart mark(Mark m) {
        marks.add(m);
        return this;
    }

    /**
     * Cuts out of the time axis every stretch longer than {@code x} in which nothing happened, drawn
     * as a narrow grey band with its length written in it. A lossy TCP transfer on a fast link is
     * bursts of microseconds between retransmission timeouts of 200 ms: on a plain time axis the
     * bursts, where cwnd moves, would be one pixel wide.
     */
    public LineChart breakIdleLongerThan(double x) {
        breakLongerThan = x;
        return this;
    }

    /** A stretch of the time axis that is drawn: [from, to] at pixels [px, px + width]. */
    private record Piece(double from, double to, double px, double width) {
        double x(double v) { return to == from ? px : px + (v - from) / (to - from) * width; }
    }

    private List<Piece> pieces(double pw) {
        java.util.TreeSet<Double> xs = new java.util.TreeSet<>();
        for (Series s : series) for (double[] p : s.points()) xs.add(p[0]);
        for (Mark m : marks) xs.add(m.x());
        List<double[]> spans = new ArrayList<>();
        double start = xs.isEmpty() ? 0 : xs.first(), prev = start;
        for (double x : xs) {
            if (x - prev > breakLongerThan) {
                spans.add(new double[] {start, prev});
                start = x;
            }
            prev = x;
        }
        spans.add(new double[] {start, xs.isEmpty() ? 1 : prev});
        double total = 0;
        for (double[] sp : spans) total += sp[1] - sp[0];
        if (total <= 0) total = 1;
        // Every burst gets at least a fifth of its fair share of the width, so a short one stays visible.
        double minimum = total / spans.size() / 5;
        double weights = 0;
        for (double[] sp : spans) weights += Math.max(sp[1] - sp[0], minimum);
        double free = pw - GAP_PX * (spans.size() - 1);
        List<Piece> out = new ArrayList<>();
        double px = L;
        for (double[] sp : spans) {
            double w = free * Math.max(sp[1] - sp[0], minimum) / weights;
            out.add(new Piece(sp[0], sp[1], px, w));
            px += w + GAP_PX;
        }
        return out;
    }

    private static double at(List<Piece> pieces, double v) {
        Piece p = pieces.get(0);
        for (Piece q : pieces) if (v >= q.from()) p = q;
        return Math.min(p.x(v), p.px() + p.width());
    }

    static final double GAP_PX = 64;

    static final double W = 1000, H = 420, L = 70, R = 170, T = 40, B = 60;

    public String draw() {
        double ymax = 0;
        for (Series s : series) for (double[] p : s.points()) if (!Double.isNaN(p[1])) ymax = Math.max(ymax, p[1]);
        double[] yt = ticks(0, Math.max(1, ymax));
        double y1 = yt[yt.length - 1];
        double pw = W - L - R, ph = H - T - B;
        List<Piece> pieces = pieces(pw);
        java.util.function.DoubleUnaryOperator sx = v -> at(pieces, v);
        java.util.function.DoubleUnaryOperator sy = v -> T + ph - v / y1 * ph;

        StringBuilder sb = new StringBuilder();
        sb.append("<svg class=\"chart\" width=\"").append(Svg.n(W)).append("\" height=\"").append(Svg.n(H))
          .append("\" viewBox=\"0 0 ").append(Svg.n(W)).append(' ').append(Svg.n(H)).append("\" role=\"img\" aria-label=\"")
          .append(Svg.esc(title)).append("\">");
        sb.append(Svg.text(L, 24, "charttitle", "start", title));
        for (double v : yt) {
            double y = sy.applyAsDouble(v);
            sb.append(Svg.line(L, y, L + pw, y, "grid")).append(Svg.text(L - 8, y + 4, "tick", "end", fmt(v)));
        }
        for (int i = 0; i < pieces.size(); i++) {
            Piece p = pieces.get(i);
            // Ticks inside this stretch, about one per 110 pixels; a narrow stretch shows only where it starts.
            double[] xt = p.width() < 110 || p.to() == p.from() ? new double[] {p.from()}
                    : ticks(p.from(), p.to(), Math.max(2, (int) (p.width() / 110)));
            double lastLabel = -1e9;
            for (double v : xt) {
                if (v < p.from() - 1e-9 || v > p.to() + 1e-9) continue;
                double x = p.x(v);
                sb.append(Svg.line(x, T, x, T + ph, "grid"));
                if (x - lastLabel >= 70) {
                    sb.append(Svg.text(x, T + ph + 18, "tick", "middle", fmt(v)));
                    lastLabel = x;
                }
            }
            if (i + 1 < pieces.size()) {
                Piece q = pieces.get(i + 1);
                double gx = p.px() + p.width();
                sb.append("<rect class=\"idle\" x=\"").append(Svg.n(gx + 4)).append("\" y=\"").append(Svg.n(T))
                  .append("\" width=\"").append(Svg.n(GAP_PX - 8)).append("\" height=\"").append(Svg.n(ph)).append("\"/>");
                sb.append(Svg.text(gx + GAP_PX / 2, T + 16, "idletext", "middle", fmt1(q.from() - p.to())));
                sb.append(Svg.text(gx + GAP_PX / 2, T + 30, "idletext", "middle", "idle"));
            }
        }
        sb.append(Svg.line(L, T + ph, L + pw, T + ph, "axis")).append(Svg.line(L, T, L, T + ph, "axis"));
        sb.append(Svg.text(L + pw / 2, H - 14, "axislabel", "middle", "time (" + xUnit + (pieces.size() > 1 ? "; idle stretches cut out" : "") + ")"));
        sb.append("<text class=\"axislabel\" text-anchor=\"middle\" transform=\"translate(20 ")
          .append(Svg.n(T + ph / 2)).append(") rotate(-90)\">").append(Svg.esc(yUnit)).append("</text>");

        List<String> markKinds = new ArrayList<>();
        for (Mark m : marks) {
            double x = sx.applyAsDouble(m.x());
            sb.append("<line class=\"mark\" x1=\"").append(Svg.n(x)).append("\" y1=\"").append(Svg.n(T))
              .append("\" x2=\"").append(Svg.n(x)).append("\" y2=\"").append(Svg.n(T + ph)).append("\" stroke=\"")
              .append(m.colour()).append("\"><title>").append(Svg.esc(m.kind() + " at " + fmt(m.x()) + " " + xUnit))
              .append("</title></line>");
            if (!markKinds.contains(m.kind() + "\u0000" + m.colour())) markKinds.add(m.kind() + "\u0000" + m.colour());
        }
        for (Series s : series) {
            StringBuilder d = new StringBuilder();
            boolean pen = false;
            for (double[] p : s.points()) {
                if (Double.isNaN(p[1])) { pen = false; continue; }
                double x = sx.applyAsDouble(p[0]), y = sy.applyAsDouble(p[1]);
                if (!pen) d.append('M').append(Svg.n(x)).append(' ').append(Svg.n(y));
                else d.append('H').append(Svg.n(x)).append('V').append(Svg.n(y));
                pen = true;
            }
            if (pen) d.append('H').append(Svg.n(sx.applyAsDouble(s.points().get(s.points().size() - 1)[0])));
            sb.append("<path class=\"series\" data-series=\"").append(Svg.esc(s.name())).append("\" d=\"").append(d)
              .append("\" stroke=\"").append(s.colour()).append('"').append(s.dashed() ? " stroke-dasharray=\"6 4\"" : "")
              .append("><title>").append(Svg.esc(s.name())).append("</title></path>");
        }
        // Legend, right of the plot.
        double ly = T + 10;
        for (Series s : series) {
            sb.append("<line x1=\"").append(Svg.n(W - R + 16)).append("\" y1=\"").append(Svg.n(ly)).append("\" x2=\"")
              .append(Svg.n(W - R + 44)).append("\" y2=\"").append(Svg.n(ly)).append("\" stroke=\"").append(s.colour())
              .append("\" stroke-width=\"3\"").append(s.dashed() ? " stroke-dasharray=\"6 4\"" : "").append("/>");
            sb.append(Svg.text(W - R + 52, ly + 4, "legend", "start", s.name()));
            ly += 22;
        }
        for (String k : markKinds) {
            String[] kc = k.split("\u0000");
            sb.append("<line x1=\"").append(Svg.n(W - R + 30)).append("\" y1=\"").append(Svg.n(ly - 8)).append("\" x2=\"")
              .append(Svg.n(W - R + 30)).append("\" y2=\"").append(Svg.n(ly + 8)).append("\" stroke=\"").append(kc[1])
              .append("\" stroke-width=\"2\"/>");
            sb.append(Svg.text(W - R + 52, ly + 4, "legend", "start", kc[0]));
            ly += 22;
        }
        sb.append("</svg>");
        return sb.toString();
    }

    /** Round tick values covering [lo, hi]: steps of 1, 2 or 5 times a power of ten, about six of them. */
    static double[] ticks(double lo, double hi) { return ticks(lo, hi, 6); }

    static double[] ticks(double lo, double hi, int count) {
        double raw = (hi - lo) / count;
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw / p < 1.5 ? p : raw / p < 3.5 ? 2 * p : raw / p < 7.5 ? 5 * p : 10 * p;
        double start = Math.floor(lo / step) * step, end = Math.ceil(hi / step) * step;
        int n = (int) Math.round((end - start) / step) + 1;
        double[] t = new double[n];
        for (int i = 0; i < n; i++) t[i] = start + i * step;
        return t;
    }

    static String fmt(double v) {
        if (Math.abs(v - Math.rint(v)) < 1e-9) return Long.toString(Math.round(v));
        return String.format(Locale.ROOT, "%.3f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    /** An idle stretch's length: 199.9 ms, 12.3 ms, 0.45 ms. */
    private String fmt1(double v) {
        return (v >= 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.2f", v)) + " " + xUnit;
    }

    static String css() {
        return """
            svg.chart { font-family: system-ui, 'DejaVu Sans', sans-serif; background: #fff; }
            svg.chart .charttitle { font-size: 15px; font-weight: bold; fill: #0f172a; }
            svg.chart .grid { stroke: #e2e8f0; }
            svg.chart .axis { stroke: #334155; stroke-width: 1.5; }
            svg.chart .tick { font-size: 12px; fill: #475569; }
            svg.chart .axislabel { font-size: 13px; fill: #0f172a; }
            svg.chart .legend { font-size: 13px; fill: #0f172a; }
            svg.chart .series { fill: none; stroke-width: 2.2; }
            svg.chart .mark { stroke-width: 1.5; opacity: 0.7; }
            svg.chart .idle { fill: #f1f5f9; }
            svg.chart .idletext { font-size: 11px; fill: #64748b; font-style: italic; }
            """;
    }
}
