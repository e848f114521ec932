package org.stacklab.solutions.tcp;

import org.stacklab.kernel.core.ComponentProvider;
import org.stacklab.kernel.core.KernelModule;
import org.stacklab.kernel.tcp.CongestionControl;
import org.stacklab.kernel.tcp.ConnectionManagement;
import org.stacklab.kernel.tcp.FlowControl;
import org.stacklab.kernel.tcp.ReliableDelivery;

/** The reference TCP module and its parts, as ServiceLoader finds them. */
public final class TcpComponents {
    private TcpComponents() {}

    public static final class Module implements ComponentProvider {
        @Override public String component() { return "tcp"; }
        @Override public String impl() { return "reference"; }
        @Override public Class<?> type() { return KernelModule.class; }
        @Override public Object create() { return new TcpModule(); }
    }

    public static final class Connection implements ComponentProvider {
        @Override public String component() { return "tcp.connection"; }
        @Override public String impl() { return "reference"; }
        @Override public Class<?> type() { return ConnectionManagement.class; }
        @Override public Object create() { return new TcpStateMachine(); }
    }

    public static final class Reliability implements ComponentProvider {
        @Override public String component() { return "tcp.reliability"; }
        @Override public String impl() { return "reference"; }
        @Override public Class<?> type() { return ReliableDelivery.class; }
        @Override public Object create() { return new TcpReliability(); }
    }

    public static final class Flow implements ComponentProvider {
        @Override public String component() { return "tcp.flow"; }
        @Override public String impl() { return "reference"; }
        @Override public Class<?> type() { return FlowControl.class; }
        @Override public Object create() { return new TcpFlowControl(); }
    }

    public static final class Congestion implements ComponentProvider {
        @Override public String component() { return "tcp.congestion"; }
        @Override public String impl() { return "reference"; }
        @Override public Class<?> type() { return CongestionControl.class; }
        @Override public Object create() { return new NewReno(); }
    }

    /** {@code --use tcp.congestion=cubic}. */
    public static final class CubicCongestion implements ComponentProvider {
        @Override public String component() { return "tcp.congestion"; }
        @Override public String impl() { return "cubic"; }
        @Override public Class<?> type() { return CongestionControl.class; }
        @Override public Object create() { return new Cubic(); }
    }
}
