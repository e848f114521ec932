package org.stacklab.kernel.core;

/**
 * Makes one implementation of one component known to the kernel, through
 * {@link java.util.ServiceLoader} ({@code META-INF/services/org.stacklab.kernel.core.ComponentProvider}).
 *
 * <p>A component is the unit of the swap: the part one lab asks a student to write, behind one
 * interface ({@code driver.e1000}, {@code ip}, {@code udp}, {@code tcp.congestion}). The reference
 * registers {@code impl() = "reference"}, the student's lab code {@code "student"}.
 */
public interface ComponentProvider {
    /** Dotted component name: {@code tcp}, {@code tcp.congestion}, {@code driver.e1000}. */
    String component();

    /** {@code reference} or {@code student}. */
    String impl();

    /** The interface instances of this component implement (KernelModule for whole modules). */
    Class<?> type();

    /** A fresh instance; called once per kernel that loads it. */
    Object create();
}
