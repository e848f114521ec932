package org.stacklab.syscall;

/**
 * A user program (ping, ss, nc, a student's echo server): {@code main} with argv, running as a
 * process on one emulated host and reaching the kernel only through {@link Syscalls}. Output goes
 * to fd 1 via the process's console helpers. Returns the exit status.
 */
@FunctionalInterface
public interface Program {
    int main(UserProcess proc, String[] argv);
}
