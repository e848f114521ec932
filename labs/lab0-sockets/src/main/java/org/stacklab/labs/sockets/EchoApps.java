package org.stacklab.labs.sockets;

import org.stacklab.kernel.core.ComponentProvider;
import org.stacklab.kernel.core.ModuleSet;
import org.stacklab.syscall.Program;

/**
 * Makes your three programs loadable as {@code apps.echo=student} (nothing to change here): the
 * components {@code apps.echo.udp-server}, {@code apps.echo.udp-client} and {@code apps.echo.tcp-server}.
 */
public final class EchoApps {
    private EchoApps() {}

    public static final class UdpServer implements ComponentProvider {
        @Override public String component() { return "apps.echo.udp-server"; }
        @Override public String impl() { return ModuleSet.STUDENT; }
        @Override public Class<?> type() { return Program.class; }
        @Override public Object create() { return new UdpEchoServer(); }
    }

    public static final class UdpClient implements ComponentProvider {
        @Override public String component() { return "apps.echo.udp-client"; }
        @Override public String impl() { return ModuleSet.STUDENT; }
        @Override public Class<?> type() { return Program.class; }
        @Override public Object create() { return new UdpEchoClient(); }
    }

    public static final class TcpServer implements ComponentProvider {
        @Override public String component() { return "apps.echo.tcp-server"; }
        @Override public String impl() { return ModuleSet.STUDENT; }
        @Override public Class<?> type() { return Program.class; }
        @Override public Object create() { return new TcpLineEchoServer(); }
    }
}
