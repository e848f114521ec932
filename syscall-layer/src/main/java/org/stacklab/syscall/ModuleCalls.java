package org.stacklab.syscall;

import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.socket.Errno;

/**
 * The kernel half of init_module(2) and delete_module(2), for a {@link Syscalls} implementation to
 * call: permission check, then the kernel's module loader, with its refusals turned into the errno
 * Linux returns (kernel/module/main.c).
 */
public final class ModuleCalls {
    private ModuleCalls() {}

    /** {@code params} is "impl=student" or "impl=reference" or empty (the kernel's module set decides). */
    public static int initModule(Kernel kernel, int uid, String name, String params) {
        if (uid != 0) return Errno.EPERM.neg(); // CAP_SYS_MODULE
        if (kernel.module(name) != null) return Errno.EEXIST.neg();
        String impl = null;
        if (params != null) {
            for (String p : params.trim().split("\\s+")) {
                if (p.isEmpty()) continue;
                if (!p.startsWith("impl=")) {
                    kernel.log().warn(name + ": unknown parameter '" + p + "' ignored");
                    continue;
                }
                impl = p.substring(5);
            }
        }
        try {
            kernel.insmod(name, impl);
            return 0;
        } catch (IllegalArgumentException e) {
            kernel.log().error(name + ": " + e.getMessage());
            return Errno.ENOENT.neg();
        } catch (IllegalStateException e) {
            kernel.log().error(e.getMessage());
            return e.getMessage() != null && e.getMessage().contains("needs module") ? Errno.ENOENT.neg() : Errno.EINVAL.neg();
        }
    }

    public static int deleteModule(Kernel kernel, int uid, String name) {
        if (uid != 0) return Errno.EPERM.neg();
        if (kernel.module(name) == null) return Errno.ENOENT.neg();
        if (!kernel.usersOf(name).isEmpty()) return Errno.EAGAIN.neg(); // -EWOULDBLOCK: other modules use it
        try {
            kernel.rmmod(name);
            return 0;
        } catch (RuntimeException e) {
            kernel.oops("rmmod " + name, e);
            return Errno.EBUSY.neg();
        }
    }
}
