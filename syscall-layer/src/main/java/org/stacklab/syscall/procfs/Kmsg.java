package org.stacklab.syscall.procfs;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.stacklab.kernel.core.Kernel;

/**
 * /dev/kmsg (Documentation/ABI/testing/dev-kmsg): one record per line,
 * {@code "priority,sequence,timestamp_us,flags;message"}, which dmesg turns back into
 * {@code [    1.234567] message}. The priority is the syslog level (3 error, 4 warning, 6 info).
 */
final class Kmsg {
    private Kmsg() {}

    private static final Pattern LINE = Pattern.compile("\\[\\s*(\\d+)\\.(\\d{6})\\] (.*)", Pattern.DOTALL);

    static String generate(Kernel k) {
        StringBuilder sb = new StringBuilder();
        List<String> lines = k.log().lines();
        long seq = 0;
        for (String l : lines) {
            Matcher m = LINE.matcher(l);
            long us = 0;
            String msg = l;
            if (m.matches()) {
                us = Long.parseLong(m.group(1)) * 1_000_000L + Long.parseLong(m.group(2));
                msg = m.group(3);
            }
            int prio = 6;
            if (msg.startsWith("ERROR: ")) { prio = 3; msg = msg.substring(7); }
            else if (msg.startsWith("WARNING: ")) { prio = 4; msg = msg.substring(9); }
            sb.append(prio).append(',').append(seq++).append(',').append(us).append(",-;")
              .append(msg.replace("\n", "\\x0a")).append('\n');
        }
        return sb.toString();
    }
}
