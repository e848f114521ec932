package org.stacklab.labs.tcpconnect;

import org.stacklab.grader.LabExtension;
import org.stacklab.testkit.tcp.TcpLabScenario;

/**
 * The scenario of one graded test of lab4-tcp-connect ({@link TcpLabScenario}); the grader passes
 * {@code -Dstacklab.use=tcp.connection=student}. Registered with {@code @RegisterExtension}
 * ({@link LabExtension}), it adds to every failure what a student needs to act on it: the tcpdump
 * trace of the host's segments, a pcap file and the command that replays the test; and it fails a
 * test that passed its own checks if the kernel oopsed.
 */
final class ConnectLab extends TcpLabScenario implements LabExtension {
    static final String LAB = "lab4-tcp-connect";

    ConnectLab() {
        super(LAB);
    }
}
