package org.stacklab.userland;

import org.stacklab.kernel.core.Ip4;
import org.stacklab.kernel.socket.Errno;
import org.stacklab.kernel.socket.InetSockets;
import org.stacklab.kernel.socket.Sock;
import org.stacklab.kernel.socket.SockAddr;
import org.stacklab.syscall.PollFd;
import org.stacklab.syscall.Program;
import org.stacklab.syscall.Syscalls;
import org.stacklab.syscall.UserProcess;

/**
 * {@code ping [-qn4] [-c COUNT] [-i INTERVAL] [-s SIZE] [-t TTL] [-W TIMEOUT] [-w DEADLINE] HOST}, as iputils' ping does it over an
 * unprivileged ICMP socket ({@code socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP)}): each echo request
 * carries the send time in its first 16 bytes (a struct timeval), so the round trip is measured
 * from the reply itself, and the summary's mdev is computed in integer microseconds as iputils does.
 *
 * <p>The reply's TTL comes from the IPv4 header when the socket delivers one (as a raw socket does).
 * A ping socket delivers only the ICMP message; Linux hands the TTL over as an IP_RECVTTL control
 * message, which this syscall layer has no recvmsg ancillary data for, so ping asks
 * {@code getsockopt(SOL_IP, IP_RECVTTL)} right after the receive, which a ping socket answers with
 * the TTL of the datagram last received. If neither is available the TTL is left out of the line.
 */
public final class Ping implements Program {
    private static final int ICMP_ECHO = 8, ICMP_ECHOREPLY = 0, ICMP_DEST_UNREACH = 3, ICMP_TIME_EXCEEDED = 11;
    private static final int TIMEVAL_LEN = 16;

    private int count = -1;
    private long intervalNs = 1_000_000_000L;
    private int size = 56;
    private long lingerNs = 10_000_000_000L;
    private int ttl = -1;

    private long transmitted, received, errors;
    private long tmin = Long.MAX_VALUE, tmax, tsum, tsum2;
    private boolean timed;
    private boolean quiet;
    /** -w: stop after this long whatever was sent or received; 0 = no deadline. */
    private long deadlineNs;

    @Override
    public int main(UserProcess proc, String[] argv) {
        String host = null;
        boolean numeric = false;
        // getopt(3) as iputils uses it: flags may be grouped (-qn) and values attached (-c1) or apart (-c 1).
        for (int i = 1; i < argv.length; i++) {
            String a = argv[i];
            if (!a.startsWith("-") || a.length() == 1) {
                host = a;
                continue;
            }
            for (int j = 1; j < a.length(); j++) {
                char c = a.charAt(j);
                if (c == 'q') { quiet = true; continue; }
                if (c == 'n') { numeric = true; continue; }
                if (c == '4') continue; // IPv4 is all there is
                if ("cisWtw".indexOf(c) < 0) return usage(proc, "invalid option -- '" + c + "'");
                String v = j + 1 < a.length() ? a.substring(j + 1) : i + 1 < argv.length ? argv[++i] : null;
                if (v == null) return usage(proc, "option requires an argument -- '" + c + "'");
                try {
                    switch (c) {
                        case 'c' -> count = Integer.parseInt(v);
                        case 'i' -> intervalNs = (long) (Double.parseDouble(v) * 1e9);
                        case 's' -> size = Integer.parseInt(v);
                        case 'W' -> lingerNs = (long) (Double.parseDouble(v) * 1e9);
                        case 't' -> ttl = Integer.parseInt(v);
                        default -> deadlineNs = (long) (Double.parseDouble(v) * 1e9);
                    }
                } catch (NumberFormatException e) {
                    return usage(proc, "invalid argument: '" + v + "'");
                }
                break; // the value took the rest of this word
            }
        }
        if (host == null) return usage(proc, "usage error: Destination address required");
        if (count == 0 || size < 0 || size > 65507) return usage(proc, "invalid argument");
        Integer dst = Resolver.resolve(proc, host);
        if (dst == null) {
            proc.eprintln("ping: " + host + ": Name or service not known");
            return 2;
        }
        Syscalls sys = proc.sys();
        int probe = probeRoute(sys, dst);
        if (probe < 0) {
            proc.eprintln("ping: connect: " + UserFiles.strerror(probe));
            return 2;
        }
        int fd = sys.socket(InetSockets.AF_INET, Sock.SOCK_DGRAM, Sock.IPPROTO_ICMP);
        if (fd < 0) {
            proc.eprintln("ping: socket: " + UserFiles.strerror(fd));
            return 2;
        }
        if (ttl >= 0) {
            int rc = sys.setsockopt(fd, Sock.SOL_IP, Sock.IP_TTL, ttl);
            if (rc < 0) {
                proc.eprintln("ping: can't set unicast time-to-live: " + UserFiles.strerror(rc));
                return 2;
            }
        }
        String ip = Ip4.format(dst);
        // -n: no names in the reply lines, only the address (iputils' numeric output).
        String who = numeric || Resolver.isNumeric(host) ? ip : host + " (" + ip + ")";
        proc.println("PING " + host + " (" + ip + ") " + size + "(" + (size + 28) + ") bytes of data.");
        timed = size >= TIMEVAL_LEN;
        long start = sys.clockGettime();
        SockAddr to = new SockAddr(dst, 0);
        byte[] rx = new byte[size + 8 + 60 + 8];
        int seq = 0;
        long lastSend = start;
        long end = deadlineNs > 0 ? start + deadlineNs : Long.MAX_VALUE;
        while ((count < 0 || seq < count) && sys.clockGettime() < end) {
            seq++;
            lastSend = sys.clockGettime();
            int rc = sys.sendto(fd, echoRequest(seq, lastSend), 0, 8 + size, 0, to);
            transmitted++;
            if (rc < 0) {
                errors++;
                proc.eprintln("ping: sendmsg: " + UserFiles.strerror(rc));
            }
            if (count >= 0 && seq >= count) break;
            receiveUntil(proc, fd, rx, Math.min(end, lastSend + intervalNs), who, false);
        }
        // After the last request, wait for the outstanding replies (iputils' linger time, -W),
        // but never past the -w deadline.
        receiveUntil(proc, fd, rx, Math.min(end, lastSend + lingerNs), who, true);
        // iputils measures "time" up to the last transmission, not the last reply.
        long elapsedMs = (lastSend - start) / 1_000_000;
        sys.close(fd);
        printSummary(proc, host, elapsedMs);
        return received > 0 ? 0 : 1;
    }

    /**
     * iputils' first step: connect a UDP socket towards the destination (port 1025, nothing is
     * sent) so the kernel picks the route and the source address; no route means
     * "ping: connect: Network is unreachable" before anything is sent. Without UDP the probe is skipped.
     */
    private static int probeRoute(Syscalls sys, int dst) {
        int probe = sys.socket(InetSockets.AF_INET, Sock.SOCK_DGRAM, Sock.IPPROTO_UDP);
        if (probe < 0) return 0;
        int rc = sys.connect(probe, new SockAddr(dst, 1025));
        sys.close(probe);
        return rc == Errno.ENETUNREACH.neg() || rc == Errno.EHOSTUNREACH.neg() ? rc : 0;
    }

    private void receiveUntil(UserProcess proc, int fd, byte[] rx, long deadline, String who, boolean last) {
        Syscalls sys = proc.sys();
        while (true) {
            if (last && received + errors >= transmitted) return;
            long now = sys.clockGettime();
            if (now >= deadline) return;
            PollFd[] p = {new PollFd(fd, Sock.POLLIN)};
            long remaining = deadline - now;
            // poll() counts whole milliseconds; the last fraction is slept so sends stay on the interval.
            int timeoutMs = (int) Math.min(Integer.MAX_VALUE, remaining / 1_000_000);
            if (timeoutMs == 0) {
                if (sys.poll(p, 0) <= 0) {
                    sys.nanosleep(remaining);
                    continue;
                }
            }
            int n = timeoutMs == 0 ? 1 : sys.poll(p, timeoutMs);
            if (n <= 0 || (p[0].revents & Sock.POLLIN) == 0) {
                if (n < 0) return;
                continue;
            }
            SockAddr[] from = new SockAddr[1];
            int len = sys.recvfrom(fd, rx, 0, rx.length, Sock.MSG_DONTWAIT, from);
            if (len < 0) continue;
            onReply(proc, rx, len, from[0], who, sys.getsockopt(fd, Sock.SOL_IP, Sock.IP_RECVTTL));
        }
    }

    private void onReply(UserProcess proc, byte[] b, int len, SockAddr from, String who, int recvTtl) {
        int off = 0;
        int ttl = recvTtl > 0 ? recvTtl : -1;
        if (len >= 20 && (b[0] >>> 4 & 0xf) == 4) { // an IPv4 header precedes the ICMP message
            ttl = b[8] & 0xff;
            off = (b[0] & 0xf) * 4;
        }
        if (len - off < 8) return;
        int type = b[off] & 0xff;
        if (type == ICMP_DEST_UNREACH || type == ICMP_TIME_EXCEEDED) {
            errors++;
            int innerSeq = len - off >= 8 + 28 ? u16(b, off + 8 + 20 + 6) : 0;
            String src = from == null ? "?" : Ip4.format(from.addr());
            if (!quiet) proc.println("From " + src + " icmp_seq=" + innerSeq + " "
                    + (type == ICMP_TIME_EXCEEDED ? "Time to live exceeded" : unreachText(b[off + 1] & 0xff)));
            return;
        }
        if (type != ICMP_ECHOREPLY) return;
        int seq = u16(b, off + 6);
        received++;
        StringBuilder line = new StringBuilder();
        line.append(len - off).append(" bytes from ").append(who).append(": icmp_seq=").append(seq);
        if (ttl >= 0) line.append(" ttl=").append(ttl);
        if (timed && len - off >= 8 + TIMEVAL_LEN) {
            long sentNs = readTimeval(b, off + 8);
            long triptime = Math.max(0, (proc.sys().clockGettime() - sentNs) / 1000); // microseconds
            tsum += triptime;
            tsum2 += triptime * triptime;
            tmin = Math.min(tmin, triptime);
            tmax = Math.max(tmax, triptime);
            line.append(" time=").append(formatTrip(triptime));
        }
        if (!quiet) proc.println(line.toString());
    }

    private void printSummary(UserProcess proc, String host, long elapsedMs) {
        proc.println("");
        proc.println("--- " + host + " ping statistics ---");
        StringBuilder sb = new StringBuilder();
        sb.append(transmitted).append(" packets transmitted, ").append(received).append(" received");
        if (errors > 0) sb.append(", +").append(errors).append(" errors");
        if (transmitted > 0) {
            sb.append(", ").append(formatG((transmitted - received) * 100.0 / transmitted)).append("% packet loss");
        }
        sb.append(", time ").append(elapsedMs).append("ms");
        proc.println(sb.toString());
        if (received > 0 && timed) {
            long avg = tsum / received;
            long mdev = isqrt(tsum2 / received - avg * avg);
            proc.println(String.format("rtt min/avg/max/mdev = %s/%s/%s/%s ms", ms3(tmin), ms3(avg), ms3(tmax), ms3(mdev)));
        }
    }

    private byte[] echoRequest(int seq, long nowNs) {
        byte[] p = new byte[8 + size];
        p[0] = (byte) ICMP_ECHO;
        // The identifier (bytes 4-5) is the ping socket's port, which the kernel fills in.
        p[6] = (byte) (seq >>> 8);
        p[7] = (byte) seq;
        int i = 0;
        if (timed) {
            writeLe(p, 8, nowNs / 1_000_000_000L);
            writeLe(p, 16, (nowNs / 1000) % 1_000_000L);
            i = TIMEVAL_LEN;
        }
        for (; i < size; i++) p[8 + i] = (byte) i; // iputils' fill pattern
        int sum = checksum(p);
        p[2] = (byte) (sum >>> 8);
        p[3] = (byte) sum;
        return p;
    }

    /** The Internet checksum (RFC 1071) over the whole ICMP message. */
    static int checksum(byte[] p) {
        long sum = 0;
        for (int i = 0; i + 1 < p.length; i += 2) sum += ((p[i] & 0xff) << 8) | (p[i + 1] & 0xff);
        if ((p.length & 1) != 0) sum += (p[p.length - 1] & 0xff) << 8;
        while ((sum >>> 16) != 0) sum = (sum & 0xffff) + (sum >>> 16);
        return (int) (~sum & 0xffff);
    }

    private static long readTimeval(byte[] b, int off) {
        return readLe(b, off) * 1_000_000_000L + readLe(b, off + 8) * 1000L;
    }

    private static void writeLe(byte[] b, int off, long v) {
        for (int i = 0; i < 8; i++) b[off + i] = (byte) (v >>> (8 * i));
    }

    private static long readLe(byte[] b, int off) {
        long v = 0;
        for (int i = 7; i >= 0; i--) v = (v << 8) | (b[off + i] & 0xff);
        return v;
    }

    private static int u16(byte[] b, int off) { return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff); }

    /** iputils' precision: three decimals under 1 ms, two under 10 ms, one under 100 ms. */
    static String formatTrip(long us) {
        if (us >= 100_000 - 50) return (us + 500) / 1000 + " ms";
        if (us >= 10_000 - 5) return (us + 50) / 1000 + "." + ((us + 50) % 1000) / 100 + " ms";
        if (us >= 1000) return String.format("%d.%02d ms", (us + 5) / 1000, ((us + 5) % 1000) / 10);
        return String.format("%d.%03d ms", us / 1000, us % 1000);
    }

    private static String ms3(long us) { return String.format("%d.%03d", us / 1000, us % 1000); }

    /** C's {@code %g}: six significant digits, no trailing zeros (33.3333, 20, 100). */
    static String formatG(double v) {
        if (v == 0) return "0";
        String s = new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
        return s;
    }

    static long isqrt(long v) {
        if (v <= 0) return 0;
        long r = (long) Math.sqrt((double) v);
        while (r * r > v) r--;
        while ((r + 1) * (r + 1) <= v) r++;
        return r;
    }

    private static String unreachText(int code) {
        switch (code) {
            case 0: return "Destination Net Unreachable";
            case 1: return "Destination Host Unreachable";
            case 2: return "Destination Protocol Unreachable";
            case 3: return "Destination Port Unreachable";
            case 4: return "Frag needed and DF set";
            default: return "Dest Unreachable, Bad Code: " + code;
        }
    }

    private static int usage(UserProcess proc, String msg) {
        proc.eprintln("ping: " + msg);
        proc.eprintln("Usage: ping [-q] [-c count] [-i interval] [-s packetsize] [-t ttl] [-W timeout] [-w deadline] destination");
        return 2;
    }
}
