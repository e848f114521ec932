package org.stacklab.kernel.core;

import java.util.List;

/**
 * A loadable kernel module, as {@code insmod} loads one: {@link #init} registers the module's
 * handlers (an ethertype, an IP protocol, a socket family, a netfilter hook) and
 * {@link Kernel#exportSymbol exports} what other modules may use; {@link #exit} undoes all of it.
 */
public interface KernelModule {
    /** Module name as {@code lsmod} shows it: {@code e1000}, {@code ipv4}, {@code udp}, {@code tcp}. */
    String name();

    /** Which implementation this is: {@code reference}, {@code student}, or a test double's name. */
    default String impl() { return "reference"; }

    /** Modules that must be loaded first (their symbols are used by this one). */
    default List<String> dependsOn() { return List.of(); }

    void init(Kernel kernel);

    void exit(Kernel kernel);
}
