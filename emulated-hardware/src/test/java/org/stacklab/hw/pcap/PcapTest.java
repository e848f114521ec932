package org.stacklab.hw.pcap;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stacklab.hw.link.Frames;
import org.stacklab.hw.link.LinkSpec;
import org.stacklab.hw.link.RecordingPort;
import org.stacklab.hw.link.Wire;
import org.stacklab.sim.EventLoop;
import org.stacklab.sim.Time;

class PcapTest {
    @TempDir Path dir;

    @Test
    void headerIsClassicPcapForEthernet() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PcapWriter(out).close();
        byte[] h = out.toByteArray();
        assertEquals(24, h.length);
        ByteBuffer b = ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0xa1b2c3d4, b.getInt(0));
        assertEquals(2, b.getShort(4));
        assertEquals(4, b.getShort(6));
        assertEquals(65535, b.getInt(16));
        assertEquals(1, b.getInt(20), "LINKTYPE_ETHERNET");
    }

    @Test
    void writerAndReaderRoundTripWithVirtualTimestamps() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PcapWriter w = new PcapWriter(out);
        byte[] f1 = Frames.build(Frames.BROADCAST, 0x020000000001L, 0x0806, 60);
        byte[] f2 = Frames.build(0x020000000001L, 0x020000000002L, 0x0800, 1514);
        w.write(Time.us(1), f1);
        w.write(Time.s(3) + Time.us(250), f2);
        w.close();
        assertEquals(2, w.records());
        PcapReader.Capture c = PcapReader.read(out.toByteArray());
        assertEquals(PcapWriter.LINKTYPE_ETHERNET, c.linkType());
        List<PcapReader.Record> r = c.records();
        assertEquals(2, r.size());
        assertEquals(Time.us(1), r.get(0).timeNs());
        assertArrayEquals(f1, r.get(0).data());
        assertEquals(Time.s(3) + Time.us(250), r.get(1).timeNs());
        assertArrayEquals(f2, r.get(1).data());
        assertEquals(1514, r.get(1).originalLength());
    }

    @Test
    void aTapCapturesBothDirectionsOfAPort() throws Exception {
        EventLoop loop = EventLoop.virtual(1);
        RecordingPort a = new RecordingPort(loop, "a");
        RecordingPort b = new RecordingPort(loop, "b");
        Path file = dir.resolve("a.pcap");
        PcapTap tap = PcapTap.wrap(loop, a, file);
        Wire.connect(loop, tap, b, LinkSpec.gigabit());
        byte[] out = Frames.build(0x020000000002L, 0x020000000001L, 0x0800, 100);
        byte[] back = Frames.build(0x020000000001L, 0x020000000002L, 0x0800, 200);
        loop.schedule(Time.us(10), () -> a.send(out));
        loop.schedule(Time.us(20), () -> b.send(back));
        loop.runUntilIdle();
        tap.close();

        List<PcapReader.Record> r = PcapReader.read(file).records();
        assertEquals(2, r.size());
        assertArrayEquals(out, r.get(0).data());
        assertEquals(Time.us(10), r.get(0).timeNs(), "sent frames are stamped when they start onto the wire");
        assertArrayEquals(back, r.get(1).data());
        long arrival = Time.us(20) + LinkSpec.gigabit().serializationNs(200) + LinkSpec.gigabit().propagationNs();
        assertEquals(arrival / 1000 * 1000, r.get(1).timeNs(), "received frames are stamped on arrival (µs resolution)");
        assertEquals(1, a.frames.size(), "the tap passes frames through");
    }

    @Test
    void tcpdumpReadsTheFile() throws Exception {
        Path tcpdump = Path.of("/usr/bin/tcpdump");
        Assumptions.assumeTrue(Files.isExecutable(tcpdump) || Files.isExecutable(Path.of("/usr/sbin/tcpdump")),
                "tcpdump not installed");
        Path file = dir.resolve("t.pcap");
        try (PcapWriter w = PcapWriter.open(file)) {
            w.write(Time.ms(1), Frames.build(Frames.BROADCAST, 0x525400000001L, 0x0806, 60));
            w.write(Time.ms(2), Frames.build(0x525400000001L, 0x525400000002L, 0x88B5, 100));
        }
        Process p = new ProcessBuilder("tcpdump", "-n", "-e", "-r", file.toString()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), text);
        assertTrue(text.contains("52:54:00:00:00:01 > ff:ff:ff:ff:ff:ff"), text);
        assertTrue(text.contains("00:00:00.002000 52:54:00:00:00:02 > 52:54:00:00:00:01"), text);
    }
}
