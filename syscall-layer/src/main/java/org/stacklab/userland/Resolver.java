package org.stacklab.userland;

import org.stacklab.kernel.core.Ip4;
import org.stacklab.syscall.UserProcess;

/** getaddrinfo() for IPv4 without DNS: a dotted quad, or a name from /etc/hosts ("files" in nsswitch). */
public final class Resolver {
    private Resolver() {}

    /** The address for {@code host}, or null when it cannot be resolved. */
    public static Integer resolve(UserProcess proc, String host) {
        try {
            return Ip4.parse(host);
        } catch (IllegalArgumentException notNumeric) {
            // fall through to /etc/hosts
        }
        UserFiles.Content hosts = UserFiles.read(proc, "/etc/hosts");
        if (!hosts.ok()) return null;
        for (String line : hosts.text().split("\n")) {
            int hash = line.indexOf('#');
            if (hash >= 0) line = line.substring(0, hash);
            String[] f = line.trim().split("\\s+");
            if (f.length < 2) continue;
            for (int i = 1; i < f.length; i++) {
                if (f[i].equals(host)) {
                    try {
                        return Ip4.parse(f[0]);
                    } catch (IllegalArgumentException e) {
                        break;
                    }
                }
            }
        }
        return null;
    }

    public static boolean isNumeric(String host) {
        try {
            Ip4.parse(host);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
