package org.stacklab.labs.tcpflow;

import org.stacklab.kernel.core.ComponentProvider;
import org.stacklab.kernel.core.ModuleSet;
import org.stacklab.kernel.tcp.CongestionControl;

/** Makes your congestion control loadable as {@code tcp.congestion=student} (nothing to change here). */
public final class TcpCongestionProvider implements ComponentProvider {
    @Override
    public String component() { return "tcp.congestion"; }

    @Override
    public String impl() { return ModuleSet.STUDENT; }

    @Override
    public Class<?> type() { return CongestionControl.class; }

    @Override
    public Object create() { return new NewRenoCongestion(); }
}
