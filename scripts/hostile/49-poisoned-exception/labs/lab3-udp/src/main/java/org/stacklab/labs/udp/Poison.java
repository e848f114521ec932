package org.stacklab.labs.udp;

/** An exception that fights whoever describes it. */
final class Poison extends RuntimeException {
    private final boolean endless;

    Poison(boolean endless) {
        super(null, null, false, false);
        this.endless = endless;
    }

    @Override
    public String getMessage() { throw new IllegalStateException("no message for you"); }

    @Override
    public String getLocalizedMessage() { throw new IllegalStateException("no message for you"); }

    @Override
    public String toString() { throw new IllegalStateException("no string for you"); }

    @Override
    public StackTraceElement[] getStackTrace() {
        StackTraceElement[] s = new StackTraceElement[200_000];
        java.util.Arrays.fill(s, new StackTraceElement("org.stacklab.labs.udp.Poison", "again", "Poison.java", 1));
        return s;
    }

    @Override
    public synchronized Throwable getCause() { return endless ? new Poison(true) : null; }
}
