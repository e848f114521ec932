package org.stacklab.hw.bus;

/**
 * A device's interrupt line as the kernel sees it ({@code request_irq}/{@code free_irq}). The handler
 * runs at an event boundary, never in the middle of another event, as a hard IRQ would run between
 * instructions. Lines are level-triggered: while the device holds the line asserted and the line is
 * unmasked, the handler keeps being called.
 */
public interface IrqLine {
    /** The IRQ number, as /proc/interrupts lists it. */
    int number();

    /** Installs the handler; one handler per line. */
    void request(String owner, Runnable handler);

    /** Removes the handler. */
    void free();

    /** Masks the line at the interrupt controller (disable_irq). */
    void mask();

    /** Unmasks it (enable_irq); a still-asserted line fires again. */
    void unmask();

    /** Times the handler has run (the /proc/interrupts count). */
    long count();
}
