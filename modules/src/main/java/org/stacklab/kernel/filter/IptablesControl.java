package org.stacklab.kernel.filter;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.socket.Errno;

/**
 * The kernel side of {@code iptables}: runs one command against the {@link PacketFilter} the
 * kernel has loaded and produces what iptables prints.
 *
 * <p>Real iptables reads the whole table with {@code getsockopt(IPT_SO_GET_ENTRIES)}, edits it in
 * user space and writes it back with {@code setsockopt(IPT_SO_SET_REPLACE)}; those calls carry a
 * binary blob, which StackLab's int-valued setsockopt cannot. StackLab's iptables instead uses a
 * control file, {@value #CONTROL_FILE}, opened read-write by the program (see {@link OpenFile}):
 *
 * <ol>
 *   <li>{@code write(fd, argv)}: the command's words, each followed by a NUL byte (the layout of
 *       {@code /proc/PID/cmdline}). It returns the byte count if the command ran, or {@code -errno}:
 *       -EINVAL for a parameter problem (exit status 2), -EPERM for anything the kernel refused
 *       (exit status 1);
 *   <li>{@code read(fd, ...)}: the command's output (the listing), or after a failed write the
 *       error message iptables prints on stderr; 0 at the end.
 * </ol>
 *
 * The path says plainly that this is StackLab's stand-in, not a Linux file. The syscall layer
 * serves it (org.stacklab.syscall.IptablesCtlFs, mounted on every host's VFS): each
 * {@code open(CONTROL_FILE)} creates a {@code new IptablesControl.OpenFile(kernel)} and forwards
 * read/write to it.
 */
public final class IptablesControl {
    /** Where the syscall layer serves {@link OpenFile}. */
    public static final String CONTROL_FILE = "/dev/stacklab/iptables";

    private IptablesControl() {}

    /** What the command printed: {@code out} for stdout, {@code err} for stderr, and the exit status. */
    public record Result(int status, String out, String err) {
        public boolean ok() { return status == 0; }
    }

    /** Runs a shell-style command line ({@code "-A INPUT -p tcp --dport 80 -j DROP"}) on {@code kernel}. */
    public static Result run(Kernel kernel, String commandLine) {
        return run(kernel, IptablesCommand.split(commandLine));
    }

    /** Runs argv (without the program name) on {@code kernel}. */
    public static Result run(Kernel kernel, List<String> argv) {
        IptablesCommand cmd;
        try {
            cmd = IptablesCommand.parse(argv);
        } catch (IptablesException e) {
            return new Result(e.status(), "", e.getMessage() + "\n");
        }
        PacketFilter f = kernel.findSymbol(PacketFilter.class);
        if (f == null) {
            return new Result(3, "", IptablesCommand.PROG + ": can't initialize iptables table `" + cmd.table().label()
                    + "': Table does not exist (do you need to insmod?)\nPerhaps iptables or your kernel needs to be upgraded.\n");
        }
        return execute(f, cmd);
    }

    /** Carries out a parsed command on {@code f}. */
    public static Result execute(PacketFilter f, IptablesCommand c) {
        int rc;
        switch (c.op()) {
            case APPEND: rc = f.append(c.rule()); break;
            case INSERT: rc = f.insert(c.rule(), c.num()); break;
            case DELETE: rc = c.rule() != null ? f.delete(c.rule()) : f.delete(c.table(), c.chain(), c.num()); break;
            case FLUSH: rc = f.flush(c.table(), c.chain()); break;
            case ZERO: rc = f.zero(c.table(), c.chain()); break;
            case POLICY: rc = f.setPolicy(c.table(), c.chain(), c.policy()); break;
            case LIST:
                return new Result(0, IptablesListing.list(f.list(c.table()), c.chain(), c.numeric(), c.verbose(), c.exact(), c.lineNumbers()), "");
            case LIST_RULES:
                return new Result(0, IptablesListing.listRules(f.list(c.table()), c.chain()), "");
            default: rc = Errno.EINVAL.neg();
        }
        if (rc == 0) return new Result(0, "", "");
        return new Result(IptablesException.OTHER_PROBLEM, "", "iptables: " + strerror(c.op(), rc) + "\n");
    }

    /** libiptc's iptc_strerror: the message depends on the operation as well as the errno. */
    static String strerror(IptablesCommand.Op op, int rc) {
        if (rc == Errno.E2BIG.neg()) {
            return op == IptablesCommand.Op.INSERT ? "Index of insertion too big." : "Index of deletion too big.";
        }
        if (rc == Errno.ENOENT.neg()) {
            return op == IptablesCommand.Op.DELETE ? "Bad rule (does a matching rule exist in that chain?)."
                    : "No chain/target/match by that name.";
        }
        if (rc == Errno.EINVAL.neg()) return "Invalid argument. Run `dmesg' for more information.";
        return Errno.describe(rc) + ".";
    }

    /**
     * One open file description of {@value #CONTROL_FILE}: a write runs a command, reads return its
     * output (or its error message after a failed write).
     */
    public static final class OpenFile {
        private final Kernel kernel;
        private byte[] pending = new byte[0];
        private int readPos;

        public OpenFile(Kernel kernel) {
            this.kernel = kernel;
        }

        /** Runs the command in {@code buf[off, off+len)} (NUL-separated argv); len or -errno. */
        public int write(byte[] buf, int off, int len) {
            if (buf == null || off < 0 || len < 0 || off + len > buf.length) return Errno.EFAULT.neg();
            List<String> argv = new ArrayList<>();
            int start = off;
            for (int i = off; i < off + len; i++) {
                if (buf[i] == 0) {
                    argv.add(new String(buf, start, i - start, StandardCharsets.UTF_8));
                    start = i + 1;
                }
            }
            if (start < off + len) argv.add(new String(buf, start, off + len - start, StandardCharsets.UTF_8));
            Result r = run(kernel, argv);
            pending = (r.ok() ? r.out() : r.err()).getBytes(StandardCharsets.UTF_8);
            readPos = 0;
            if (r.ok()) return len;
            return r.status() == IptablesException.PARAMETER_PROBLEM ? Errno.EINVAL.neg() : Errno.EPERM.neg();
        }

        /** Copies the pending output; 0 when all of it has been read. */
        public int read(byte[] buf, int off, int len) {
            if (buf == null || off < 0 || len < 0 || off + len > buf.length) return Errno.EFAULT.neg();
            int n = Math.min(len, pending.length - readPos);
            System.arraycopy(pending, readPos, buf, off, n);
            readPos += n;
            return n;
        }

        /** Encodes argv the way {@link #write} expects it. */
        public static byte[] encode(List<String> argv) {
            StringBuilder sb = new StringBuilder();
            for (String s : argv) sb.append(s).append('\0');
            return sb.toString().getBytes(StandardCharsets.UTF_8);
        }
    }
}
