package org.stacklab.solutions.apps;

import org.stacklab.kernel.core.ComponentProvider;
import org.stacklab.kernel.core.ModuleSet;
import org.stacklab.syscall.Program;

/** The reference programs as components {@code apps.echo.udp-server}, {@code apps.echo.udp-client}, {@code apps.echo.tcp-server}. */
public final class EchoAppsProviders {
    private EchoAppsProviders() {}

    public static final class UdpServer implements ComponentProvider {
        @Override public String component() { return "apps.echo.udp-server"; }
        @Override public String impl() { return ModuleSet.REFERENCE; }
        @Override public Class<?> type() { return Program.class; }
        @Override public Object create() { return new UdpEchoServer(); }
    }

    public static final class UdpClient implements ComponentProvider {
        @Override public String component() { return "apps.echo.udp-client"; }
        @Override public String impl() { return ModuleSet.REFERENCE; }
        @Override public Class<?> type() { return Program.class; }
        @Override public Object create() { return new UdpEchoClient(); }
    }

    public static final class TcpServer implements ComponentProvider {
        @Override public String component() { return "apps.echo.tcp-server"; }
        @Override public String impl() { return ModuleSet.REFERENCE; }
        @Override public Class<?> type() { return Program.class; }
        @Override public Object create() { return new TcpLineEchoServer(); }
    }
}
