package org.stacklab.grader.arch;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaCodeUnitAccess;
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
    //
    // Graded code runs in the same JVM as the tests that grade it, so these rules are the first of
    // the grader's defences (README, "How grading resists cheating"): every class a submission
    // contributes is checked, and one broken rule scores the lab 0. The test JVM's run-time sandbox
    // and class path are the second; they do not rely on these rules, nor these on them.

    private static final Set<String> REFLECTIVE = Set.of("forName", "getDeclaredField", "getDeclaredFields",
            "getDeclaredMethod", "getDeclaredMethods", "getDeclaredConstructor", "getDeclaredConstructors",
            "getField", "getFields", "getMethod", "getMethods", "getConstructor", "getConstructors", "newInstance",
            "getClassLoader", "getResource", "getResourceAsStream", "getResources", "getModule", "getProtectionDomain",
            "getEnclosingMethod", "getRecordComponents", "getNestMembers", "getPermittedSubclasses");

    public static List<Boundary> sandbox(String... pkgs) {
        return List.of(noReflection(pkgs), noNativeCode(pkgs), noThreads(pkgs), noExit(pkgs), noNetwork(pkgs),
                noFiles(pkgs), noProcesses(pkgs), noGlobalState(pkgs), noGrader(pkgs), onlyTheCourseApis(pkgs));
    }

    public static Boundary noReflection(String... pkgs) {
        String why = "reflection reaches past every boundary (private fields, other modules, the grader), so"
                + " graded code may not use it. Everything your module needs comes through its interfaces and"
                + " the kernel's exported symbols (kernel.symbol(...)).";
        DescribedPredicate<JavaAccess<?>> reflective = new DescribedPredicate<>("a reflective lookup (Class.forName, getDeclaredField, setAccessible, getResource, …), called or referenced (Class::forName)") {
            @Override
            public boolean test(JavaAccess<?> c) {
                if (!(c instanceof JavaCodeUnitAccess<?>)) return false;
                String owner = c.getTargetOwner().getName();
                return (owner.equals(Class.class.getName()) && REFLECTIVE.contains(c.getName()))
                        || c.getName().equals("setAccessible") || c.getName().equals("trySetAccessible")
                        || owner.startsWith("java.lang.invoke.")
                        || owner.equals(ClassLoader.class.getName())
                        || (owner.equals(Thread.class.getName()) && c.getName().contains("ClassLoader"));
            }
        };
        return new Boundary("no-reflection", "graded code used reflection", why,
                noClasses().that().resideInAnyPackage(pkgs)
                        .should().dependOnClassesThat(resideInAnyPackage("java.lang.reflect..", "sun.misc..", "jdk.internal..",
                                        "java.beans..", "java.lang.invoke..", "java.lang.instrument..", "com.sun.tools.attach..",
                                        "net.bytebuddy..", "org.mockito..", "org.objenesis..", "java.lang.module..")
                                .or(assignableTo(ClassLoader.class)).or(type(java.util.ServiceLoader.class))
                                .or(type(StackWalker.class)).or(type(Module.class)).or(type(ModuleLayer.class))
                                .as("reflection, method handles, java.beans, class loaders, ServiceLoader, StackWalker or instrumentation"))
                        .orShould().accessTargetWhere(reflective)
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
                                        .or(type(java.util.TimerTask.class)).or(type(java.lang.ref.Cleaner.class))
                                        .or(type(InheritableThreadLocal.class))
                                        .or(resideInAPackage("java.util.concurrent.."))
                                        .as("threads, timers, cleaners, executors or java.util.concurrent"))
                        .orShould().accessTargetWhere(new DescribedPredicate<JavaAccess<?>>("a parallel stream or parallel array operation") {
                            @Override
                            public boolean test(JavaAccess<?> c) {
                                if (!(c instanceof JavaCodeUnitAccess<?>)) return false;
                                String n = c.getName();
                                return n.equals("parallelStream") || (n.equals("parallel") && c.getTargetOwner().isAssignableTo(java.util.stream.BaseStream.class))
                                        || (n.startsWith("parallel") && c.getTargetOwner().getName().equals(java.util.Arrays.class.getName()));
                            }
                        })
                        .orShould(declareAFinalizer())
                        .because(why).allowEmptyShould(true));
    }

    public static Boundary noExit(String... pkgs) {
        String why = "code inside the kernel never ends the machine it runs on; a bug is reported with"
                + " kernel.oops(...) or a dropped packet. (Ending the JVM does not skip the grader either: the"
                + " test that did it fails and the others are graded.)";
        return new Boundary("no-exit", "graded code tried to end the JVM", why,
                noClasses().that().resideInAnyPackage(pkgs)
                        .should().accessTargetWhere(invokes("System.exit, Runtime.exit/halt or a shutdown hook, called or referenced (System::exit)",
                                (owner, name) -> owner.equals(System.class.getName()) && name.equals("exit")
                                        || owner.equals(Runtime.class.getName()) && Set.of("exit", "halt", "addShutdownHook", "removeShutdownHook").contains(name)))
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
                                resideInAnyPackage("java.nio.file..", "java.nio.channels..", "com.google.common.io..", "java.util.zip..",
                                        "java.util.jar..", "java.util.logging..", "java.util.prefs..")
                                        .or(type(java.io.File.class)).or(type(java.io.FileInputStream.class))
                                        .or(type(java.io.FileOutputStream.class)).or(type(java.io.FileReader.class))
                                        .or(type(java.io.FileWriter.class)).or(type(java.io.RandomAccessFile.class))
                                        .or(type(java.io.FileDescriptor.class)).or(type(java.io.Console.class))
                                        .as("java.io.File*, RandomAccessFile, FileDescriptor, java.nio.file, java.nio.channels, Guava's io or zip files"))
                        .orShould().accessTargetWhere(new DescribedPredicate<JavaAccess<?>>("a PrintStream, PrintWriter, Formatter or Scanner opened on a file name (new, or ::new)") {
                            @Override
                            public boolean test(JavaAccess<?> a) {
                                if (!(a instanceof JavaCodeUnitAccess<?> c) || !c.getName().equals("<init>")) return false;
                                String owner = c.getTargetOwner().getName();
                                boolean opener = owner.equals(java.io.PrintStream.class.getName()) || owner.equals(java.io.PrintWriter.class.getName())
                                        || owner.equals(java.util.Formatter.class.getName()) || owner.equals(java.util.Scanner.class.getName());
                                List<com.tngtech.archunit.core.domain.JavaClass> params = c.getTarget().getParameterTypes().stream()
                                        .map(t -> t.toErasure()).toList();
                                return opener && !params.isEmpty() && params.get(0).isEquivalentTo(String.class);
                            }
                        })
                        .because(why).allowEmptyShould(true));
    }

    public static Boundary noProcesses(String... pkgs) {
        String why = "graded code runs inside the emulated machine and may not start programs on the host.";
        return new Boundary("no-processes", "graded code started a host process", why,
                noClasses().that().resideInAnyPackage(pkgs).should().dependOnClassesThat(
                                type(ProcessBuilder.class).or(type(Process.class)).or(type(ProcessHandle.class))
                                        .as("ProcessBuilder, Process or ProcessHandle"))
                        .orShould().accessTargetWhere(invokes("Runtime.exec, called or referenced",
                                (owner, name) -> owner.equals(Runtime.class.getName()) && name.equals("exec")))
                        .because(why).allowEmptyShould(true));
    }

    public static Boundary noGrader(String... pkgs) {
        String why = "the grader and the tests grade your code; your code does not talk to them, to the test"
                + " benches or to the kernel's component factory (the grader chooses which implementation of each"
                + " component is loaded, before your code runs).";
        return new Boundary("no-grader", "graded code used the grader, the tests or the component factory", why,
                noClasses().that().resideInAnyPackage(pkgs).should().dependOnClassesThat(
                                resideInAnyPackage(GRADER, TESTKIT, SCENARIO, "org.junit..", "org.opentest4j..", "org.apiguardian..")
                                        .or(com.tngtech.archunit.core.domain.properties.HasName.Predicates.name("org.stacklab.kernel.core.Components"))
                                        .or(com.tngtech.archunit.core.domain.properties.HasName.Predicates.name("org.stacklab.kernel.core.ModuleSet"))
                                        .as("the grader, JUnit, the test kits or the component factory (Components, ModuleSet)"))
                        .because(why).allowEmptyShould(true));
    }

    public static Boundary noNativeCode(String... pkgs) {
        String why = "native code runs outside the Java sandbox, where nothing of the emulated machine applies"
                + " (and it could write the grader's results). A kernel module here is plain Java.";
        return new Boundary("no-native-code", "graded code used native code", why,
                noClasses().that().resideInAnyPackage(pkgs).should().dependOnClassesThat()
                        .resideInAnyPackage("com.sun.jna..", "java.lang.foreign..", "jdk.incubator.foreign..", "sun.nio..")
                        .orShould().accessTargetWhere(invokes("System/Runtime.load or loadLibrary, called or referenced",
                                (owner, name) -> (owner.equals(System.class.getName()) || owner.equals(Runtime.class.getName()))
                                        && (name.equals("load") || name.equals("loadLibrary"))))
                        .because(why).allowEmptyShould(true));
    }

    private static final Set<String> GLOBAL_STATE = Set.of("setProperty", "setProperties", "clearProperty", "getProperties",
            "setOut", "setErr", "setIn", "setSecurityManager", "getenv", "setDefault", "inheritedChannel", "console");

    public static Boundary noGlobalState(String... pkgs) {
        String why = "system properties, the environment, System.out and the JVM's defaults belong to the machine"
                + " the tests run on, not to a kernel module: the grader fixes them before your code runs (which"
                + " implementation is loaded, the seed), and a test must see the same JVM whatever ran before it.";
        return new Boundary("no-global-state", "graded code changed the JVM's global state", why,
                noClasses().that().resideInAnyPackage(pkgs).should().accessTargetWhere(invokes(
                                "System.setProperty/getProperties/clearProperty/setOut/setErr/setIn/getenv, Locale or TimeZone.setDefault, called or referenced",
                                (owner, name) -> (owner.equals(System.class.getName()) || owner.equals(java.util.Locale.class.getName())
                                        || owner.equals(java.util.TimeZone.class.getName())) && GLOBAL_STATE.contains(name)))
                        .because(why).allowEmptyShould(true));
    }

    /** The only packages graded code may use: the course's kernel and plain Java (collections, buffers, text, math). */
    public static final List<String> COURSE_APIS = List.of("java.lang", "java.lang.annotation", "java.lang.runtime",
            "java.util", "java.util.function", "java.util.stream", "java.util.regex", "java.math", "java.nio",
            "java.nio.charset", "java.io", "java.time..", "java.text", "org.stacklab.kernel..", "org.stacklab.hw.bus..",
            "org.stacklab.sim..", "org.stacklab.syscall..", "org.stacklab.userland..", "com.google.common.base",
            "com.google.common.collect", "com.google.common.primitives", "com.google.common.math", "lombok..");

    public static Boundary onlyTheCourseApis(String... pkgs) {
        String why = "a kernel module is built from the kernel's own interfaces and plain Java (collections,"
                + " buffers, strings, math); everything else (scripting engines, databases, logging, XML, other"
                + " libraries on the class path) is outside what a lab asks for and outside what the grader can"
                + " vouch for. The packages you may use: " + String.join(", ", COURSE_APIS) + " and your own.";
        List<String> allowed = new ArrayList<>(COURSE_APIS);
        allowed.addAll(List.of(pkgs));
        allowed.add("");   // primitive and array types live in no package
        return new Boundary("only-course-apis", "graded code used a library outside the course's kernel and plain Java", why,
                noClasses().that().resideInAnyPackage(pkgs).should().dependOnClassesThat(
                                resideOutsideOfPackages(allowed.toArray(String[]::new))
                                        .and(DescribedPredicate.not(type(Object.class)))
                                        .as("classes outside the course's APIs"))
                        .because(why).allowEmptyShould(true));
    }

    /**
     * A call of, or a reference to ({@code System::exit}, {@code PrintStream::new}), a method or
     * constructor whose owner and name {@code target} accepts: a method reference hands the method to
     * someone else to call, which is as good as calling it.
     */
    private static DescribedPredicate<JavaAccess<?>> invokes(String description, java.util.function.BiPredicate<String, String> target) {
        return new DescribedPredicate<>(description) {
            @Override
            public boolean test(JavaAccess<?> a) {
                return a instanceof JavaCodeUnitAccess<?> && target.test(a.getTargetOwner().getName(), a.getName());
            }
        };
    }

    /** A class that declares {@code finalize()}: it would run on the JVM's finalizer thread. */
    private static com.tngtech.archunit.lang.ArchCondition<JavaClass> declareAFinalizer() {
        return new com.tngtech.archunit.lang.ArchCondition<>("declare a finalizer (finalize())") {
            @Override
            public void check(JavaClass c, com.tngtech.archunit.lang.ConditionEvents events) {
                // Under noClasses() the condition is negated: "satisfied" here is what gets reported.
                boolean declares = c.getMethods().stream().anyMatch(m -> m.getName().equals("finalize") && m.getRawParameterTypes().isEmpty());
                String what = c.getName() + (declares ? " declares a finalizer (finalize())" : " declares no finalizer");
                events.add(new com.tngtech.archunit.lang.SimpleConditionEvent(c, declares, what));
            }
        };
    }
}
