package org.stacklab.syscall;

/**
 * What a running program sees of itself: its system calls, its pid, and conveniences for printing
 * to its standard output and error (fd 1 and 2), the way libc's printf writes to fd 1.
 */
public interface UserProcess {
    Syscalls sys();

    int pid();

    /** Host name of the machine the process runs on. */
    String hostname();

    /** Writes text to fd 1. */
    void print(String s);

    default void println(String s) { print(s + "\n"); }

    /** Writes text to fd 2. */
    void eprint(String s);

    default void eprintln(String s) { eprint(s + "\n"); }

    /** exit(3): ends the program at once with {@code status} (a program may also just return it). */
    default void exit(int status) { throw new UnsupportedOperationException("exit() needs a process"); }
}
