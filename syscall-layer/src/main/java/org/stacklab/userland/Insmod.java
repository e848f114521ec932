package org.stacklab.userland;

import org.stacklab.kernel.socket.Errno;
import org.stacklab.syscall.Program;
import org.stacklab.syscall.UserProcess;

/**
 * {@code insmod NAME [impl=student|reference]}: loads a kernel module through init_module(2).
 * Modules are named by component ({@code tcp}, {@code ip}) rather than by a .ko path, since their
 * code is already on the class path; the parameter picks the implementation.
 */
public final class Insmod implements Program {
    @Override
    public int main(UserProcess proc, String[] argv) {
        if (argv.length < 2) {
            proc.eprintln("Usage: insmod NAME [impl=student|reference]");
            return 1;
        }
        String name = argv[1];
        StringBuilder params = new StringBuilder();
        for (int i = 2; i < argv.length; i++) params.append(i > 2 ? " " : "").append(argv[i]);
        int rc = proc.sys().initModule(name, params.toString());
        if (rc < 0) {
            // kmod's mod_strerror: ENOENT means an unresolved dependency or an unknown module here.
            String why = rc == Errno.ENOENT.neg() ? "Unknown symbol in module, or unknown parameter (see dmesg)"
                    : UserFiles.strerror(rc);
            proc.eprintln("insmod: ERROR: could not insert module " + name + ": " + why);
            return 1;
        }
        return 0;
    }
}
