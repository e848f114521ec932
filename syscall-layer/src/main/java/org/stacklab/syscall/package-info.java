/**
 * Processes, file descriptors and the socket system calls, with the errno Linux would return.
 *
 * <h2>Running programs in a scenario</h2>
 * <pre>{@code
 * Task server = Processes.on(h2).spawn("nc", new Nc(), "nc", "-l", "80");   // root; spawnAs(Task.USER, ...)
 * Task client = Processes.on(h1).spawn("nc", new Nc(), "nc", "h2", "80");
 * client.console().openStdin().type("hello\n").closeStdin();
 * Scheduler.of(loop).runUntilAllExit(Time.s(10));        // or runFor(ns), runUntil(cond, ns)
 * server.stdout(); server.exitStatus(); server.kill();
 * }</pre>
 * Each process runs on its own thread, but only the one the {@link org.stacklab.syscall.Scheduler}
 * resumed runs; it gives the CPU back when it blocks, exits or has made
 * {@link org.stacklab.syscall.Scheduler#QUANTUM} system calls. Blocked processes are checked in
 * spawn order after every event, so the same seed gives the same interleaving.
 *
 * <p>A test may also drive one process from its own thread:
 * {@code Processes.on(h1).foreground("test", Task.ROOT).sys()}; a blocking call then runs the
 * scenario (including spawned processes) until it can complete.
 *
 * <p>Files: fds 0/1/2 are the {@link org.stacklab.syscall.Console}; sockets; procfs (and other
 * generated files) through {@code ProcFs}; any {@link org.stacklab.syscall.VirtualFs} mounted with
 * {@link org.stacklab.syscall.Vfs}, such as a {@link org.stacklab.syscall.MemoryFs} at /srv.
 */
package org.stacklab.syscall;
