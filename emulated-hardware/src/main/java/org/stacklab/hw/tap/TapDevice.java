package org.stacklab.hw.tap;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import java.io.Closeable;
import java.nio.charset.StandardCharsets;

/**
 * A Linux TAP interface opened through {@code /dev/net/tun}: a file descriptor on which each
 * read(2) returns one Ethernet frame the Linux kernel sent out of the interface, and each write(2)
 * hands Linux one frame as if it had arrived on it (Documentation/networking/tuntap.rst).
 *
 * <p>Opened with {@code IFF_TAP | IFF_NO_PI}: frames carry no 4-byte packet-information prefix, and
 * without {@code IFF_VNET_HDR} Linux completes every checksum and never hands over GSO
 * super-frames, so what is read is exactly what a wire would carry.
 *
 * <p>{@link #read} belongs to one reader thread, {@link #write} to one writer thread; each owns its
 * buffer. {@link #close} after the reader has stopped.
 */
public final class TapDevice implements Closeable {
    static final String TUN_PATH = "/dev/net/tun";
    /** _IOW('T', 202, int) from linux/if_tun.h. */
    static final long TUNSETIFF = 0x400454caL;
    static final short IFF_TAP = 0x0002;
    static final short IFF_NO_PI = 0x1000;
    /** IFNAMSIZ: names are at most 15 bytes plus the terminating NUL. */
    static final int IFNAMSIZ = 16;
    /** struct ifreq: the name, then a union whose first member (ifr_flags) is a short. */
    static final int SIZEOF_IFREQ = 40;
    /** Larger than any frame Linux sends out of a TAP (its MTU can be raised to 65535). */
    static final int BUFFER = 65_536 + 64;

    private final LibC c;
    private final int fd;
    private final String name;
    private final Memory readBuf = new Memory(BUFFER);
    private final Memory writeBuf = new Memory(BUFFER);
    private final Memory pollFd = new Memory(8);
    private volatile boolean closed;

    private TapDevice(LibC c, int fd, String name) {
        this.c = c;
        this.fd = fd;
        this.name = name;
        pollFd.setInt(0, fd);
        pollFd.setShort(4, LibC.POLLIN);
    }

    /**
     * Attaches to TAP interface {@code ifname}: an existing one (made by {@code ip tuntap add dev
     * NAME mode tap}) or a new one that disappears when closed.
     */
    public static TapDevice open(String ifname) throws TapException {
        byte[] nameBytes = ifname.getBytes(StandardCharsets.US_ASCII);
        if (ifname.isEmpty() || nameBytes.length >= IFNAMSIZ || !ifname.matches("[A-Za-z0-9_.-]+")) {
            throw new TapException(TapException.Reason.BAD_NAME, "'" + ifname
                    + "' is not a valid interface name: use 1 to 15 letters, digits, '-', '_' or '.', e.g. tap0");
        }
        LibC c = libc();
        int fd;
        try {
            fd = c.open(TUN_PATH, LibC.O_RDWR | LibC.O_CLOEXEC);
        } catch (LastErrorException e) {
            throw openError(e.getErrorCode());
        }
        try (Memory ifr = new Memory(SIZEOF_IFREQ)) {
            ifr.clear();
            ifr.write(0, nameBytes, 0, nameBytes.length);
            ifr.setShort(IFNAMSIZ, (short) (IFF_TAP | IFF_NO_PI));
            c.ioctl(fd, new NativeLong(TUNSETIFF), ifr);
            String actual = ifr.getString(0, StandardCharsets.US_ASCII.name());
            return new TapDevice(c, fd, actual);
        } catch (LastErrorException e) {
            try {
                c.close(fd);
            } catch (LastErrorException ignored) {
                // already failing; the first error is the one to report
            }
            throw setIfError(ifname, e.getErrorCode());
        }
    }

    private static LibC libc() throws TapException {
        try {
            return LibC.Holder.C;
        } catch (LinkageError e) {
            throw new TapException(TapException.Reason.NO_NATIVE_ACCESS,
                    "cannot call libc through JNA (" + e.getMessage() + "): the TAP bridge needs Linux and the JNA jar");
        }
    }

    private static TapException openError(int errno) {
        return switch (errno) {
            case LibC.ENOENT, LibC.ENODEV, LibC.ENXIO -> new TapException(TapException.Reason.NO_TUN_DEVICE,
                    "no " + TUN_PATH + ": load the tun driver (sudo modprobe tun), or in a container start it with"
                            + " --device /dev/net/tun --cap-add NET_ADMIN");
            case LibC.EACCES, LibC.EPERM -> new TapException(TapException.Reason.PERMISSION,
                    "permission denied opening " + TUN_PATH + ": run as root (sudo), or create the TAP for your user"
                            + " first: sudo ip tuntap add dev tap0 mode tap user $USER");
            default -> new TapException(TapException.Reason.OTHER, "cannot open " + TUN_PATH + ": " + strerror(errno));
        };
    }

    private static TapException setIfError(String ifname, int errno) {
        return switch (errno) {
            case LibC.EPERM, LibC.EACCES -> new TapException(TapException.Reason.PERMISSION,
                    "not allowed to attach to " + ifname + " (needs CAP_NET_ADMIN): run as root (sudo), or create it"
                            + " for your user first: sudo ip tuntap add dev " + ifname + " mode tap user $USER");
            case LibC.EBUSY -> new TapException(TapException.Reason.BUSY, ifname
                    + " is busy: another process holds it (another 'stacklab tap'?); stop that one or pick another --ifname");
            case LibC.EINVAL -> new TapException(TapException.Reason.BAD_NAME, "cannot use " + ifname
                    + " as a TAP: an interface of that name exists and is not a TAP (see 'ip link show " + ifname
                    + "'); pick another --ifname");
            default -> new TapException(TapException.Reason.OTHER,
                    "TUNSETIFF " + ifname + " failed: " + strerror(errno));
        };
    }

    static String strerror(int errno) {
        try {
            return LibC.Holder.C.strerror(errno) + " (errno " + errno + ")";
        } catch (LinkageError e) {
            return "errno " + errno;
        }
    }

    /** The interface name Linux gave (the one asked for). */
    public String name() { return name; }

    /**
     * Waits up to {@code timeoutMs} for a frame and reads it. Returns the frame, or null if none came
     * in time. Throws if the interface went away (deleted under us: EBADFD/EIO).
     */
    public byte[] read(int timeoutMs) throws TapException {
        if (closed) return null;
        try {
            pollFd.setShort(6, (short) 0);
            int ready = c.poll(pollFd, new NativeLong(1), timeoutMs);
            if (ready <= 0) return null;
            short revents = pollFd.getShort(6);
            if ((revents & LibC.POLLIN) == 0 && (revents & (LibC.POLLERR | LibC.POLLHUP | LibC.POLLNVAL)) != 0) {
                throw new TapException(TapException.Reason.OTHER, name + " is gone (deleted on the Linux side?)");
            }
            long n = c.read(fd, readBuf, new NativeLong(BUFFER)).longValue();
            return n <= 0 ? null : readBuf.getByteArray(0, (int) n);
        } catch (LastErrorException e) {
            int errno = e.getErrorCode();
            if (errno == LibC.EINTR || errno == LibC.EAGAIN) return null;
            throw new TapException(TapException.Reason.OTHER, name + ": read failed: " + strerror(errno));
        }
    }

    /**
     * Hands {@code frame} to Linux. Returns 0, or the errno (EIO while the Linux side of the interface
     * is down: Linux drops the frame, as a NIC without carrier would).
     */
    public int write(byte[] frame) {
        if (closed) return LibC.EBADFD;
        int len = Math.min(frame.length, BUFFER);
        writeBuf.write(0, frame, 0, len);
        try {
            c.write(fd, writeBuf, new NativeLong(len));
            return 0;
        } catch (LastErrorException e) {
            return e.getErrorCode();
        }
    }

    /** Detaches; a TAP created by {@link #open} (not by {@code ip tuntap add}) disappears. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            c.close(fd);
        } catch (LastErrorException ignored) {
            // nothing left to do with a descriptor that will not close
        }
        readBuf.close();
        writeBuf.close();
        pollFd.close();
    }
}
