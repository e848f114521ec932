package org.stacklab.userland;

import org.stacklab.kernel.socket.Errno;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.kernel.socket.SockAddr;
import org.stacklab.kernel.socket.SockInfo;

/** A socket that only reports a fixed {@link SockInfo}: what ss and /proc/net see of a transport. */
class FakeSock implements Sock {
    private final SockInfo info;

    FakeSock(SockInfo info) { this.info = info; }

    static FakeSock tcp(String state, int recvQ, int sendQ, String local, String peer, long inode) {
        return new FakeSock(new SockInfo("tcp", state, recvQ, sendQ, addr(local), addr(peer), inode, 0, null));
    }

    static FakeSock udp(String state, String local, String peer, long inode) {
        return new FakeSock(new SockInfo("udp", state, 0, 0, addr(local), addr(peer), inode, 0, null));
    }

    static SockAddr addr(String s) {
        int c = s.lastIndexOf(':');
        return SockAddr.of(s.substring(0, c), Integer.parseInt(s.substring(c + 1)));
    }

    @Override public int type() { return info.netid().equals("tcp") ? SOCK_STREAM : SOCK_DGRAM; }
    @Override public int protocol() { return info.netid().equals("tcp") ? IPPROTO_TCP : IPPROTO_UDP; }
    @Override public int bind(SockAddr addr) { return Errno.ENOSYS.neg(); }
    @Override public int listen(int backlog) { return Errno.ENOSYS.neg(); }
    @Override public int connect(SockAddr addr) { return Errno.ENOSYS.neg(); }
    @Override public Sock accept() { return null; }
    @Override public int sendmsg(byte[] buf, int off, int len, int flags, SockAddr to) { return Errno.ENOSYS.neg(); }
    @Override public int recvmsg(byte[] buf, int off, int len, int flags, SockAddr[] from) { return Errno.EAGAIN.neg(); }
    @Override public int shutdown(int how) { return 0; }
    @Override public void close() {}
    @Override public int setsockopt(int level, int name, int value) { return 0; }
    @Override public int getsockopt(int level, int name) { return Errno.ENOPROTOOPT.neg(); }
    @Override public SockAddr localAddress() { return info.local(); }
    @Override public SockAddr peerAddress() { return info.peer(); }
    @Override public int poll() { return 0; }
    @Override public int takeError() { return 0; }
    @Override public SockInfo info() { return info; }
}
