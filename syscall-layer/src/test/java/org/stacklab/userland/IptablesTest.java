package org.stacklab.userland;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.ModuleSet;
import org.stacklab.kernel.filter.IptablesControl;
import org.stacklab.sim.EventLoop;
import org.stacklab.syscall.Syscalls;
import org.stacklab.syscall.UserProcess;

/**
 * The iptables program against the reference firewall, through nothing but open/write/read/close
 * on the control file (the syscalls are stubbed here to serve that one file, as the syscall layer's
 * open() does).
 */
class IptablesTest {
    Kernel kernel;
    final StringBuilder stdout = new StringBuilder();
    final StringBuilder stderr = new StringBuilder();
    UserProcess proc;

    @BeforeEach
    void boot() {
        kernel = new Kernel("h1", EventLoop.virtual(1), ModuleSet.reference());
        kernel.insmod("filter");
        IptablesControl.OpenFile[] open = new IptablesControl.OpenFile[1];
        Syscalls sys = mock(Syscalls.class);
        when(sys.open(eq(Iptables.CONTROL_FILE), anyInt())).thenAnswer(inv -> {
            open[0] = new IptablesControl.OpenFile(kernel);
            return 3;
        });
        when(sys.write(eq(3), any(), anyInt(), anyInt())).thenAnswer(inv -> open[0].write(inv.getArgument(1), inv.getArgument(2), inv.getArgument(3)));
        when(sys.read(eq(3), any(), anyInt(), anyInt())).thenAnswer(inv -> open[0].read(inv.getArgument(1), inv.getArgument(2), inv.getArgument(3)));
        proc = new UserProcess() {
            @Override public Syscalls sys() { return sys; }
            @Override public int pid() { return 100; }
            @Override public String hostname() { return "h1"; }
            @Override public void print(String s) { stdout.append(s); }
            @Override public void eprint(String s) { stderr.append(s); }
        };
    }

    int run(String line) {
        stdout.setLength(0);
        stderr.setLength(0);
        String[] words = ("iptables " + line).split(" ");
        return new Iptables().main(proc, words);
    }

    @Test
    void controlFilePathMatchesTheKernel() {
        assertEquals(IptablesControl.CONTROL_FILE, Iptables.CONTROL_FILE);
    }

    @Test
    void appendThenListInLinuxLayout() {
        assertEquals(0, run("-A INPUT -p tcp --dport 80 -j DROP"), stderr.toString());
        assertEquals(0, run("-P FORWARD DROP"));
        assertEquals(0, run("-L -n -v"));
        assertEquals("Chain INPUT (policy ACCEPT 0 packets, 0 bytes)\n"
                + " pkts bytes target     prot opt in     out     source               destination         \n"
                + "    0     0 DROP       tcp  --  *      *       0.0.0.0/0            0.0.0.0/0            tcp dpt:80\n"
                + "\n"
                + "Chain FORWARD (policy DROP 0 packets, 0 bytes)\n"
                + " pkts bytes target     prot opt in     out     source               destination         \n"
                + "\n"
                + "Chain OUTPUT (policy ACCEPT 0 packets, 0 bytes)\n"
                + " pkts bytes target     prot opt in     out     source               destination         \n",
                stdout.toString());
    }

    @Test
    void listWithoutNumericSaysAnywhere() {
        run("-A INPUT -s 10.0.0.0/8 -j ACCEPT");
        run("-L INPUT");
        assertEquals("Chain INPUT (policy ACCEPT)\n"
                + "target     prot opt source               destination         \n"
                + "ACCEPT     all  --  10.0.0.0/8           anywhere            \n", stdout.toString());
    }

    @Test
    void deletingAMissingRuleGivesIptablesMessage() {
        assertEquals(1, run("-D INPUT -p udp -j DROP"));
        assertEquals("iptables: Bad rule (does a matching rule exist in that chain?).\n", stderr.toString());
        assertEquals(1, run("-D INPUT 3"));
        assertEquals("iptables: Index of deletion too big.\n", stderr.toString());
    }

    @Test
    void parameterProblemsExitWith2() {
        assertEquals(2, run("-A INPUT --dport 80 -j DROP"));
        assertTrue(stderr.toString().startsWith("iptables v1.8.7 (stacklab): unknown option \"--dport\""), stderr.toString());
        assertEquals(2, run("-t nat -A PREROUTING -j DROP"));
        assertTrue(stderr.toString().contains("the use of DROP is therefore inhibited"), stderr.toString());
    }

    @Test
    void kernelRefusalPointsToDmesg() {
        assertEquals(1, run("-A INPUT -p tcp -j REDIRECT --to-ports 8080"));
        assertEquals("iptables: Invalid argument. Run `dmesg' for more information.\n", stderr.toString());
        assertTrue(kernel.log().contains("x_tables: ip_tables: REDIRECT target: only valid in nat table, not filter"));
    }

    @Test
    void natListingShowsRedirect() {
        assertEquals(0, run("-t nat -A PREROUTING -p tcp --dport 80 -j REDIRECT --to-ports 8080"), stderr.toString());
        run("-t nat -S");
        assertEquals("-P PREROUTING ACCEPT\n-P OUTPUT ACCEPT\n-A PREROUTING -p tcp -m tcp --dport 80 -j REDIRECT --to-ports 8080\n",
                stdout.toString());
    }
}
