package org.stacklab.kernel.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ModuleSetTest {
    @AfterEach
    void clearProperty() { System.clearProperty("stacklab.use"); }

    @Test
    void useSyntaxOverridesPerComponentAndFallsBackToTheParentName() {
        ModuleSet s = ModuleSet.parse("student", "tcp=reference, ip=student");
        assertEquals("reference", s.implFor("tcp"));
        assertEquals("reference", s.implFor("tcp.congestion"));
        assertEquals("student", s.implFor("ip"));
        assertEquals("student", s.implFor("udp"));
        ModuleSet t = s.with("tcp.congestion", "student");
        assertEquals("student", t.implFor("tcp.congestion"));
        assertEquals("reference", t.implFor("tcp.connection"));
        assertEquals("reference", s.implFor("tcp.congestion"), "with() returns a new set");
    }

    @Test
    void badEntriesAreRefusedWithTheSyntaxInTheMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModuleSet.reference().with("tcp"));
        assertTrue(e.getMessage().contains("COMPONENT=IMPL"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ModuleSet.reference().with("=student"));
        assertThrows(IllegalArgumentException.class, () -> ModuleSet.reference().with("tcp="));
    }

    @Test
    void theSystemPropertyAppliesLast() {
        System.setProperty("stacklab.use", "udp=student,tcp=mock");
        ModuleSet s = ModuleSet.parse("reference", "tcp=student");
        assertEquals("student", s.implFor("udp"));
        assertEquals("mock", s.implFor("tcp"), "the property wins over the command line");
        assertEquals("reference", s.implFor("ip"));
        System.setProperty("stacklab.use", " ");
        assertEquals("student", ModuleSet.parse("reference", "tcp=student").implFor("tcp"));
    }

    @Test
    void emptyUseIsTheBase() {
        assertEquals("reference", ModuleSet.parse("reference", null).implFor("anything"));
        assertEquals("default=student,tcp=reference", ModuleSet.parse("student", "tcp=reference").toString());
    }
}
