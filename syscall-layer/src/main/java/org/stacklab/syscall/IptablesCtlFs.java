package org.stacklab.syscall;

import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.filter.IptablesControl;
import org.stacklab.kernel.filter.PacketFilter;
import org.stacklab.kernel.socket.Sock;

/**
 * Serves the firewall's control file {@value IptablesControl#CONTROL_FILE}, through which the
 * {@code iptables} program reaches the kernel (StackLab's stand-in for the IPT_SO_SET_REPLACE /
 * IPT_SO_GET_ENTRIES socket options; see {@link IptablesControl}). Each open gets its own command
 * buffer, so two iptables processes never see each other's output. Without a filter module loaded
 * the file does not exist (ENOENT), and iptables says "Table does not exist (do you need to insmod?)".
 */
public final class IptablesCtlFs implements VirtualFs {
    private final Kernel kernel;

    private IptablesCtlFs(Kernel kernel) {
        this.kernel = kernel;
    }

    /** Mounts the control file on {@code kernel}'s VFS (every host's {@link Vfs#of} does it at boot). */
    public static void mount(Kernel kernel) {
        mountOn(Vfs.of(kernel), kernel);
    }

    static void mountOn(Vfs vfs, Kernel kernel) {
        vfs.mount(IptablesControl.CONTROL_FILE, new IptablesCtlFs(kernel));
    }

    @Override
    public OpenFile open(String path, int flags) {
        if (!IptablesControl.CONTROL_FILE.equals(path) || kernel.findSymbol(PacketFilter.class) == null) return null;
        IptablesControl.OpenFile f = new IptablesControl.OpenFile(kernel);
        return new OpenFile() {
            @Override public int read(byte[] buf, int off, int len) { return f.read(buf, off, len); }
            @Override public int write(byte[] buf, int off, int len) { return f.write(buf, off, len); }
            @Override public int poll() { return Sock.POLLIN | Sock.POLLOUT; }
            @Override public void release() {}
            @Override public boolean writable() { return true; }
        };
    }
}
