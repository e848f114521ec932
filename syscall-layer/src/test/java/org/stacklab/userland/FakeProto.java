package org.stacklab.userland;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.kernel.socket.SocketProto;

/** A transport registered in InetSockets whose socket table a test fills in. */
final class FakeProto implements SocketProto {
    private final int type, protocol;
    final List<Sock> socks = new ArrayList<>();
    private final Supplier<Sock> factory;

    FakeProto(int type, int protocol, Supplier<Sock> factory) {
        this.type = type;
        this.protocol = protocol;
        this.factory = factory;
    }

    @Override public int type() { return type; }
    @Override public int protocol() { return protocol; }

    /** A new socket from the factory (null: this transport cannot make sockets); the table stays as the test set it. */
    @Override public Sock create() { return factory.get(); }

    @Override public List<? extends Sock> sockets() { return socks; }
}
