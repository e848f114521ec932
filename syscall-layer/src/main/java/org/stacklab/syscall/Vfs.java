package org.stacklab.syscall;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.stacklab.kernel.core.Kernel;

/** The mount table of one host: which {@link VirtualFs} serves which path prefix. */
public final class Vfs {
    private final TreeMap<String, VirtualFs> mounts = new TreeMap<>();

    public static Vfs of(Kernel kernel) {
        return kernel.subsystem(Vfs.class, () -> {
            Vfs v = new Vfs();
            // Present from boot, as /proc is: the firewall's control file that iptables writes (IptablesCtlFs).
            IptablesCtlFs.mountOn(v, kernel);
            // And rtnetlink's request file that ip writes (ip addr add, ip link set, ip route get).
            RtNetlink.mountOn(v, kernel);
            // And /proc/sys/net, the network tunables the sysctl program reads and writes (SysctlFs).
            SysctlFs.mountOn(v, kernel);
            return v;
        });
    }

    /** {@code mount -t proc proc /proc}: {@code fs} serves every path under {@code mountPoint}. */
    public void mount(String mountPoint, VirtualFs fs) { mounts.put(strip(mountPoint), fs); }

    public void umount(String mountPoint) { mounts.remove(strip(mountPoint)); }

    public Map<String, VirtualFs> mounts() { return Map.copyOf(mounts); }

    /** The file system whose mount point is the longest prefix of {@code path}, or null. */
    public VirtualFs resolve(String path) {
        String best = mountPoint(path);
        return best == null ? null : mounts.get(best);
    }

    /** The longest mount point that is a prefix of {@code path}, or null. */
    public String mountPoint(String path) {
        String best = null;
        for (String m : mounts.keySet()) {
            if ((path.equals(m) || path.startsWith(m + "/") || m.isEmpty()) && (best == null || m.length() > best.length())) best = m;
        }
        return best;
    }

    public List<String> list(String path) {
        VirtualFs fs = resolve(path);
        return fs == null ? List.of() : fs.list(path);
    }

    private static String strip(String p) { return p.endsWith("/") ? p.substring(0, p.length() - 1) : p; }
}
