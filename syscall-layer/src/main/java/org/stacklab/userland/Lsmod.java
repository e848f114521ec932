package org.stacklab.userland;

import java.util.List;
import org.stacklab.syscall.Program;
import org.stacklab.syscall.UserProcess;

/** {@code lsmod}: /proc/modules as kmod's lsmod formats it ("Module  Size  Used by"). */
public final class Lsmod implements Program {
    @Override
    public int main(UserProcess proc, String[] argv) {
        List<String> lines = UserFiles.lines(proc, "lsmod", "/proc/modules");
        if (lines == null) return 1;
        proc.println("Module                  Size  Used by");
        for (String l : lines) {
            String[] f = l.split(" ");
            String users = f[3].equals("-") ? "" : " " + f[3].substring(0, f[3].length() - 1);
            proc.println(String.format("%-19s %8s  %s%s", f[0], f[1], f[2], users));
        }
        return 0;
    }
}
