package org.stacklab.userland;

import org.stacklab.syscall.Program;
import org.stacklab.syscall.Syscalls;
import org.stacklab.syscall.UserProcess;

/** {@code cat [FILE...]}: copies each file (none, or {@code -}: standard input) to fd 1 with read/write, as coreutils' cat does. */
public final class Cat implements Program {
    @Override
    public int main(UserProcess proc, String[] argv) {
        Syscalls sys = proc.sys();
        int status = 0;
        byte[] buf = new byte[4096];
        String[] files = argv.length > 1 ? argv : new String[] {argv[0], "-"};
        for (int i = 1; i < files.length; i++) {
            boolean stdin = files[i].equals("-");
            int fd = stdin ? 0 : sys.open(files[i], Syscalls.O_RDONLY);
            if (fd < 0) {
                proc.eprintln("cat: " + files[i] + ": " + UserFiles.strerror(fd));
                status = 1;
                continue;
            }
            while (true) {
                int n = sys.read(fd, buf, 0, buf.length);
                if (n < 0) {
                    proc.eprintln("cat: " + files[i] + ": " + UserFiles.strerror(n));
                    status = 1;
                    break;
                }
                if (n == 0) break;
                sys.write(1, buf, 0, n);
            }
            if (!stdin) sys.close(fd);
        }
        return status;
    }
}
