package org.stacklab.userland;

import org.stacklab.syscall.Program;
import org.stacklab.syscall.Syscalls;
import org.stacklab.syscall.UserProcess;

/** {@code cat FILE...}: copies each file to fd 1 with read/write, as coreutils' cat does. */
public final class Cat implements Program {
    @Override
    public int main(UserProcess proc, String[] argv) {
        Syscalls sys = proc.sys();
        int status = 0;
        byte[] buf = new byte[4096];
        for (int i = 1; i < argv.length; i++) {
            int fd = sys.open(argv[i], Syscalls.O_RDONLY);
            if (fd < 0) {
                proc.eprintln("cat: " + argv[i] + ": " + UserFiles.strerror(fd));
                status = 1;
                continue;
            }
            while (true) {
                int n = sys.read(fd, buf, 0, buf.length);
                if (n < 0) {
                    proc.eprintln("cat: " + argv[i] + ": " + UserFiles.strerror(n));
                    status = 1;
                    break;
                }
                if (n == 0) break;
                sys.write(1, buf, 0, n);
            }
            sys.close(fd);
        }
        return status;
    }
}
