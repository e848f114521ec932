package org.stacklab.labs.tcpflow;

import org.stacklab.kernel.core.ComponentProvider;
import org.stacklab.kernel.core.ModuleSet;
import org.stacklab.kernel.tcp.FlowControl;

/** Makes your flow control loadable as {@code tcp.flow=student} (nothing to change here). */
public final class TcpFlowProvider implements ComponentProvider {
    @Override
    public String component() { return "tcp.flow"; }

    @Override
    public String impl() { return ModuleSet.STUDENT; }

    @Override
    public Class<?> type() { return FlowControl.class; }

    @Override
    public Object create() { return new WindowFlowControl(); }
}
