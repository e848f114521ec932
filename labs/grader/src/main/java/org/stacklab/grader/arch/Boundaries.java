package org.stacklab.grader.arch;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The boundaries of DESIGN.md, as ArchUnit rules. {@link #codebase()} checks the whole project
 * (the cli module's tests run it in every build); {@link #forStudent} checks one lab's student
 * code, which plays one layer of the kernel from its own package, before the grader runs its tests.
 *
 * <pre>
 * syscall-layer ──> kernel: socket, core and ip contracts only
 * kernel.tcp/udp ──> kernel.ip contract ──> kernel.core ──> (nothing in hw)
 * kernel.driver ──> hw only through the bus (MMIO, DMA memory, IRQ line)
 * hardware ──> nothing of the kernel        labs ──/── solutions
 * student code: no reflection, threads, System.exit, processes, java.net, file I/O
 * </pre>
 */
public final class Boundaries {
    public static final String HW = "org.stacklab.hw..";
    public static final String SIM = "org.stacklab.sim..";
    public static final String HW_BUS = "org.stacklab.hw.bus..";
    public static final String KERNEL = "org.stacklab.kernel..";
    public static final String KERNEL_CORE = "org.stacklab.kernel.core..";
    public static final String KERNEL_IP = "org.stacklab.kernel.ip..";
    public static final String KERNEL_SOCKET = "org.stacklab.kernel.socket..";
    /** The firewall's contract: iptables' control file (IptablesControl) is served by the syscall layer. */
    public static final String KERNEL_FILTER = "org.stacklab.kernel.filter..";
    public static final String KERNEL_DRIVER = "org.stacklab.kernel.driver..";
    public static final String SYSCALL = "org.stacklab.syscall..";
    public static final String USERLAND = "org.stacklab.userland..";
    public static final String SOLUTIONS = "org.stacklab.solutions..";
    public static final String SOLUTIONS_DRIVER = "org.stacklab.solutions.driver..";
    public static final String SOLUTIONS_IP = "org.stacklab.solutions.ip..";
    public static final String LABS = "org.stacklab.labs..";
    public static final String GRADER = "org.stacklab.grader..";
    public static final String SCENARIO = "org.stacklab.scenario..";
    public static final String TESTKIT = "org.stacklab.testkit..";

    private Boundaries() {}

    /** Every rule, over the project's own packages. */
    public static List<Boundary> codebase() {
        List<Boundary> b = new ArrayList<>();
        b.add(hardwareKnowsNothingOfTheKernel(HW, SIM));
        b.add(kernelStaysOffTheHardware(KERNEL, SOLUTIONS));
        b.add(driverReachesTheNicOnlyThroughTheBus(KERNEL_DRIVER, SOLUTIONS_DRIVER));
        b.add(transportReachesIpOnlyThroughItsContract("org.stacklab.kernel.tcp..", "org.stacklab.kernel.udp..",
                "org.stacklab.solutions.tcp..", "org.stacklab.solutions.udp.."));
        b.add(syscallsReachOnlyTheSocketContract(SYSCALL, USERLAND));
        b.add(labsNeverUseSolutions(LABS));
        b.add(solutionsNeverUseLabs());
        b.add(noUpwardDependencies());
        b.add(kernelNeverSeesItsTestBench(KERNEL, SOLUTIONS));
        b.addAll(sandbox(LABS));
        return b;
    }

    /**
     * The rules for one lab's student code: the sandbox, labs/solutions separation, and the rules
     * of the layer the code plays ({@code driver}, {@code ip}, {@code tcp}, {@code udp},
     * {@code firewall}, {@code sockets}); an unknown or empty layer gets only the common rules.
     */
    public static List<Boundary> forStudent(String layer, List<String> studentPackages) {
        String[] pkgs = studentPackages.stream().map(p -> p.endsWith("..") ? p : p + "..").toArray(String[]::new);
        List<Boundary> b = new ArrayList<>();
        String l = layer == null ? "" : layer.toLowerCase(Locale.ROOT);
        switch (l) {
            case "driver" -> b.add(driverReachesTheNicOnlyThroughTheBus(pkgs));
            case "ip", "firewall", "filter" -> b.add(kernelStaysOffTheHardware(pkgs));
            case "tcp", "udp", "transport" -> {
                b.add(kernelStaysOffTheHardware(pkgs));
                b.add(transportReachesIpOnlyThroughItsContract(pkgs));
            }
            case "sockets", "syscall", "userland" -> b.add(syscallsReachOnlyTheSocketContract(pkgs));
            default -> { }
        }
        b.add(labsNeverUseSolutions(pkgs));
        b.addAll(sandbox(pkgs));
        return b;
    }

    // ── the layers ──────────────────────────────────────────────────────────────────────

    public static Boundary hardwareKnowsNothingOfTheKernel(String... pkgs) {
        String why = "the machine is hardware: a NIC does not know which operating system drives it. It"
                + " offers registers, DMA memory and an interrupt line, and the kernel comes to it, never the"
                + " other way round. That is what lets any driver (yours or the reference) run on it.";
        return new Boundary("hardware-knows-nothing-of-the-kernel", "the hardware reached into the kernel", why,
                noClasses().that().resideInAnyPackage(pkgs).should().dependOnClassesThat()
                        .resideInAnyPackage(KERNEL, SYSCALL, USERLAND, SOLUTIONS, LABS)
                        .because(why).allowEmptyShould(true));
    }

    public static Boundary kernelStaysOffTheHardware(String... pkgs) {
        String why = "only the NIC driver touches hardware. IP, TCP, UDP, sockets and the firewall see"
                + " network devices (NetDevice, SkBuff), so they work the same over e1000, loopback or a veth"
                + " pair. Reach the network through the device layer (dev_queue_xmit / NetDevice) instead.";
        return new Boundary("kernel-stays-off-the-hardware", "kernel code outside the driver reached the hardware", why,
                noClasses().that().resideInAnyPackage(pkgs)
                        .and().resideOutsideOfPackages(KERNEL_DRIVER, SOLUTIONS_DRIVER)
                        .should().dependOnClassesThat().resideInAPackage(HW)
                        .because(why).allowEmptyShould(true));
    }

    public static Boundary driverReachesTheNicOnlyThroughTheBus(String... pkgs) {
        String why = "a real driver cannot call into the NIC's silicon; it reads and writes 32-bit registers"
                + " (MMIO), shares descriptor rings in DMA memory and handles an interrupt line. Use Mmio,"
                + " DmaMemory and IrqLine from org.stacklab.hw.bus: the emulated NIC's classes are its insides.";
        return new Boundary("driver-only-through-the-bus", "the driver reached past the bus into the NIC's insides", why,
                noClasses().that().resideInAnyPackage(pkgs).should().dependOnClassesThat(
                                resideInAPackage(HW).and(resideOutsideOfPackages(HW_BUS))
                                        .as("hardware classes outside org.stacklab.hw.bus"))
                        .because(why).allowEmptyShould(true));
    }

    public static Boundary transportReachesIpOnlyThroughItsContract(String... pkgs) {
        String why = "TCP and UDP hand segments to IP, and IP decides the route and the device. A transport"
                + " protocol that talks to a NIC driver, or to one particular IP implementation, breaks on"
                + " every other device (lo, a second NIC, a tunnel) and when the IP module is swapped. Send"
                + " through the org.stacklab.kernel.ip contract (IpStack) instead.";
        return new Boundary("transport-through-ip", "the transport module went around the IP contract", why,
                noClasses().that().resideInAnyPackage(pkgs).should().dependOnClassesThat()
                        .resideInAnyPackage(SOLUTIONS_IP, KERNEL_DRIVER, SOLUTIONS_DRIVER, HW)
                        .because(why).allowEmptyShould(true));
    }

    public static Boundary syscallsReachOnlyTheSocketContract(String... pkgs) {
        String why = "a user program and the system calls see sockets, not protocol internals: socket(),"
                + " bind(), connect(), send() work the same whatever TCP or UDP implementation is loaded. Use"
                + " the org.stacklab.kernel.socket contract (with kernel.core, kernel.ip and kernel.filter types), never the"
                + " internals of tcp, udp, the driver or a reference solution.";
        DescribedPredicate<JavaClass> internals = resideInAPackage(KERNEL)
                .and(resideOutsideOfPackages(KERNEL_SOCKET, KERNEL_CORE, KERNEL_IP, KERNEL_FILTER))
                .or(resideInAnyPackage(SOLUTIONS, LABS, HW))
                .as("kernel internals (outside kernel.socket, kernel.core, kernel.ip, kernel.filter), solutions, labs or hardware");
        return new Boundary("syscalls-through-sockets", "the system-call layer reached past the socket contract", why,
                noClasses().that().resideInAnyPackage(pkgs).should().dependOnClassesThat(internals)
                        .because(why).allowEmptyShould(true));
    }

    public static Boundary labsNeverUseSolutions(String... pkgs) {
        String why = "your lab is graded with your code in it; the reference solutions are what your module is"
                + " swapped against, so code in labs/ may not use them (and the student release does not"
                + " contain their sources).";
        return new Boundary("labs-never-use-solutions", "lab code used the reference solutions", why,
                noClasses().that().resideInAnyPackage(pkgs).should().dependOnClassesThat().resideInAPackage(SOLUTIONS)
                        .because(why).allowEmptyShould(true));
    }

    public static Boundary solutionsNeverUseLabs() {
        String why = "the reference must run without any student's code present (the release ships it as a"
                + " jar, and every lab is graded against it), so solutions/ may not depend on labs/.";
        return new Boundary("solutions-never-use-labs", "the reference solutions used lab code", why,
                noClasses().that().resideInAPackage(SOLUTIONS).should().dependOnClassesThat().resideInAPackage(LABS)
                        .because(why).allowEmptyShould(true));
    }

    /** Kernel code (contracts and the reference) never reaches the scenario builder or the test kits. */
    public static Boundary kernelNeverSeesItsTestBench(String... pkgs) {
        String why = "a Topology, a Host and the test kits build machines around a kernel and drive it from"
                + " outside, the way a lab bench holds a board. Kernel code that reached into them would only"
                + " work on that bench, not on a host booted any other way (the shell, the TAP bridge, a"
                + " grader's scenario). Take what you need from the Kernel you were given instead.";
        return new Boundary("kernel-never-sees-its-test-bench", "kernel code reached into the scenario builder or a test kit", why,
                noClasses().that().resideInAnyPackage(pkgs).should().dependOnClassesThat()
                        .resideInAnyPackage(SCENARIO, TESTKIT)
                        .because(why).allowEmptyShould(true));
    }

    /** The layers, lowest first; no layer may be reached from one below it (all dependencies count). */
    public static Boundary noUpwardDependencies() {
        String why = "the stack is built bottom-up: hardware, then the kernel, then system calls, then user"
                + " programs; the reference and the labs sit beside each other. A lower layer that calls up"
                + " into a higher one ties the layers into a knot that can no longer be swapped module by module.";
        ArchRule rule = layeredArchitecture().consideringAllDependencies().withOptionalLayers(true)
                .layer("Hardware").definedBy(HW)
                .layer("Kernel").definedBy(KERNEL)
                .layer("Syscalls").definedBy(SYSCALL, USERLAND)
                .layer("Reference").definedBy(SOLUTIONS)
                .layer("Labs").definedBy(LABS)
                .whereLayer("Kernel").mayOnlyBeAccessedByLayers("Syscalls", "Reference", "Labs")
                .whereLayer("Syscalls").mayOnlyBeAccessedByLayers("Reference", "Labs")
                .whereLayer("Reference").mayNotBeAccessedByAnyLayer()
                .whereLayer("Labs").mayNotBeAccessedByAnyLayer()
                // The tools (cli, grader, test kits) stand outside the stack and may use all of it.
                .ignoreDependency(resideOutsideOfPackages(HW, KERNEL, SYSCALL, USERLAND, SOLUTIONS, LABS),
                        DescribedPredicate.alwaysTrue())
                .because(why).allowEmptyShould(true);
        return new Boundary("no-upward-dependencies", "a lower layer reached up into a higher one", why, rule);
    }

    // ── the sandbox for student code ────────────────────────────────────────────────────

    private static final Set<String> REFLECTIVE = Set.of("forName", "getDeclaredField", "getDeclaredFields",
            "getDeclaredMethod", "getDeclaredMethods", "getDeclaredConstructor", "getDeclaredConstructors",
            "getField", "getFields", "getMethod", "getMethods", "getConstructor", "getConstructors", "newInstance");

    public static List<Boundary> sandbox(String... pkgs) {
        return List.of(noReflection(pkgs), noThreads(pkgs), noExit(pkgs), noNetwork(pkgs), noFiles(pkgs),
                noProcesses(pkgs), noGrader(pkgs));
    }

    public static Boundary noReflection(String... pkgs) {
        String why = "reflection reaches past every boundary (private fields, other modules, the grader), so"
                + " graded code may not use it. Everything your module needs comes through its interfaces and"
                + " the kernel's exported symbols (kernel.symbol(...)).";
        DescribedPredicate<JavaCall<?>> reflective = new DescribedPredicate<>("a reflective lookup (Class.forName, getDeclaredField, setAccessible, …)") {
            @Override
            public boolean test(JavaCall<?> c) {
                String owner = c.getTargetOwner().getName();
                return (owner.equals(Class.class.getName()) && REFLECTIVE.contains(c.getName()))
                        || c.getName().equals("setAccessible") || c.getName().equals("trySetAccessible")
                        || owner.equals("java.lang.invoke.MethodHandles")
                        || owner.equals("java.lang.invoke.MethodHandles$Lookup");
            }
        };
        return new Boundary("no-reflection", "graded code used reflection", why,
                noClasses().that().resideInAnyPackage(pkgs)
                        .should().dependOnClassesThat().resideInAnyPackage("java.lang.reflect..", "sun.misc..", "jdk.internal..")
                        .orShould().callCodeUnitWhere(reflective)
                        .because(why).allowEmptyShould(true));
    }

    public static Boundary noThreads(String... pkgs) {
        String why = "the whole network runs on one deterministic event loop in virtual time, so every run"
                + " replays exactly from its seed. A thread would race that loop and make failures"
                + " unrepeatable. Schedule work as an event (a Timer on the kernel's event loop) instead, and"
                + " never sleep: virtual time only moves when the loop runs.";
        return new Boundary("no-threads", "graded code used threads", why,
                noClasses().that().resideInAnyPackage(pkgs).should().dependOnClassesThat(
                                assignableTo(Thread.class).or(type(ThreadGroup.class)).or(type(java.util.Timer.class))
                                        .or(resideInAPackage("java.util.concurrent.."))
                                        .as("threads, executors or java.util.concurrent"))
                        .because(why).allowEmptyShould(true));
    }

    public static Boundary noExit(String... pkgs) {
        String why = "code inside the kernel never ends the machine it runs on; a bug is reported with"
                + " kernel.oops(...) or a dropped packet. (Ending the JVM does not skip the grader either: the"
                + " test that did it fails and the others are graded.)";
        return new Boundary("no-exit", "graded code tried to end the JVM", why,
                noClasses().that().resideInAnyPackage(pkgs)
                        .should().callMethod(System.class, "exit", int.class)
                        .orShould().callMethod(Runtime.class, "exit", int.class)
                        .orShould().callMethod(Runtime.class, "halt", int.class)
                        .because(why).allowEmptyShould(true));
    }

    public static Boundary noNetwork(String... pkgs) {
        String why = "StackLab is the network: your code sends and receives through the emulated stack"
                + " (sk_buffs, devices, sockets of org.stacklab.kernel.socket), not the host's real one"
                + " (java.net), which would bypass everything being graded.";
        return new Boundary("no-java-net", "graded code used the host's network (java.net)", why,
                noClasses().that().resideInAnyPackage(pkgs).should().dependOnClassesThat()
                        .resideInAnyPackage("java.net..", "javax.net..", "java.net.http..")
                        .because(why).allowEmptyShould(true));
    }

    public static Boundary noFiles(String... pkgs) {
        String why = "a kernel module has no file system under it here, and a graded run must depend only on"
                + " its inputs and its seed. Keep state in memory; print to the kernel log for debugging.";
        return new Boundary("no-file-io", "graded code used files (java.io.File / java.nio.file)", why,
                noClasses().that().resideInAnyPackage(pkgs).should().dependOnClassesThat(
                                resideInAnyPackage("java.nio.file..", "java.nio.channels..")
                                        .or(type(java.io.File.class)).or(type(java.io.FileInputStream.class))
                                        .or(type(java.io.FileOutputStream.class)).or(type(java.io.FileReader.class))
                                        .or(type(java.io.FileWriter.class)).or(type(java.io.RandomAccessFile.class))
                                        .as("java.io.File*, RandomAccessFile, java.nio.file or java.nio.channels"))
                        .because(why).allowEmptyShould(true));
    }

    public static Boundary noProcesses(String... pkgs) {
        String why = "graded code runs inside the emulated machine and may not start programs on the host.";
        return new Boundary("no-processes", "graded code started a host process", why,
                noClasses().that().resideInAnyPackage(pkgs).should().dependOnClassesThat(
                                type(ProcessBuilder.class).or(type(Process.class)).or(type(ProcessHandle.class))
                                        .as("ProcessBuilder, Process or ProcessHandle"))
                        .orShould().callMethodWhere(new DescribedPredicate<>("Runtime.exec") {
                            @Override
                            public boolean test(com.tngtech.archunit.core.domain.JavaMethodCall c) {
                                return c.getTargetOwner().getName().equals(Runtime.class.getName()) && c.getName().equals("exec");
                            }
                        })
                        .because(why).allowEmptyShould(true));
    }

    public static Boundary noGrader(String... pkgs) {
        String why = "the grader grades your code; your code does not talk to the grader.";
        return new Boundary("no-grader", "graded code used the grader's classes", why,
                noClasses().that().resideInAnyPackage(pkgs).should().dependOnClassesThat().resideInAPackage(GRADER)
                        .because(why).allowEmptyShould(true));
    }
}
