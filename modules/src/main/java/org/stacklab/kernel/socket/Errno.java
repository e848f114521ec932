package org.stacklab.kernel.socket;

/**
 * Error numbers as Linux defines them (asm-generic/errno-base.h, errno.h). Kernel socket operations
 * return {@code -errno} on failure, exactly like Linux: {@code return -Errno.EINVAL.code;}.
 */
public enum Errno {
    EPERM(1, "Operation not permitted"),
    ENOENT(2, "No such file or directory"),
    ESRCH(3, "No such process"),
    EINTR(4, "Interrupted system call"),
    EIO(5, "Input/output error"),
    E2BIG(7, "Argument list too long"),
    EBADF(9, "Bad file descriptor"),
    EAGAIN(11, "Resource temporarily unavailable"),
    ENOMEM(12, "Cannot allocate memory"),
    EACCES(13, "Permission denied"),
    EFAULT(14, "Bad address"),
    EBUSY(16, "Device or resource busy"),
    EEXIST(17, "File exists"),
    ENODEV(19, "No such device"),
    ENOTDIR(20, "Not a directory"),
    EISDIR(21, "Is a directory"),
    EINVAL(22, "Invalid argument"),
    EMFILE(24, "Too many open files"),
    ENOSPC(28, "No space left on device"),
    ESPIPE(29, "Illegal seek"),
    EPIPE(32, "Broken pipe"),
    ENOSYS(38, "Function not implemented"),
    ENONET(64, "Machine is not on the network"),
    EPROTO(71, "Protocol error"),
    ENOTSOCK(88, "Socket operation on non-socket"),
    EDESTADDRREQ(89, "Destination address required"),
    EMSGSIZE(90, "Message too long"),
    EPROTOTYPE(91, "Protocol wrong type for socket"),
    ENOPROTOOPT(92, "Protocol not available"),
    EPROTONOSUPPORT(93, "Protocol not supported"),
    ESOCKTNOSUPPORT(94, "Socket type not supported"),
    EOPNOTSUPP(95, "Operation not supported"),
    EAFNOSUPPORT(97, "Address family not supported by protocol"),
    EADDRINUSE(98, "Address already in use"),
    EADDRNOTAVAIL(99, "Cannot assign requested address"),
    ENETDOWN(100, "Network is down"),
    ENETUNREACH(101, "Network is unreachable"),
    ECONNABORTED(103, "Software caused connection abort"),
    ECONNRESET(104, "Connection reset by peer"),
    ENOBUFS(105, "No buffer space available"),
    EISCONN(106, "Transport endpoint is already connected"),
    ENOTCONN(107, "Transport endpoint is not connected"),
    ESHUTDOWN(108, "Cannot send after transport endpoint shutdown"),
    ETIMEDOUT(110, "Connection timed out"),
    ECONNREFUSED(111, "Connection refused"),
    EHOSTDOWN(112, "Host is down"),
    EHOSTUNREACH(113, "No route to host"),
    EALREADY(114, "Operation already in progress"),
    EINPROGRESS(115, "Operation now in progress");

    /** The positive errno value. */
    public final int code;
    /** strerror() text. */
    public final String message;

    Errno(int code, String message) {
        this.code = code;
        this.message = message;
    }

    /** {@code -code}, the form kernel functions return. */
    public int neg() { return -code; }

    public static Errno of(int code) {
        int c = Math.abs(code);
        for (Errno e : values()) if (e.code == c) return e;
        throw new IllegalArgumentException("unknown errno " + code);
    }

    /** Name and text for a negative return: {@code ECONNREFUSED (Connection refused)}. */
    public static String describe(int rc) {
        if (rc >= 0) return "success (" + rc + ")";
        try {
            Errno e = of(-rc);
            return e.name() + " (" + e.message + ")";
        } catch (IllegalArgumentException ex) {
            return "errno " + (-rc);
        }
    }
}
