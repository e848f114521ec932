package org.stacklab.hw.irq;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stacklab.sim.EventLoop;

class InterruptControllerTest {
    private final EventLoop loop = EventLoop.virtual(1);
    private final InterruptController pic = new InterruptController(loop);
    private final InterruptController.Line line = pic.line(11);
    private final List<String> log = new ArrayList<>();

    @Test
    void handlerRunsInItsOwnEventNotInsideTheDeviceCall() {
        line.request("eth0", () -> {
            log.add("handler");
            line.deassertLine();
        });
        loop.schedule(10, () -> {
            line.assertLine();
            log.add("device returned");
        });
        loop.runUntilIdle();
        assertEquals(List.of("device returned", "handler"), log);
        assertEquals(1, line.count());
    }

    @Test
    void aLineStillAssertedAfterTheHandlerFiresAgainInANewEvent() {
        int[] calls = {0};
        line.request("eth0", () -> {
            if (++calls[0] == 3) line.deassertLine();
        });
        List<Long> seqs = new ArrayList<>();
        loop.setTracer(t -> { if ("irq 11".equals(t.label())) seqs.add(t.seq()); });
        line.assertLine();
        loop.runUntilIdle();
        assertEquals(3, calls[0]);
        assertEquals(3, line.count());
        assertEquals(3, seqs.size(), "each delivery is its own event");
    }

    @Test
    void deassertedBeforeDeliveryMeansNoInterrupt() {
        line.request("eth0", () -> log.add("handler"));
        line.assertLine();
        line.deassertLine();
        loop.runUntilIdle();
        assertTrue(log.isEmpty());
        assertEquals(0, line.count());
    }

    @Test
    void maskedLineStaysPendingAndFiresOnUnmask() {
        line.request("eth0", () -> {
            log.add("handler@" + loop.now());
            line.deassertLine();
        });
        line.mask();
        line.assertLine();
        loop.runUntilIdle();
        assertTrue(log.isEmpty());
        assertTrue(line.isPending());
        loop.runFor(100);
        line.unmask();
        loop.runUntilIdle();
        assertEquals(List.of("handler@100"), log);
        assertFalse(line.isPending());
    }

    @Test
    void aLineAssertedBeforeAnyHandlerFiresWhenOneIsRequested() {
        line.assertLine();
        loop.runUntilIdle();
        assertTrue(line.isPending());
        line.request("eth0", () -> {
            log.add("late handler");
            line.deassertLine();
        });
        loop.runUntilIdle();
        assertEquals(List.of("late handler"), log);
    }

    @Test
    void freedLineDeliversNothing() {
        line.request("eth0", () -> log.add("handler"));
        line.free();
        line.assertLine();
        loop.runUntilIdle();
        assertTrue(log.isEmpty());
        assertNull(line.owner());
    }

    @Test
    void oneHandlerPerLine() {
        line.request("eth0", () -> { });
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> line.request("eth1", () -> { }));
        assertTrue(e.getMessage().contains("eth0"));
    }

    @Test
    void aStuckLineIsMaskedWithNobodyCared() {
        pic.setLog(log::add);
        line.request("eth0", () -> { }); // never quiets the device
        line.assertLine();
        loop.runUntilIdle();
        assertTrue(line.stormMasked());
        assertTrue(line.isMasked());
        assertEquals(InterruptController.STORM_LIMIT, line.count());
        assertTrue(log.get(0).startsWith("irq 11: nobody cared"), log.toString());
        assertEquals("Disabling IRQ #11", log.get(1));
    }

    @Test
    void manyInterruptsSpreadOverTimeAreNotAStorm() {
        line.request("eth0", line::deassertLine);
        for (int i = 0; i < InterruptController.STORM_LIMIT + 10; i++) loop.schedule(i + 1, line::assertLine);
        loop.runUntilIdle();
        assertFalse(line.stormMasked());
        assertEquals(InterruptController.STORM_LIMIT + 10, line.count());
    }

    @Test
    void procInterruptsListsLinesWithCountsAndOwners() {
        line.request("eth0", line::deassertLine);
        pic.line(10).request("eth1", () -> { });
        line.assertLine();
        loop.runUntilIdle();
        String table = pic.procInterrupts();
        assertTrue(table.contains("  10:          0   IO-APIC  10-fasteoi   eth1"), table);
        assertTrue(table.contains("  11:          1   IO-APIC  11-fasteoi   eth0"), table);
        assertTrue(table.indexOf("  10:") < table.indexOf("  11:"), "lines are listed in number order");
    }
}
