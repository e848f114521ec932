package org.stacklab.userland;

import java.util.List;
import org.stacklab.kernel.socket.Errno;
import org.stacklab.syscall.Program;
import org.stacklab.syscall.UserProcess;

/**
 * {@code rmmod NAME}: unloads a module through delete_module(2). Like kmod's rmmod it first reads
 * the module's state and holders (here from /proc/modules) so a refusal names who holds it.
 */
public final class Rmmod implements Program {
    @Override
    public int main(UserProcess proc, String[] argv) {
        if (argv.length < 2) {
            proc.eprintln("Usage: rmmod NAME");
            return 1;
        }
        String name = argv[1];
        List<String> mods = UserFiles.lines(proc, "rmmod", "/proc/modules");
        if (mods == null) return 1;
        String entry = null;
        for (String l : mods) if (l.startsWith(name + " ")) entry = l;
        if (entry == null) {
            proc.eprintln("rmmod: ERROR: Module " + name + " is not currently loaded");
            return 1;
        }
        String holders = entry.split(" ")[3];
        if (!holders.equals("-")) {
            proc.eprintln("rmmod: ERROR: Module " + name + " is in use by: "
                    + holders.substring(0, holders.length() - 1).replace(',', ' '));
            return 1;
        }
        int rc = proc.sys().deleteModule(name, 0);
        if (rc < 0) {
            if (rc == Errno.EAGAIN.neg() || rc == Errno.EBUSY.neg()) {
                proc.eprintln("rmmod: ERROR: Module " + name + " is in use");
            } else {
                proc.eprintln("rmmod: ERROR: could not remove module " + name + ": " + UserFiles.strerror(rc));
            }
            return 1;
        }
        return 0;
    }
}
