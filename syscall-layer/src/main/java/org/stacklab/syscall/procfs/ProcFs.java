package org.stacklab.syscall.procfs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.stacklab.kernel.core.Kernel;

/**
 * The read-only pseudo files of one host's kernel: /proc (procfs), the /dev/kmsg log device and the
 * {@link NetlinkDump netlink dumps}. Like Linux's seq_file, a file's whole content is generated from
 * kernel state when it is opened, so one read sees one consistent snapshot.
 *
 * <p>The syscall layer's open() asks {@link #open} for any path {@link #handles} claims; the result
 * is an ordinary file description with its own offset. Generators reach the kernel only through its
 * contracts (NetDevice, IpStack, InetSockets/SockInfo, the module table, the log).
 */
public final class ProcFs {
    private final Kernel kernel;
    private final Map<String, Function<Kernel, String>> files = new TreeMap<>();

    private ProcFs(Kernel kernel) {
        this.kernel = kernel;
        register("/proc/interrupts", ProcInterrupts::interrupts);
        register("/proc/softirqs", ProcInterrupts::softirqs);
        register("/proc/modules", ProcModules::generate);
        register("/proc/net/dev", ProcNetDev::generate);
        register("/proc/net/tcp", k -> ProcNetSockets.generate(k, ProcNetSockets.TCP));
        register("/proc/net/udp", k -> ProcNetSockets.generate(k, ProcNetSockets.UDP));
        register("/proc/net/arp", ProcNetIpv4::arp);
        register("/proc/net/route", ProcNetIpv4::route);
        register("/proc/net/snmp", ProcNetIpv4::snmp);
        register("/proc/net/sockstat", ProcNetSockets::sockstat);
        register("/proc/net/netstat", ProcNetIpv4::netstat);
        register("/proc/sys/kernel/hostname", k -> k.hostname() + "\n");
        register("/dev/kmsg", Kmsg::generate);
        register(NetlinkDump.LINK, NetlinkDump::links);
        register(NetlinkDump.ADDR, NetlinkDump::addresses);
        register(NetlinkDump.ROUTE, NetlinkDump::routes);
        register(NetlinkDump.NEIGH, NetlinkDump::neighbours);
        register(NetlinkDump.SOCK_DIAG, NetlinkDump::sockets);
    }

    /** This kernel's procfs (a per-kernel subsystem, made on first use). */
    public static ProcFs of(Kernel kernel) {
        return kernel.subsystem(ProcFs.class, () -> new ProcFs(kernel));
    }

    /** Whether {@code path} lies in a tree this file system serves (so open() must not look elsewhere). */
    public static boolean handles(String path) {
        return path.equals("/proc") || path.startsWith("/proc/") || path.equals("/dev/kmsg");
    }

    /**
     * Whether open() must come here for {@code path}: the /proc tree and /dev/kmsg, and any other
     * path a generator was registered for (the shell's /etc/hosts, written from the topology).
     */
    public boolean serves(String path) { return handles(path) || files.containsKey(path); }

    /** Adds a file (a module's own /proc entry, as proc_create does). */
    public void register(String path, Function<Kernel, String> generator) {
        files.put(path, generator);
    }

    public boolean exists(String path) { return files.containsKey(path); }

    /** Whether {@code path} is a directory: a proper prefix of some file. */
    public boolean isDirectory(String path) {
        String dir = path.endsWith("/") ? path : path + "/";
        for (String f : files.keySet()) if (f.startsWith(dir)) return true;
        return false;
    }

    /** Names directly inside directory {@code path}, sorted. */
    public List<String> list(String path) {
        String dir = path.endsWith("/") ? path : path + "/";
        List<String> out = new ArrayList<>();
        for (String f : files.keySet()) {
            if (!f.startsWith(dir)) continue;
            String rest = f.substring(dir.length());
            int slash = rest.indexOf('/');
            String name = slash < 0 ? rest : rest.substring(0, slash);
            if (!out.contains(name)) out.add(name);
        }
        return out;
    }

    /** The file's content generated now, or null if there is no such file. */
    public String generate(String path) {
        Function<Kernel, String> g = files.get(path);
        return g == null ? null : g.apply(kernel);
    }

    /** Opens {@code path}: a snapshot with its own read offset, or null (ENOENT). */
    public ProcFile open(String path) {
        String text = generate(path);
        return text == null ? null : new ProcFile(path, text.getBytes(StandardCharsets.UTF_8));
    }
}
