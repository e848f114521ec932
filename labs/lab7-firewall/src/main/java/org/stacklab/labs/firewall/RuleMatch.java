package org.stacklab.labs.firewall;

import org.stacklab.kernel.core.NetDevice;
import org.stacklab.kernel.filter.Rule;

/** Whether every match of a rule holds for a packet. */
final class RuleMatch {
    private RuleMatch() {}

    /**
     * A rule matches when each of its fields that is not "any" agrees with the packet: protocol,
     * source and destination network ({@code rule.src()} is already masked to
     * {@code rule.srcPrefix()}; use {@code Ip4.mask}), input and output interface ({@code eth+}
     * matches every name starting with "eth"; a null device never matches a named interface), and
     * the port ranges, which only a packet with a TCP/UDP header can match.
     */
    static boolean matches(Rule rule, PacketHeaders p, NetDevice in, NetDevice out) {
        // TODO(3)
        throw new UnsupportedOperationException("TODO: RuleMatch.matches (lab 7, step 3)");
    }
}
