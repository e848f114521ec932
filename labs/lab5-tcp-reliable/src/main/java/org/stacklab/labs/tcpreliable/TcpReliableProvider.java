package org.stacklab.labs.tcpreliable;

import org.stacklab.kernel.core.ComponentProvider;
import org.stacklab.kernel.core.ModuleSet;
import org.stacklab.kernel.tcp.ReliableDelivery;

/** Makes your reliable delivery loadable as {@code tcp.reliability=student} (nothing to change here). */
public final class TcpReliableProvider implements ComponentProvider {
    @Override
    public String component() { return "tcp.reliability"; }

    @Override
    public String impl() { return ModuleSet.STUDENT; }

    @Override
    public Class<?> type() { return ReliableDelivery.class; }

    @Override
    public Object create() { return new TcpReliableDelivery(); }
}
