package org.stacklab.syscall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.stacklab.kernel.socket.Errno;
import org.stacklab.kernel.socket.InetSockets;
import org.stacklab.kernel.socket.Sock;

/** File descriptors: lowest free first, dup/dup2 share one open file, everything is a file. */
class FdTableTest {
    final TestHosts net = new TestHosts(1);
    final Task p = Processes.on(net.h1).foreground("test", Task.ROOT);
    final Syscalls sys = p.sys();

    int udp() { return sys.socket(InetSockets.AF_INET, Sock.SOCK_DGRAM, 0); }

    @Test
    void consoleIsZeroOneTwoAndNewFdsTakeTheLowestFree() {
        assertEquals(3, udp());
        assertEquals(4, udp());
        assertEquals(5, udp());
        assertEquals(0, sys.close(4));
        assertEquals(4, udp(), "the hole is filled first");
        assertEquals(Errno.EBADF.neg(), sys.close(4 + 100));
        assertEquals(0, sys.close(4));
        assertEquals(Errno.EBADF.neg(), sys.close(4), "closing twice");
    }

    @Test
    void writeToFdOneIsStdoutAndDup2RedirectsIt() {
        byte[] hi = "hi\n".getBytes(StandardCharsets.UTF_8);
        assertEquals(3, sys.write(1, hi, 0, 3));
        assertEquals("hi\n", p.stdout());
        assertEquals(2, sys.dup2(1, 2), "2>&1");
        p.eprint("err\n");
        assertEquals("hi\nerr\n", p.stdout());
        assertEquals(Errno.EBADF.neg(), sys.write(0, hi, 0, 3), "stdin is read-only");
        assertEquals(0, sys.read(0, new byte[4], 0, 4), "stdin is /dev/null by default: end of file");
    }

    @Test
    void dupSharesTheOpenFileAndItsFlags() {
        int s = udp();
        int d = sys.dup(s);
        assertEquals(4, d);
        assertEquals(0, sys.fcntl(d, Syscalls.F_SETFL, Syscalls.O_NONBLOCK));
        assertTrue((sys.fcntl(s, Syscalls.F_GETFL, 0) & Syscalls.O_NONBLOCK) != 0, "O_NONBLOCK lives in the shared open file description");
        assertEquals(0, sys.close(s));
        assertEquals(0, sys.bind(d, new org.stacklab.kernel.socket.SockAddr(0, 7000)), "the socket lives while an fd refers to it");
        assertEquals(7, sys.dup2(d, 7));
        assertEquals(7, sys.dup2(7, 7));
        assertEquals(Errno.EBADF.neg(), sys.dup2(d, -1));
        assertEquals(5, sys.fcntl(d, Syscalls.F_DUPFD, 5));
    }

    @Test
    void rlimitNofileGivesEmfile() {
        p.fds().setRlimitNofile(5);
        assertEquals(3, udp());
        assertEquals(4, udp());
        assertEquals(Errno.EMFILE.neg(), udp());
        assertEquals(Errno.EMFILE.neg(), sys.dup(3));
    }

    @Test
    void openUnknownPathIsEnoentAndMemoryFsFilesReadAndWrite() {
        assertEquals(Errno.ENOENT.neg(), sys.open("/nonexistent", Syscalls.O_RDONLY));
        MemoryFs fs = new MemoryFs().put("/srv/a.txt", "alpha");
        Vfs.of(net.h1).mount("/srv", fs);
        int fd = sys.open("/srv/a.txt", Syscalls.O_RDONLY);
        assertEquals(3, fd);
        byte[] b = new byte[10];
        assertEquals(5, sys.read(fd, b, 0, 10));
        assertEquals(0, sys.read(fd, b, 0, 10));
        assertEquals(Errno.EBADF.neg(), sys.write(fd, b, 0, 1));
        int w = sys.open("/srv/out", Syscalls.O_WRONLY | Syscalls.O_CREAT);
        assertEquals(4, w);
        // "everything is a file": stdout redirected into a file, then printf lands there.
        sys.dup2(w, 1);
        p.print("saved");
        assertEquals("saved", new String(fs.get("/srv/out"), StandardCharsets.UTF_8));
        assertEquals(Errno.ENOTSOCK.neg(), sys.bind(w, org.stacklab.kernel.socket.SockAddr.ANY));
    }

    @Test
    void procfsFilesOpenThroughTheSameTable() {
        int fd = sys.open("/proc/sys/kernel/hostname", Syscalls.O_RDONLY);
        assertTrue(fd >= 3, "fd " + fd);
        byte[] b = new byte[64];
        int n = sys.read(fd, b, 0, b.length);
        assertEquals("h1\n", new String(b, 0, n, StandardCharsets.UTF_8));
        assertEquals(Errno.EACCES.neg(), sys.open("/proc/sys/kernel/hostname", Syscalls.O_WRONLY));
    }
}
