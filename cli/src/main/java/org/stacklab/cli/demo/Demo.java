package org.stacklab.cli.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.stacklab.kernel.core.PacketTrace;
import org.stacklab.hw.link.FaultSpec;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.ModuleSet;
import org.stacklab.kernel.tcp.TcpStats;
import org.stacklab.report.html.CwndRecorder;
import org.stacklab.report.html.HtmlReport;
import org.stacklab.report.html.LineChart;
import org.stacklab.report.html.PacketLadder;
import org.stacklab.scenario.Host;
import org.stacklab.scenario.Link;
import org.stacklab.scenario.LinkOptions;
import org.stacklab.scenario.Topology;
import org.stacklab.userland.shell.ScenarioShellTopology;
import org.stacklab.userland.shell.Shell;

/**
 * The guided tour: the course text's story, run on emulated machines. Each section is one concept
 * (interfaces, ARP, ping, sockets, the handshake, UDP, routing, interrupts, loss, the firewall),
 * shown by typing the commands a student would type and watching the frames they cause.
 *
 * <pre>
 *   h1 10.0.0.1 ─┐
 *   h2 10.0.0.2 ─┼─ sw0 ── r1 (10.0.0.254 | 10.0.1.254) ── h3 10.0.1.1
 * </pre>
 */
public final class Demo {
    private final PrintStream out;
    private final Topology topo;
    private final Shell shell;
    private final Link h1Link;
    private int section;
    /** The HTML report being written alongside the console (null without --html). */
    private final HtmlReport html;
    /** Each host's trace count when the current section began: its frames are the ones after. */
    private final Map<String, Long> traceMarks = new HashMap<>();
    /** The console text of the current section (only with a report). */
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    public Demo(PrintStream out, long seed, Path pcap, ModuleSet modules) {
        this(out, seed, pcap, modules, null);
    }

    /** With {@code html} non-null, each section with traffic also adds its packet ladder to that report. */
    public Demo(PrintStream out, long seed, Path pcap, ModuleSet modules, HtmlReport html) {
        // With a report, the console text is also kept per section, for the page to show under each ladder.
        this.out = html == null ? out : new PrintStream(new TeeOutputStream(out, console), true, StandardCharsets.UTF_8);
        this.html = html;
        this.topo = new Topology(seed, modules);
        this.swapped = modules.overrides().entrySet().stream().filter(e -> !ModuleSet.REFERENCE.equals(e.getValue()))
                .map(e -> e.getKey() + "=" + e.getValue()).sorted().toList();
        Host h1 = topo.addHost("h1");
        Host h2 = topo.addHost("h2");
        Host r1 = topo.addRouter("r1");
        Host h3 = topo.addHost("h3");
        var sw = topo.addSwitch("sw0", 8);
        LinkOptions h1Options = pcap == null ? LinkOptions.gigabit() : LinkOptions.gigabit().withPcap(pcap);
        h1Link = topo.connect(h1, sw, h1Options);
        topo.connect(h2, sw);
        topo.connect(r1, sw);
        topo.connect(r1, h3);
        h1.address("eth0", "10.0.0.1/24").defaultRoute("10.0.0.254");
        h2.address("eth0", "10.0.0.2/24").defaultRoute("10.0.0.254");
        r1.address("eth0", "10.0.0.254/24").address("eth1", "10.0.1.254/24");
        h3.address("eth0", "10.0.1.1/24").defaultRoute("10.0.1.254");
        // Interrupt moderation as a tuned server would have it (ethtool -C eth0 rx-usecs 50): at most
        // one interrupt per 50 us, the rest of the frames picked up by NAPI polling.
        for (Host h : topo.hosts()) {
            for (var dev : h.kernel().devices()) {
                if (dev.name().startsWith("eth")) dev.ops().setInterruptModeration(dev, 50);
            }
        }
        topo.run(10_000_000L); // auto-negotiation: the links come up
        this.shell = new Shell(new ScenarioShellTopology(topo), s -> out.print(s));
    }

    /** Runs every section; returns the number of commands that failed (0 on a healthy stack). */
    public int run() {
        int failed = 0;
        out.println("StackLab demo — seed " + topo.seed() + " (replay: ./stacklab demo --seed " + topo.seed() + ")");
        out.println("  h1 10.0.0.1 ─┐");
        out.println("  h2 10.0.0.2 ─┼─ sw0 ── r1 (10.0.0.254 | 10.0.1.254) ── h3 10.0.1.1");
        out.println(swapped.isEmpty() ? "Every host runs the reference kernel modules: " + modules()
                : "Every host runs these kernel modules: " + modules() + "; yours: " + String.join(", ", swapped)
                  + " (the reference everywhere else)");

        title("Network interfaces: ip link, ip addr, ip route");
        failed += sh("h1 ip link");
        failed += sh("h1 ip addr");
        failed += sh("h1 ip route");
        ladder("h1", "h2", PacketLadder.everything(), 40);

        title("ARP, then ping across the switch");
        note("h1 knows h2's IP address but not its MAC: the first frame is an ARP broadcast.");
        failed += sh("trace on");
        failed += sh("h1 ping -c 3 h2");
        failed += sh("h1 cat /proc/net/arp");
        ladder("h1", "h2", PacketLadder.everything(), 40);

        title("Loopback: ping 127.0.0.1 never touches a NIC");
        failed += sh("h1 ping -c 2 127.0.0.1");
        if (html != null) html.paragraph("No ladder here: a frame to 127.0.0.1 goes round inside h1 and never reaches a wire.");

        title("Sockets and ports: a server listens");
        failed += sh("trace off");
        failed += sh("h2 nc -l 80 &");
        failed += sh("run 1ms");
        failed += sh("h2 ss -tln");
        ladder("h1", "h2", PacketLadder.everything(), 40);

        title("The TCP three-way handshake, data and close");
        note("nc connects, sends one line, closes; the server prints what it got.");
        Kernel k1 = topo.host("h1").kernel();
        int mark = k1.trace().entries().size();
        failed += sh("trace on");
        failed += sh("h1 nc h2 80 <<< hello over TCP");
        failed += sh("run 10ms");
        failed += sh("trace off");
        var entries = k1.trace().entries();
        out.println();
        out.print(TraceLadder.draw(entries.subList(Math.min(mark, entries.size()), entries.size()),
                "h1 (client)", Ip4.parse("10.0.0.1"), "h2 (server)", Ip4.parse("10.0.0.2"), 80));
        out.println("      SYN, SYN-ACK, ACK: ESTABLISHED on both sides; FIN from each side closes it.");
        ladder("h1", "h2", PacketLadder.tcpPort(80), 40);

        title("ss -tan while a connection is open, then TIME-WAIT");
        failed += sh("h2 nc -l 8080 &");
        failed += sh("h1 nc h2 8080 &");
        failed += sh("run 5ms");
        failed += sh("h1 ss -tan");
        failed += sh("kill %2");
        failed += sh("run 5ms");
        failed += sh("h1 ss -tan");
        note("The side that closed first waits in TIME-WAIT for 2 x MSL before the port is free again.");
        ladder("h1", "h2", PacketLadder.tcpPort(8080), 40);

        title("UDP: datagrams, no handshake");
        failed += sh("h2 nc -u -l 5353 &");
        failed += sh("run 1ms");
        failed += sh("trace on");
        failed += sh("h1 nc -u h2 5353 <<< one datagram");
        failed += sh("run 5ms");
        failed += sh("trace off");
        failed += sh("h2 ss -uan");
        failed += sh("kill %1");
        ladder("h1", "h2", PacketLadder.everything(), 40);

        title("Routing: ping across a router");
        note("r1 forwards between 10.0.0.0/24 and 10.0.1.0/24; each hop lowers the TTL by one.");
        failed += sh("h1 ping -c 2 h3");
        failed += sh("r1 ip route");
        ladder("h1", "h3", PacketLadder.everything(), 40);

        title("Interrupts, NAPI and counters");
        failed += sh("h2 httpd -p 8000 -c 1 &");
        failed += sh("run 1ms");
        failed += sh("h1 http-get -s http://h2:8000/bytes/1000000");
        failed += sh("h1 cat /proc/interrupts");
        failed += sh("h1 ip -s link show eth0");
        note("Fewer interrupts than frames: the NIC throttles them (ITR, 50 us here) and the driver");
        note("polls the ring (NAPI) until it is empty before it lets the NIC interrupt again.");
        ladder("h1", "h2", PacketLadder.tcpPort(8000), 40);

        title("A lossy link: TCP retransmits");
        note("h1 serves 200 kB to h2 while 5% of the frames h1 sends are lost on its cable.");
        note("Each lost segment is sent again: after three duplicate ACKs (fast retransmit) or when");
        note("the retransmission timer fires (RTO). Lines below are h1's retransmissions as they happen.");
        h1Link.faultsToB().setSpec(FaultSpec.NONE.withDrop(0.05));
        long retransBefore = retransmits(k1);
        failed += sh("h1 httpd -p 8001 -c 1 &");
        failed += sh("run 1ms");
        int[] shown = {0};
        CwndRecorder cwnd = new CwndRecorder(k1, 8001);
        k1.trace().setListener(e -> {
            if (html != null) cwnd.onFrame(e);
            if (e.outgoing() && isRetransmission(e) && shown[0]++ < 6) {
                out.println("  h1 " + e.lineWithDevice() + "   (retransmission)");
            }
        });
        failed += sh("h2 http-get -s http://h1:8001/bytes/200000");
        failed += sh("run 10ms");
        k1.trace().setListener(null);
        h1Link.faultsToB().setSpec(FaultSpec.NONE);
        out.println("h1 retransmitted " + (retransmits(k1) - retransBefore) + " segments; the cable dropped "
                + h1Link.faultsToB().dropped() + " of h1's frames; every byte still arrived, in order.");
        PacketLadder lossy = ladder("h1", "h2", PacketLadder.tcpPort(8001), 60);
        if (html != null && lossy != null) {
            html.chart(cwndChart(cwnd, lossy));
            html.chart(rttChart(cwnd, lossy));
            long srtt = cwnd.samples().isEmpty() ? 0 : cwnd.samples().get(cwnd.samples().size() - 1).srttUs();
            html.paragraph("The smoothed RTT on this gigabit switch is about " + srtt + " \u00b5s, the line along the "
                    + "bottom: so the RTO sits on Linux's 200 ms floor (1 s before the first RTT sample), and each "
                    + "timeout doubles it until an ACK for new data brings it back.");
            html.paragraph("cwnd and ssthresh are h1's TCP_INFO (what ss -ti prints), read at every frame h1 traced; "
                    + "in flight is the segments sent and not yet acknowledged. Each drop (red) halves the window at "
                    + "the fast retransmit that follows it (green); a drop the duplicate ACKs cannot reveal waits for "
                    + "the retransmission timer, the grey stretches cut out of the time axis, and cwnd restarts at 1.");
        }

        title("The firewall: block and log");
        failed += sh("h2 iptables -A INPUT -p icmp -j LOG --log-prefix BLOCKED:");
        failed += sh("h2 iptables -A INPUT -p icmp -j DROP");
        failed += shExpectingFailure("h1 ping -c 2 -W 1 h2"); // every echo is dropped: ping exits 1
        failed += sh("h2 iptables -L INPUT -n -v");
        ladder("h1", "h2", PacketLadder.everything(), 40);
        failed += sh("h2 dmesg | grep BLOCKED"); // a real pipe: dmesg's lines, as dmesg prints them
        failed += sh("h2 iptables -F");

        title("What ran");
        failed += sh("h1 lsmod");
        out.println();
        out.println("seed " + topo.seed() + " · replay: ./stacklab demo --seed " + topo.seed());
        consoleToReport();
        topo.close(); // flushes the pcap
        return failed;
    }

    /** The components --use took from somewhere other than the reference (udp=student), for the banner. */
    private final java.util.List<String> swapped;

    private String modules() {
        StringBuilder sb = new StringBuilder();
        for (var m : topo.host("h1").kernel().modules()) sb.append(sb.length() == 0 ? "" : ", ").append(m.name());
        return sb.toString();
    }

    private static long retransmits(Kernel k) {
        TcpStats s = k.findSymbol(TcpStats.class);
        return s == null ? 0 : s.counters().retransSegs;
    }

    /** A data segment h1 has sent before (same sequence number): the retransmission the loss caused. */
    private final java.util.Set<Long> seenSeq = new java.util.HashSet<>();

    private boolean isRetransmission(org.stacklab.kernel.core.PacketTrace.Entry e) {
        byte[] f = e.frame();
        if (f.length < 54 || (f[23] & 0xff) != 6) return false;
        int ihl = (f[14] & 0x0f) * 4;
        int t = 14 + ihl;
        int totalLen = ((f[16] & 0xff) << 8) | (f[17] & 0xff);
        if (totalLen - ihl < 20 || 14 + totalLen > f.length) return false;
        org.stacklab.kernel.tcp.TcpHeader th = org.stacklab.kernel.tcp.TcpHeader.parse(f, t, totalLen - ihl);
        if (th == null) return false;
        int dataLen = totalLen - ihl - th.length();
        if (dataLen <= 0) return false;
        long key = ((long) th.srcPort() << 32) | (th.seq() & 0xffffffffL);
        return !seenSeq.add(key);
    }

    /**
     * Adds the section's packet ladder between hosts {@code a} and {@code b} to the HTML report, made
     * from both hosts' traces since the section began; a long one is cut to {@code max} arrows,
     * starting a little before the first lost frame if there is one. Returns the whole ladder.
     */
    private PacketLadder ladder(String a, String b, Predicate<PacketLadder.Frame> which, int max) {
        if (html == null) return null;
        PacketLadder l = PacketLadder.between(a, ADDRESSES.get(a), since(a), b, ADDRESSES.get(b), since(b), which,
                topo.loop().now());
        if (l.arrows().isEmpty()) {
            html.paragraph("No frames crossed a wire between " + a + " and " + b + " in this section.");
            return l;
        }
        PacketLadder shown = l;
        if (l.arrows().size() > max) {
            int from = Math.max(0, l.firstLost() - 12);
            shown = l.window(from, max);
            html.paragraph("Arrows " + (from + 1) + " to " + (from + shown.arrows().size()) + " of " + l.arrows().size()
                    + (l.firstLost() >= 0 ? ", from just before the first lost frame" : "") + ".");
        }
        html.ladder(shown);
        return l;
    }

    private static final Map<String, Integer> ADDRESSES = Map.of(
            "h1", Ip4.parse("10.0.0.1"), "h2", Ip4.parse("10.0.0.2"), "h3", Ip4.parse("10.0.1.1"));

    /** The frames host {@code name} traced since the section began. */
    private List<PacketTrace.Entry> since(String name) {
        PacketTrace t = topo.host(name).kernel().trace();
        List<PacketTrace.Entry> all = t.entries();
        long fresh = t.total() - traceMarks.getOrDefault(name, 0L);
        return new ArrayList<>(all.subList((int) Math.max(0, all.size() - fresh), all.size()));
    }

    /** cwnd, ssthresh and packets in flight of h1's sender, with every loss and retransmission marked. */
    private static LineChart cwndChart(CwndRecorder rec, PacketLadder ladder) {
        List<double[]> cw = new ArrayList<>(), ss = new ArrayList<>(), fl = new ArrayList<>();
        for (CwndRecorder.Sample s : rec.samples()) {
            double t = s.time() / 1e6;
            cw.add(new double[] {t, s.cwnd()});
            ss.add(new double[] {t, s.ssthresh() < 0 ? Double.NaN : s.ssthresh()});
            fl.add(new double[] {t, s.inFlight()});
        }
        LineChart c = new LineChart("h1's congestion window while 5% of its frames are lost", "ms", "segments")
                .series(new LineChart.Series("cwnd", "#1d4ed8", false, cw))
                .series(new LineChart.Series("ssthresh", "#ea580c", true, ss))
                .series(new LineChart.Series("in flight", "#94a3b8", false, fl))
                .breakIdleLongerThan(5);
        for (PacketLadder.Arrow a : ladder.arrows()) {
            if (!a.rightward()) continue;
            if (a.lost()) c.mark(new LineChart.Mark(a.sendTime() / 1e6, "frame dropped", "#b91c1c"));
            else if (a.retransmission()) c.mark(new LineChart.Mark(a.sendTime() / 1e6, "retransmission", "#16a34a"));
        }
        return c;
    }

    /** Adds the console text since the last section heading to the report, folded. */
    private void consoleToReport() {
        if (html == null) return;
        out.flush();
        String text = console.toString(StandardCharsets.UTF_8).strip();
        console.reset();
        if (!text.isEmpty()) html.pre("what the console showed", text);
    }

    /** Writes to two streams: the console and the section's copy for the report. */
    private static final class TeeOutputStream extends OutputStream {
        private final OutputStream a, b;

        TeeOutputStream(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override public void write(int c) throws IOException { a.write(c); b.write(c); }
        @Override public void write(byte[] buf, int off, int len) throws IOException { a.write(buf, off, len); b.write(buf, off, len); }
        @Override public void flush() throws IOException { a.flush(); b.flush(); }
    }

    /** The RTT estimate and the RTO it gives (RFC 6298), on the same cut time axis as the cwnd chart. */
    private static LineChart rttChart(CwndRecorder rec, PacketLadder ladder) {
        List<double[]> srtt = new ArrayList<>(), rttvar = new ArrayList<>(), rto = new ArrayList<>();
        for (CwndRecorder.Sample s : rec.samples()) {
            double t = s.time() / 1e6;
            srtt.add(new double[] {t, s.srttUs() / 1000.0});
            rttvar.add(new double[] {t, s.rttvarUs() / 1000.0});
            rto.add(new double[] {t, s.rtoUs() / 1000.0});
        }
        LineChart c = new LineChart("h1's retransmission timeout: RTO = max(200 ms, SRTT + 4 \u00d7 RTTVAR), doubled on each timeout",
                "ms", "ms")
                .series(new LineChart.Series("RTO", "#7c3aed", false, rto))
                .series(new LineChart.Series("SRTT", "#1d4ed8", false, srtt))
                .series(new LineChart.Series("RTTVAR", "#94a3b8", true, rttvar))
                .breakIdleLongerThan(5);
        for (PacketLadder.Arrow a : ladder.arrows()) {
            if (a.rightward() && a.retransmission()) c.mark(new LineChart.Mark(a.sendTime() / 1e6, "retransmission", "#16a34a"));
        }
        return c;
    }

    private void title(String name) {
        section++;
        if (html != null) {
            if (section == 1) console.reset();   // the banner belongs to no section
            else consoleToReport();
            html.section(section + ". " + name);
            for (Host h : topo.hosts()) traceMarks.put(h.name(), h.kernel().trace().total());
        }
        String head = "── " + section + ". " + name + " ";
        out.println();
        out.println(head + "─".repeat(Math.max(3, 78 - head.length())));
    }

    private void note(String text) {
        out.println("# " + text);
        if (html != null) html.paragraph(text);
    }

    /** Shows the command as typed at the host's prompt, then runs it in the shell. */
    private int sh(String line) {
        int sp = line.indexOf(' ');
        String first = sp < 0 ? line : line.substring(0, sp);
        boolean hostCommand = topo.hosts().stream().anyMatch(h -> h.name().equals(first));
        if (hostCommand) out.println(first + "$ " + line.substring(sp + 1));
        else if (!line.startsWith("trace") && !line.startsWith("run")) out.println("stacklab> " + line);
        return shell.execute(line) == 0 ? 0 : 1;
    }

    /** Like {@link #sh}, for a command whose point is to fail (a ping the firewall blocks). */
    private int shExpectingFailure(String line) {
        return sh(line) == 0 ? 1 : 0;
    }
}
