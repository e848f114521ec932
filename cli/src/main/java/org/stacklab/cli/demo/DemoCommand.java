package org.stacklab.cli.demo;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.stacklab.kernel.core.ModuleSet;
import org.stacklab.report.html.HtmlReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stacklab demo}: the course text, end to end, on emulated machines. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Walk through the network stack on emulated hosts: interfaces, ARP, ping, sockets, "
                + "the TCP handshake, UDP, routing, interrupts, retransmission, the firewall.")
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--seed", defaultValue = "42", description = "Scenario seed (the same seed replays the same run).")
    long seed;

    @Option(names = "--pcap", description = "Write h1's link to this pcap file (open it with tcpdump -r or Wireshark).")
    Path pcap;

    @Option(names = "--html", paramLabel = "FILE",
            description = "Also write a self-contained HTML report: each section's packet ladder and the lossy link's cwnd chart.")
    Path html;

    @Option(names = "--use", description = "Module overrides, e.g. --use tcp=student,ip=reference.")
    String use;

    @Override
    public Integer call() {
        String bad = org.stacklab.cli.UseOption.check(use, new org.stacklab.grader.LabCatalog(org.stacklab.grader.LabCatalog.defaultRoot()));
        if (bad != null) {
            System.err.println("demo: " + bad);
            return 2;
        }
        ModuleSet modules = ModuleSet.parse(ModuleSet.REFERENCE, use);
        HtmlReport report = html == null ? null : new HtmlReport("StackLab demo \u2014 seed " + seed);
        int failed = new Demo(System.out, seed, pcap, modules, report).run();
        if (pcap != null) System.out.println("pcap written to " + pcap + " (tcpdump -r " + pcap + ")");
        if (report != null) {
            try {
                report.write(html);
                System.out.println("HTML report written to " + html + " (open it in a browser)");
            } catch (java.io.IOException e) {
                System.err.println("demo: cannot write " + html + ": " + e.getMessage());
                return 1;
            }
        }
        System.out.flush();
        return failed == 0 ? 0 : 1;
    }
}
