package org.stacklab.labs.tcpconnect;

import org.stacklab.kernel.core.ComponentProvider;
import org.stacklab.kernel.core.ModuleSet;
import org.stacklab.kernel.tcp.ConnectionManagement;

/** Makes your state machine loadable as {@code tcp.connection=student} (nothing to change here). */
public final class TcpConnectProvider implements ComponentProvider {
    @Override
    public String component() { return "tcp.connection"; }

    @Override
    public String impl() { return ModuleSet.STUDENT; }

    @Override
    public Class<?> type() { return ConnectionManagement.class; }

    @Override
    public Object create() { return new ConnectionStateMachine(); }
}
