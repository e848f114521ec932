package org.stacklab.syscall;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.NetDevice;
import org.stacklab.kernel.core.Sysctl;
import org.stacklab.kernel.ip.scaffold.InDevConf;
import org.stacklab.kernel.socket.Errno;
import org.stacklab.kernel.socket.Sock;

/**
 * {@code /proc/sys/net}: the kernel's network tunables as files, one value each, readable and
 * writable, as Linux's sysctl tree is ({@code echo 1 > /proc/sys/net/ipv4/conf/all/rp_filter},
 * and the {@code sysctl} program, which only reads and writes these files). A path names the
 * tunable with slashes for dots: {@code /proc/sys/net/ipv4/ip_forward} is {@code net.ipv4.ip_forward}.
 *
 * <p>The files that exist: every tunable the kernel holds a value for, and the per-device settings
 * of {@link InDevConf} under {@code net/ipv4/conf/{all,default,DEV}/} for every device (Linux's
 * values until one is written). Anything else is ENOENT; a value that is not an integer is EINVAL.
 */
public final class SysctlFs implements VirtualFs {
    public static final String MOUNT = "/proc/sys/net";
    private static final String ROOT = "/proc/sys/";

    private final Kernel kernel;

    private SysctlFs(Kernel kernel) {
        this.kernel = kernel;
    }

    static void mountOn(Vfs vfs, Kernel kernel) {
        vfs.mount(MOUNT, new SysctlFs(kernel));
    }

    /** The tunable's name for {@code path}, or null when no such file exists. */
    private String nameOf(String path) {
        if (!path.startsWith(ROOT)) return null;
        String name = path.substring(ROOT.length()).replace('/', '.');
        return names().contains(name) ? name : null;
    }

    /** Every tunable under net., sorted. */
    private TreeSet<String> names() {
        TreeSet<String> out = new TreeSet<>();
        for (String n : kernel.sysctl().all().keySet()) if (n.startsWith("net.") && !n.startsWith(InDevConf.PREFIX)) out.add(n);
        List<String> who = new ArrayList<>(List.of("all", "default"));
        for (NetDevice d : kernel.devices()) who.add(d.name());
        for (String w : who) for (String s : InDevConf.NAMES) out.add(InDevConf.PREFIX + w + "." + s);
        return out;
    }

    private long value(String name) {
        Sysctl sysctl = kernel.sysctl();
        if (name.startsWith(InDevConf.PREFIX)) {
            String rest = name.substring(InDevConf.PREFIX.length());
            int dot = rest.lastIndexOf('.');
            return InDevConf.shown(sysctl, rest.substring(0, dot), rest.substring(dot + 1));
        }
        return sysctl.get(name, 0);
    }

    @Override
    public OpenFile open(String path, int flags) {
        String name = nameOf(path);
        if (name == null) return null;
        byte[] content = (value(name) + "\n").getBytes(StandardCharsets.US_ASCII);
        return new OpenFile() {
            private int pos;

            @Override
            public int read(byte[] buf, int off, int len) {
                int n = Math.min(len, content.length - pos);
                System.arraycopy(content, pos, buf, off, n);
                pos += n;
                return n;
            }

            @Override
            public int write(byte[] buf, int off, int len) {
                String text = new String(buf, off, len, StandardCharsets.US_ASCII).trim();
                try {
                    kernel.sysctl().set(name, Long.parseLong(text));
                } catch (NumberFormatException e) {
                    return Errno.EINVAL.neg();
                }
                return len;
            }

            @Override public int poll() { return Sock.POLLIN | Sock.POLLOUT; }
            @Override public void release() {}
            @Override public boolean writable() { return true; }
        };
    }

    @Override
    public List<String> list(String path) {
        String dir = (path.endsWith("/") ? path : path + "/").substring(ROOT.length()).replace('/', '.');
        TreeSet<String> out = new TreeSet<>();
        for (String n : names()) {
            if (!n.startsWith(dir)) continue;
            String rest = n.substring(dir.length());
            int dot = rest.indexOf('.');
            out.add(dot < 0 ? rest : rest.substring(0, dot));
        }
        return new ArrayList<>(out);
    }
}
