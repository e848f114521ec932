package org.stacklab.cli.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * The baseline: the same amount of data through plain Java sockets over the real Linux loopback
 * (127.0.0.1), a writer thread and a reader thread, measured in the same run as StackLab's figures.
 */
final class LinuxLoopback {
    private LinuxLoopback() {}

    static double gbps(long bytes) throws IOException, InterruptedException {
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            long[] got = {0};
            Thread reader = new Thread(() -> {
                try (Socket s = ss.accept(); InputStream in = s.getInputStream()) {
                    byte[] buf = new byte[262144];
                    int n;
                    while ((n = in.read(buf)) > 0) got[0] += n;
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }, "loopback-reader");
            reader.start();
            long start = System.nanoTime();
            try (Socket c = new Socket(InetAddress.getLoopbackAddress(), ss.getLocalPort()); OutputStream out = c.getOutputStream()) {
                byte[] buf = new byte[65536];
                long left = bytes;
                while (left > 0) {
                    int n = (int) Math.min(buf.length, left);
                    out.write(buf, 0, n);
                    left -= n;
                }
            }
            reader.join();
            long wall = System.nanoTime() - start;
            if (got[0] != bytes) throw new IllegalStateException("loopback baseline moved " + got[0] + " of " + bytes);
            return bytes * 8.0 / wall;
        }
    }
}
