package org.stacklab.sim;

/** Virtual-time units and formatting. All times are nanoseconds in a {@code long}. */
public final class Time {
    public static final long NS = 1, US = 1_000, MS = 1_000_000, SEC = 1_000_000_000;

    private Time() {}

    public static long ns(long n) { return n; }
    public static long us(long n) { return n * US; }
    public static long ms(long n) { return n * MS; }
    public static long s(long n) { return n * SEC; }
    public static long seconds(double s) { return Math.round(s * SEC); }

    /** {@code 12.000345} — seconds with microsecond precision, as tcpdump prints timestamps. */
    public static String format(long nanos) {
        long us = nanos / US;
        return String.format("%d.%06d", us / 1_000_000, us % 1_000_000);
    }

    /** {@code 212.004ms} — milliseconds with three decimals, for messages. */
    public static String formatMs(long nanos) {
        return String.format("%d.%03dms", nanos / MS, (nanos % MS) / US);
    }

    /** Parses {@code 5s}, {@code 200ms}, {@code 30us}, {@code 100ns}, {@code 1.5s}. */
    public static long parse(String text) {
        String t = text.trim().toLowerCase();
        long unit;
        String num;
        if (t.endsWith("ms")) { unit = MS; num = t.substring(0, t.length() - 2); }
        else if (t.endsWith("us")) { unit = US; num = t.substring(0, t.length() - 2); }
        else if (t.endsWith("ns")) { unit = NS; num = t.substring(0, t.length() - 2); }
        else if (t.endsWith("s")) { unit = SEC; num = t.substring(0, t.length() - 1); }
        else throw new IllegalArgumentException("not a duration: '" + text + "' (use e.g. 5s, 200ms, 30us)");
        try {
            return Math.round(Double.parseDouble(num) * unit);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (use e.g. 5s, 200ms, 30us)");
        }
    }
}
