package org.stacklab.userland;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.ModuleSet;
import org.stacklab.syscall.Scheduler;
import org.stacklab.syscall.Task;
import org.stacklab.sim.EventLoop;

/** iptables as a process: argv in, the kernel's answer on stdout/stderr, through the real syscalls. */
class IptablesSyscallTest {
    final EventLoop loop = EventLoop.virtual(7);
    final Kernel kernel = new Kernel("fw", loop, ModuleSet.reference());

    Task run(String... argv) {
        String[] full = new String[argv.length + 1];
        full[0] = "iptables";
        System.arraycopy(argv, 0, full, 1, argv.length);
        Task t = Scheduler.of(loop).spawn(kernel, "iptables", new Iptables(), full);
        Scheduler.of(loop).runUntilAllExit(1_000_000_000L);
        assertTrue(t.exited(), "iptables did not exit");
        return t;
    }

    @Test
    void withoutTheModuleTheTableDoesNotExist() {
        Task t = run("-L");
        assertEquals(3, t.exitStatus());
        assertTrue(t.stderr().contains("can't initialize iptables table `filter': Table does not exist (do you need to insmod?)"), t.stderr());
    }

    @Test
    void rulesGoInAndComeOutThroughTheControlFile() {
        kernel.insmod("filter");
        assertEquals(0, run("-A", "INPUT", "-p", "tcp", "--dport", "22", "-j", "LOG", "--log-prefix", "SSH: ").exitStatus());
        Task list = run("-S", "INPUT");
        assertEquals("-P INPUT ACCEPT\n-A INPUT -p tcp -m tcp --dport 22 -j LOG --log-prefix \"SSH: \"\n", list.stdout());
        Task bad = run("-A", "INPUT", "-j", "NOPE");
        assertEquals(2, bad.exitStatus());
        assertTrue(bad.stderr().contains("Couldn't load target `NOPE'"), bad.stderr());
    }
}
