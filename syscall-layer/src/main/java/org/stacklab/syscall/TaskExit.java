package org.stacklab.syscall;

/**
 * Unwinds a process's thread when it exits or is killed from inside a system call. An Error, not
 * an Exception, so a program's {@code catch (Exception e)} cannot swallow its own death.
 */
final class TaskExit extends Error {
    final int status;

    TaskExit(int status) {
        super(null, null, false, false);
        this.status = status;
    }
}
