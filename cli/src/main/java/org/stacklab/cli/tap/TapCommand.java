package org.stacklab.cli.tap;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.stacklab.hw.link.Port;
import org.stacklab.hw.pcap.PcapTap;
import org.stacklab.hw.tap.Netem;
import org.stacklab.hw.tap.TapBridge;
import org.stacklab.hw.tap.TapException;
import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.core.MacAddr;
import org.stacklab.kernel.core.ModuleSet;
import org.stacklab.scenario.Host;
import org.stacklab.sim.EventLoop;
import org.stacklab.sim.Time;
import org.stacklab.syscall.Console;
import org.stacklab.syscall.Processes;
import org.stacklab.syscall.Program;
import org.stacklab.syscall.Scheduler;
import org.stacklab.syscall.Task;
import org.stacklab.syscall.Vfs;
import org.stacklab.userland.Programs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code stacklab tap}: one emulated host whose e1000 is cabled to a Linux TAP interface, so the
 * real Linux kernel is its neighbour. Server mode starts httpd or echo-server on it and runs until
 * Ctrl-C; client mode runs http-get or nc against a Linux server and exits with its status. The
 * programs are the emulated host's own, run as processes through the syscall layer.
 */
@Command(name = "tap", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Bridge one emulated host to a Linux TAP interface: real Linux ping, curl and nc talk to it.",
                "Linux side first: ip tuntap add dev tap0 mode tap; ip addr add 10.77.0.1/24 dev tap0; ip link set tap0 up",
                "Then: stacklab tap --ifname tap0 --addr 10.77.0.2/24 --serve http --port 80"})
public final class TapCommand implements Callable<Integer> {
    @Option(names = "--ifname", required = true, paramLabel = "NAME", description = "The Linux TAP interface, e.g. tap0.")
    String ifname;

    @Option(names = "--addr", required = true, paramLabel = "A/P", description = "The emulated host's address on eth0, e.g. 10.77.0.2/24.")
    String addr;

    @Option(names = "--gateway", paramLabel = "G", description = "Default route via G (on eth0's subnet).")
    String gateway;

    @Option(names = "--serve", paramLabel = "echo|http", description = "Start echo-server or httpd on the host.")
    String serve;

    @Option(names = "--port", paramLabel = "N", description = "The server's port (http: 80, echo: 7).")
    Integer port;

    @Option(names = "--get", paramLabel = "URL", description = "Client mode: http-get http://H:P/PATH, then exit with its status.")
    String get;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "With --get: save the body to FILE (on this machine).")
    Path output;

    @Option(names = "--nc", arity = "2", paramLabel = "H P", description = "Client mode: nc H P; stdin is sent, what comes back is printed.")
    List<String> nc;

    @Option(names = "--use", paramLabel = "COMPONENT=IMPL,...", description = "Module choices, e.g. tcp=student,ip=reference.")
    String use;

    @Option(names = "--pcap", paramLabel = "FILE", description = "Capture every frame crossing the bridge into FILE.")
    Path pcap;

    @Option(names = "--netem", paramLabel = "'loss 5% reorder 10% delay 5ms'",
            description = "Impair the frames Linux sends, as tc netem on the TAP would (for kernels without sch_netem).")
    String netem;

    @Option(names = "--seed", paramLabel = "N",
            description = "Scenario seed (ISN secret, ephemeral ports, MACs). Default: a fresh one per run, printed.")
    Long seed;

    private final PrintStream out = System.out;
    private final PrintStream err = System.err;
    private volatile boolean interrupted;
    private Netem.Spec netemSpec;
    private Netem impairment;

    @Override
    public Integer call() {
        String problem = validate();
        if (problem != null) {
            err.println("stacklab tap: " + problem);
            return 2;
        }
        String bad = org.stacklab.cli.UseOption.check(use, new org.stacklab.grader.LabCatalog(org.stacklab.grader.LabCatalog.defaultRoot()));
        if (bad != null) {
            err.println("stacklab tap: " + bad);
            return 2;
        }
        ModuleSet modules;
        try {
            modules = ModuleSet.parse(ModuleSet.REFERENCE, use);
        } catch (IllegalArgumentException e) {
            err.println("stacklab tap: --use: " + e.getMessage());
            return 2;
        }
        // Linux remembers the last run's connections (TIME-WAIT, 60 s): a run that repeated the last
        // one's ephemeral port, ISN secret and MACs would meet them. So a fresh seed per run, printed
        // so that the run can still be replayed (issue 13, item 3).
        long runSeed = chooseSeed(seed, SECURE::nextLong);
        // With --nc, stdout is the connection's data, byte for byte: our own lines go to stderr.
        PrintStream info = nc != null ? err : out;
        if (seed == null) info.println("stacklab: seed " + runSeed + " (replay with --seed " + runSeed + ")");
        EventLoop loop = EventLoop.realTime(runSeed);
        TapBridge bridge;
        try {
            bridge = TapBridge.open(loop, ifname);
        } catch (TapException e) {
            err.println("stacklab tap: " + e.getMessage());
            return 1;
        }
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            interrupted = true;
            loop.post(() -> { }); // wake the loop so it sees the flag
            try {
                finished.await(5, TimeUnit.SECONDS); // let it close the TAP and the pcap
            } catch (InterruptedException ignored) {
                // exiting anyway
            }
        }, "stacklab-tap-sigint");
        Runtime.getRuntime().addShutdownHook(hook);
        PcapTap capture = null;
        Scheduler sched = null;
        try {
            Host host;
            try {
                host = new Host(loop, "stacklab", 1, modules);
            } catch (IllegalStateException e) {
                err.println("stacklab tap: " + e.getMessage());
                return 1;
            }
            sched = Processes.on(host.kernel()).scheduler();
            Port eth0 = host.addNic();
            if (pcap != null) eth0 = capture = PcapTap.wrap(loop, eth0, pcap);
            if (netemSpec != null) eth0 = impairment = Netem.wrap(loop, eth0, netemSpec);
            bridge.connect(eth0);

            try {
                host.address("eth0", addr);
                if (gateway != null) host.defaultRoute(gateway);
            } catch (RuntimeException e) {
                err.println("stacklab tap: " + e.getMessage());
                return 1;
            }
            sched.runFor(Time.ms(5)); // carrier up, driver settled
            info.println("stacklab: eth0 (" + MacAddr.format(Host.macFor(1, 0)) + ") is cabled to TAP " + bridge.ifname()
                    + "; modules " + modules);
            return get != null || nc != null ? client(host, sched, bridge) : server(host, sched, bridge);
        } finally {
            try {
                if (sched != null) sched.killAll();
            } catch (RuntimeException e) {
                err.println("stacklab tap: while stopping processes: " + e.getMessage());
            }
            bridge.close();
            if (capture != null) capture.close();
            if (impairment != null) err.println("stacklab: " + bridge.ifname() + ": " + impairment);
            err.println("stacklab: " + bridge.ifname() + ": " + bridge.counters()
                    + (bridge.failure() != null ? "; " + bridge.failure() : ""));
            err.flush();
            out.flush();
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // already shutting down (Ctrl-C): the hook is running and waits for us
            }
        }
    }

    private static final SecureRandom SECURE = new SecureRandom();

    /** The seed given with --seed, or else a fresh one from {@code fresh}. */
    static long chooseSeed(Long given, LongSupplier fresh) {
        return given != null ? given : fresh.getAsLong();
    }

    /** A one-line problem with the options, or null. */
    private String validate() {
        int slash = addr.indexOf('/');
        if (slash < 0) return "--addr " + addr + ": needs a prefix length, e.g. --addr 10.77.0.2/24";
        try {
            Ip4.parse(addr.substring(0, slash));
            int p = Integer.parseInt(addr.substring(slash + 1));
            if (p < 1 || p > 32) return "--addr " + addr + ": the prefix length must be 1..32, e.g. 10.77.0.2/24";
        } catch (IllegalArgumentException e) {
            return "--addr " + addr + ": not an IPv4 address with prefix, e.g. 10.77.0.2/24";
        }
        if (gateway != null) {
            try {
                Ip4.parse(gateway);
            } catch (IllegalArgumentException e) {
                return "--gateway " + gateway + ": not an IPv4 address, e.g. 10.77.0.1";
            }
        }
        int modes = (serve != null ? 1 : 0) + (get != null ? 1 : 0) + (nc != null ? 1 : 0);
        if (modes > 1) return "choose one of --serve, --get and --nc";
        if (serve != null && !serve.equals("http") && !serve.equals("echo")) return "--serve " + serve + ": use echo or http";
        if (port != null && (port < 1 || port > 65535)) return "--port " + port + ": use 1..65535";
        if (output != null && get == null) return "-o needs --get";
        if (get != null && !get.startsWith("http://")) return "--get " + get + ": use http://HOST:PORT/PATH";
        if (netem != null) {
            try {
                netemSpec = Netem.Spec.parse(netem);
            } catch (IllegalArgumentException e) {
                return "--netem: " + e.getMessage();
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ server mode

    private int server(Host host, Scheduler sched, TapBridge bridge) {
        Task server = null;
        if (serve != null) {
            server = serve.equals("http")
                    ? spawn(host, "httpd", "-p", String.valueOf(port != null ? port : 80))
                    : spawn(host, "echo-server", String.valueOf(port != null ? port : 7));
            echo(server);
        }
        show(host, sched, "ip", "addr");
        show(host, sched, "ss", "-tuln");
        out.println("stacklab: running; Ctrl-C to stop");
        out.flush();
        Task s = server;
        sched.runUntil(() -> interrupted || bridge.failure() != null || (s != null && s.exited()), Long.MAX_VALUE);
        if (bridge.failure() != null) {
            err.println("stacklab tap: " + bridge.failure());
            return 1;
        }
        if (s != null && s.exited()) {
            err.println("stacklab tap: " + s.name() + " exited with status " + s.exitStatus());
            return 1;
        }
        return 0;
    }

    /** Runs {@code argv} on the host until it exits, and prints what it printed. */
    private void show(Host host, Scheduler sched, String... argv) {
        Task t = spawn(host, argv);
        sched.runUntil(() -> t.exited() || interrupted, Time.seconds(5));
        out.println(host.name() + "$ " + String.join(" ", argv));
        out.print(t.stdout());
        err.print(t.stderr());
    }

    // ------------------------------------------------------------------ client mode

    private int client(Host host, Scheduler sched, TapBridge bridge) {
        Task t;
        if (get != null) {
            List<String> argv = new ArrayList<>(List.of("http-get"));
            if (output != null) {
                HostFile file = new HostFile(output);
                Vfs.of(host.kernel()).mount(file.mountPoint(), file);
                argv.addAll(List.of("-o", file.mountPoint()));
            }
            argv.add(get);
            t = spawn(host, argv.toArray(new String[0]));
        } else {
            t = spawn(host, "nc", nc.get(0), nc.get(1));
            t.console().openStdin();
            forwardStdin(host.loop(), t, System.in);
        }
        if (nc != null) echoBytes(t, out);
        else echo(t);
        sched.runUntil(() -> interrupted || bridge.failure() != null || t.exited(), Long.MAX_VALUE);
        if (!t.exited() && bridge.failure() != null) {
            err.println("stacklab tap: " + bridge.failure());
            return 1;
        }
        if (!t.exited()) return 130; // Ctrl-C, as a shell reports SIGINT
        return t.exitStatus();
    }

    /** Copies {@code in} to the emulated process's terminal, inside the loop, on a thread of its own. */
    private static void forwardStdin(EventLoop loop, Task t, InputStream in) {
        Thread th = new Thread(() -> pumpStdin(in, r -> loop.post(r), t.console()), "stacklab-tap-stdin");
        th.setDaemon(true);
        th.start();
    }

    /**
     * Reads {@code in} to its end and hands each chunk to {@code console} as bytes (never decoded:
     * nc carries binary data), then closes the console's stdin; {@code post} runs each step on the loop.
     */
    static void pumpStdin(InputStream in, Consumer<Runnable> post, Console console) {
        byte[] buf = new byte[65536];
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (n == 0) continue;
                byte[] chunk = Arrays.copyOf(buf, n);
                post.accept(() -> console.type(chunk, 0, chunk.length));
            }
        } catch (IOException ignored) {
            // stdin went away: treat as end of file
        }
        post.accept(console::closeStdin);
    }

    /** Shows what {@code t} writes to stdout byte for byte (nc's data), and its stderr as text. */
    static void echoBytes(Task t, PrintStream out) {
        t.console().discardOutput();
        t.console().onStdoutBytes((b, off, len) -> {
            out.write(b, off, len);
            out.flush();
        });
        t.console().onStderr(s -> {
            System.err.print(s);
            System.err.flush();
        });
    }

    // ------------------------------------------------------------------ helpers

    private static Task spawn(Host host, String... argv) {
        Program p = Programs.lookup(argv[0]);
        if (p == null) throw new IllegalStateException("no program " + argv[0] + " on the emulated host");
        return Processes.on(host.kernel()).spawn(argv[0], p, argv);
    }

    /** Shows what {@code t} prints as it prints it. */
    private void echo(Task t) {
        t.console().onStdout(s -> {
            out.print(s);
            out.flush();
        });
        t.console().onStderr(s -> {
            err.print(s);
            err.flush();
        });
    }
}
