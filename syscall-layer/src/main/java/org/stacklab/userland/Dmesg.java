package org.stacklab.userland;

import java.util.List;
import org.stacklab.syscall.Program;
import org.stacklab.syscall.UserProcess;

/** {@code dmesg}: the kernel log, read from /dev/kmsg and printed as {@code [    1.234567] message}. */
public final class Dmesg implements Program {
    @Override
    public int main(UserProcess proc, String[] argv) {
        List<String> records = UserFiles.lines(proc, "dmesg", "/dev/kmsg");
        if (records == null) return 1;
        for (String r : records) {
            int semi = r.indexOf(';');
            String[] head = r.substring(0, semi).split(",");
            long us = Long.parseLong(head[2]);
            String msg = r.substring(semi + 1).replace("\\x0a", "\n");
            proc.println(String.format("[%5d.%06d] %s", us / 1_000_000, us % 1_000_000, msg));
        }
        return 0;
    }
}
