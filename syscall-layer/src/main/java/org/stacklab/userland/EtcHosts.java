package org.stacklab.userland;

import java.util.LinkedHashMap;
import java.util.Map;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.NetDevice;
import org.stacklab.scenario.Host;
import org.stacklab.scenario.Topology;
import org.stacklab.syscall.procfs.ProcFs;

/**
 * A host's /etc/hosts, the table {@link Resolver} reads names from ("h2" → 10.0.0.2). A scenario
 * (the topology builder, the shell, a test) fills it; programs see it as an ordinary file.
 */
public final class EtcHosts {
    private final Map<String, Integer> names = new LinkedHashMap<>();

    private EtcHosts() {}

    /** The table of {@code kernel}, made and mounted at /etc/hosts on first use (with localhost). */
    public static EtcHosts of(Kernel kernel) {
        return kernel.subsystem(EtcHosts.class, () -> {
            EtcHosts h = new EtcHosts();
            h.names.put("localhost", Ip4.LOOPBACK);
            h.names.put(kernel.hostname(), Ip4.LOOPBACK + 0x100); // Debian's 127.0.1.1 for the own name
            ProcFs.of(kernel).register("/etc/hosts", k -> h.render());
            return h;
        });
    }

    /**
     * Names every host of {@code topology} on every host: each host's first non-loopback address
     * (the others' names; a host's own name stays 127.0.1.1), as a lab network's /etc/hosts would.
     */
    public static void fill(Topology topology) {
        Map<String, Integer> addrs = new LinkedHashMap<>();
        for (Host h : topology.hosts()) {
            for (NetDevice d : h.kernel().devices()) {
                int a = d.primaryAddress();
                if (a != 0 && !Ip4.isLoopback(a)) {
                    addrs.putIfAbsent(h.name(), a);
                    break;
                }
            }
        }
        for (Host h : topology.hosts()) {
            EtcHosts e = of(h.kernel());
            addrs.forEach((n, a) -> { if (!n.equals(h.name())) e.add(n, a); });
        }
    }

    public EtcHosts add(String name, String address) { return add(name, Ip4.parse(address)); }

    public EtcHosts add(String name, int address) {
        names.put(name, address);
        return this;
    }

    /** The file's text: one {@code ADDRESS NAME} line per entry. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        names.forEach((n, a) -> sb.append(Ip4.format(a)).append('\t').append(n).append('\n'));
        return sb.toString();
    }
}
