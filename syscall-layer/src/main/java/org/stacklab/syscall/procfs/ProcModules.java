package org.stacklab.syscall.procfs;

import java.util.List;
import org.stacklab.kernel.core.Kernel;
import org.stacklab.kernel.core.KernelModule;

/**
 * /proc/modules (kernel/module/procfs.c): "name size refcount users, state address". Modules here
 * are Java classes with no loaded image, so the size reads 0; the reference count is the number of
 * loaded modules that depend on this one, and they are listed as its users, as lsmod shows them.
 */
final class ProcModules {
    private ProcModules() {}

    static String generate(Kernel k) {
        StringBuilder sb = new StringBuilder();
        List<KernelModule> mods = k.modules();
        // Linux lists the most recently loaded module first.
        for (int i = mods.size() - 1; i >= 0; i--) {
            KernelModule m = mods.get(i);
            List<String> users = k.usersOf(m.name());
            String deps = users.isEmpty() ? "-" : String.join(",", users) + ",";
            sb.append(String.format("%s %d %d %s Live 0x%016x%n", m.name(), 0, users.size(), deps, 0));
        }
        return sb.toString();
    }
}
