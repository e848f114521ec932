package org.stacklab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.stacklab.grader.arch.Boundaries;
import org.stacklab.grader.arch.Boundary;
import org.stacklab.hw.fixture.NicThatKnowsTheKernel;
import org.stacklab.kernel.driver.fixture.DriverPastTheBus;
import org.stacklab.kernel.driver.fixture.DriverThroughTheBus;
import org.stacklab.kernel.fixture.KernelCallingSyscalls;
import org.stacklab.kernel.ip.fixture.IpThatTouchesTheNic;
import org.stacklab.kernel.tcp.fixture.TcpThatCallsTheDriver;
import org.stacklab.kernel.tcp.fixture.TcpThatUsesReferenceIp;
import org.stacklab.kernel.tcp.fixture.TcpThroughIp;
import org.stacklab.labs.fixture.CleanStudentCode;
import org.stacklab.labs.fixture.Exiting;
import org.stacklab.labs.fixture.FileUser;
import org.stacklab.labs.fixture.GraderUser;
import org.stacklab.labs.fixture.Halting;
import org.stacklab.labs.fixture.Networked;
import org.stacklab.labs.fixture.OldFileUser;
import org.stacklab.labs.fixture.ProcessStarter;
import org.stacklab.labs.fixture.Reflective;
import org.stacklab.labs.fixture.StudentTcpCallingDriver;
import org.stacklab.labs.fixture.StudentUsingSolutions;
import org.stacklab.labs.fixture.Threaded;
import org.stacklab.solutions.fixture.ReferenceUsingLab;
import org.stacklab.syscall.fixture.SyscallIntoTcp;

/**
 * Each rule can fail: a fixture class in a package that plays the violating layer breaks exactly
 * the rule it is named for, and the message tells a student what and why.
 */
class BoundariesCanFailTest {
    record Case(String rule, Class<?> violator, Class<?>... others) {}

    static final List<Case> CASES = List.of(
            new Case("hardware-knows-nothing-of-the-kernel", NicThatKnowsTheKernel.class),
            new Case("kernel-stays-off-the-hardware", IpThatTouchesTheNic.class),
            new Case("driver-only-through-the-bus", DriverPastTheBus.class),
            new Case("transport-through-ip", TcpThatCallsTheDriver.class),
            new Case("transport-through-ip", TcpThatUsesReferenceIp.class),
            new Case("syscalls-through-sockets", SyscallIntoTcp.class),
            new Case("labs-never-use-solutions", StudentUsingSolutions.class),
            new Case("solutions-never-use-labs", ReferenceUsingLab.class),
            new Case("no-upward-dependencies", KernelCallingSyscalls.class, org.stacklab.syscall.Syscalls.class),
            new Case("kernel-never-sees-its-test-bench", org.stacklab.solutions.fixture.ReferenceOnTheBench.class),
            new Case("no-reflection", Reflective.class),
            new Case("no-threads", Threaded.class),
            new Case("no-exit", Exiting.class),
            new Case("no-exit", Halting.class),
            new Case("no-java-net", Networked.class),
            new Case("no-file-io", FileUser.class),
            new Case("no-file-io", OldFileUser.class),
            new Case("no-processes", ProcessStarter.class),
            new Case("no-grader", GraderUser.class),
            new Case("no-grader", org.stacklab.labs.fixture.ComponentDelegator.class),
            new Case("no-reflection", org.stacklab.labs.fixture.BeansUser.class),
            new Case("no-reflection", org.stacklab.labs.fixture.ResourceReader.class),
            new Case("no-native-code", org.stacklab.labs.fixture.NativeCaller.class),
            new Case("no-threads", org.stacklab.labs.fixture.ParallelStreams.class),
            new Case("no-threads", org.stacklab.labs.fixture.Finalizing.class),
            new Case("no-threads", org.stacklab.labs.fixture.CleanerUser.class),
            new Case("no-file-io", org.stacklab.labs.fixture.PrintStreamOpener.class),
            new Case("no-file-io", org.stacklab.labs.fixture.GuavaFiles.class),
            new Case("no-exit", org.stacklab.labs.fixture.ShutdownHooker.class),
            new Case("no-global-state", org.stacklab.labs.fixture.PropertySetter.class),
            new Case("only-course-apis", org.stacklab.labs.fixture.ForeignApi.class),
            new Case("no-exit", org.stacklab.labs.fixture.ExitByReference.class),
            new Case("no-global-state", org.stacklab.labs.fixture.PropertyByReference.class),
            new Case("no-file-io", org.stacklab.labs.fixture.OpenerByReference.class),
            new Case("no-reflection", org.stacklab.labs.fixture.ForNameByReference.class));

    @TestFactory
    Stream<DynamicTest> eachRuleCatchesItsViolator() {
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.rule() + " catches " + c.violator().getSimpleName(), () -> {
            Optional<String> msg = rule(c.rule()).check(new ClassFileImporter().importClasses(
                    Stream.concat(Stream.of(c.violator()), Stream.of(c.others())).toList()));
            assertTrue(msg.isPresent(), c.violator().getSimpleName() + " slipped past " + c.rule());
            assertTrue(msg.get().startsWith("Architecture rule broken: "), msg.get());
            assertTrue(msg.get().contains(c.violator().getName()), msg.get());
            assertTrue(msg.get().contains("Why the rule exists: "), msg.get());
        }));
    }

    @Test
    void everyRuleHasAViolatingFixture() {
        for (Boundary b : Boundaries.codebase()) {
            assertTrue(CASES.stream().anyMatch(c -> c.rule().equals(b.id())), "no fixture breaks " + b.id());
        }
    }

    @Test
    void codeThatKeepsTheRulesPasses() {
        JavaClasses ok = new ClassFileImporter().importClasses(CleanStudentCode.class, CleanStudentCode.class.getDeclaredClasses()[0],
                DriverThroughTheBus.class, TcpThroughIp.class);
        for (Boundary b : Boundaries.codebase()) {
            assertEquals(Optional.empty(), b.check(ok), b.id());
        }
        for (Boundary b : Boundaries.forStudent("tcp", List.of("org.stacklab.labs.fixture"))) {
            assertEquals(Optional.empty(), b.check(new ClassFileImporter().importClasses(CleanStudentCode.class)), b.id());
        }
    }

    @Test
    void studentCodeIsHeldToTheRulesOfTheLayerItPlays() {
        JavaClasses student = only(StudentTcpCallingDriver.class);
        Optional<String> asTcp = Boundaries.forStudent("tcp", List.of("org.stacklab.labs.fixture")).stream()
                .map(b -> b.check(student)).flatMap(Optional::stream).findFirst();
        assertTrue(asTcp.isPresent());
        assertTrue(asTcp.get().contains("IP decides the route and the device"), asTcp.get());
        assertTrue(asTcp.get().contains("StudentTcpCallingDriver"), asTcp.get());
        // The same code as a driver lab's is fine by the layer rules (drivers may know PCI drivers).
        assertTrue(Boundaries.forStudent("driver", List.of("org.stacklab.labs.fixture")).stream()
                .map(b -> b.check(student)).allMatch(Optional::isEmpty));
    }

    private static JavaClasses only(Class<?> c) {
        return new ClassFileImporter().importClasses(c);
    }

    private static Boundary rule(String id) {
        return Stream.concat(Boundaries.codebase().stream(), Boundaries.sandbox("org.stacklab.labs..").stream())
                .filter(b -> b.id().equals(id)).findFirst().orElseThrow(() -> new AssertionError("no rule " + id));
    }
}
