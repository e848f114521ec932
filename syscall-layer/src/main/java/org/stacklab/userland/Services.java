package org.stacklab.userland;

import java.util.Map;

/** The well-known ports of /etc/services that ss and netstat print by name. */
public final class Services {
    private Services() {}

    private static final Map<Integer, String> BOTH = Map.ofEntries(
            Map.entry(7, "echo"), Map.entry(22, "ssh"), Map.entry(53, "domain"), Map.entry(80, "http"),
            Map.entry(123, "ntp"), Map.entry(443, "https"), Map.entry(3306, "mysql"), Map.entry(5432, "postgresql"),
            Map.entry(8080, "http-alt"), Map.entry(21, "ftp"), Map.entry(23, "telnet"), Map.entry(25, "smtp"));

    /** The service name for {@code port}, or the number as text. */
    public static String name(int port, String proto) {
        String n = BOTH.get(port);
        return n == null ? Integer.toString(port) : n;
    }
}
