package org.stacklab.userland;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.stacklab.syscall.Program;

/** The programs installed on every emulated host (its /bin), by name; each run gets a fresh instance. */
public final class Programs {
    private static final Map<String, Supplier<Program>> BIN = new TreeMap<>();

    static {
        install("ping", Ping::new);
        install("ss", Ss::new);
        install("ip", Ip::new);
        install("cat", Cat::new);
        install("lsmod", Lsmod::new);
        install("insmod", Insmod::new);
        install("rmmod", Rmmod::new);
        install("dmesg", Dmesg::new);
        install("nc", Nc::new);
        install("echo-server", EchoServer::new);
        install("httpd", HttpServer::new);
        install("http-get", HttpGet::new);
        install("iptables", Iptables::new);
        install("grep", Grep::new);
        install("head", Head::head);
        install("tail", Head::tail);
        install("wc", Wc::new);
        install("sysctl", Sysctl::new);
    }

    private Programs() {}

    /** Adds a program (nc, echo servers, a student's program) under {@code name}. */
    public static synchronized void install(String name, Supplier<Program> factory) {
        BIN.put(name, factory);
    }

    /** A fresh instance of the program called {@code name}, or null if there is none. */
    public static synchronized Program lookup(String name) {
        Supplier<Program> s = BIN.get(name);
        return s == null ? null : s.get();
    }

    public static synchronized Set<String> names() { return new java.util.TreeSet<>(BIN.keySet()); }
}
