package org.stacklab.userland;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.stacklab.kernel.core.Components;

/** lsmod, insmod, rmmod (root only, refused while in use) and dmesg. */
class ModuleCommandsTest {
    private final Lab lab = new Lab();

    @AfterEach
    void clear() { Components.clearOverrides(); }

    @Test
    void lsmodListsModulesNewestFirstWithUsers() {
        lab.h1.insmod(ProcFsTest.module("ipv4", List.of()));
        lab.h1.insmod(ProcFsTest.module("udp", List.of("ipv4")));
        lab.h1.insmod(ProcFsTest.module("tcp", List.of("ipv4")));
        assertEquals(String.join("\n",
                "Module                  Size  Used by",
                "tcp                        0  0",
                "udp                        0  0",
                "ipv4                       0  2 udp,tcp",
                ""), DirectProcess.run(lab.h1, "lsmod"));
    }

    @Test
    void rmmodIsRefusedWhileInUseAndWorksAfterwards() {
        lab.h1.insmod(ProcFsTest.module("ipv4", List.of()));
        lab.h1.insmod(ProcFsTest.module("udp", List.of("ipv4")));
        assertEquals("rmmod: ERROR: Module ipv4 is in use by: udp\n[exit 1]\n", DirectProcess.run(lab.h1, "rmmod", "ipv4"));
        assertEquals("", DirectProcess.run(lab.h1, "rmmod", "udp"));
        assertEquals("", DirectProcess.run(lab.h1, "rmmod", "ipv4"));
        assertNull(lab.h1.module("ipv4"));
        assertEquals("rmmod: ERROR: Module ipv4 is not currently loaded\n[exit 1]\n", DirectProcess.run(lab.h1, "rmmod", "ipv4"));
    }

    @Test
    void insmodLoadsTheChosenImplementationAsRootOnly() {
        Components.override("fakemod", "student", () -> ProcFsTest.module("fakemod", List.of()));
        assertEquals("insmod: ERROR: could not insert module fakemod: Operation not permitted\n[exit 1]\n",
                DirectProcess.runAs(lab.h1, 1000, "insmod", "fakemod", "impl=student"));
        assertNull(lab.h1.module("fakemod"));
        assertEquals("", DirectProcess.run(lab.h1, "insmod", "fakemod", "impl=student"));
        assertNotNull(lab.h1.module("fakemod"));
        assertEquals("insmod: ERROR: could not insert module fakemod: File exists\n[exit 1]\n",
                DirectProcess.run(lab.h1, "insmod", "fakemod", "impl=student"));
        assertEquals("rmmod: ERROR: could not remove module fakemod: Operation not permitted\n[exit 1]\n",
                DirectProcess.runAs(lab.h1, 1000, "rmmod", "fakemod"));
    }

    @Test
    void insmodOfAnUnknownModuleFails() {
        String out = DirectProcess.run(lab.h1, "insmod", "nosuchmod");
        assertEquals("insmod: ERROR: could not insert module nosuchmod: Unknown symbol in module, or unknown parameter (see dmesg)\n[exit 1]\n", out);
    }

    @Test
    void dmesgPrintsTheKernelLogWithTimestamps() {
        lab.loop.runFor(2_000_123_000L);
        lab.h1.log().info("eth0: link becomes ready");
        String out = DirectProcess.run(lab.h1, "dmesg");
        assertTrue(out.startsWith("[    0.000000] Linux version 6.1.0-stacklab (h1) seed 42\n"), out);
        assertTrue(out.endsWith("[    2.000123] eth0: link becomes ready\n"), out);
    }

    @Test
    void catPrintsProcFilesAndReportsMissingOnes() {
        assertEquals(org.stacklab.syscall.procfs.ProcFs.of(lab.h1).generate("/proc/net/dev"),
                DirectProcess.run(lab.h1, "cat", "/proc/net/dev"));
        assertEquals("cat: /proc/nope: No such file or directory\n[exit 1]\n", DirectProcess.run(lab.h1, "cat", "/proc/nope"));
    }
}
