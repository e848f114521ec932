package org.stacklab.labs.ip;

import org.stacklab.kernel.core.SkBuff;
import org.stacklab.kernel.ip.scaffold.AbstractIcmp;

/**
 * ICMP (RFC 792), IP protocol 1: the given {@link AbstractIcmp} (receive, errors in and out,
 * rate limiting) and your echo reply.
 */
public final class Icmp extends AbstractIcmp {
    public Icmp(Ipv4Stack stack) {
        super(stack, Ipv4Header::parse);
    }

    /** RFC 792 echo: the same identifier, sequence and data back, type 0, from the address it was sent to. */
    @Override
    protected void echoReply(SkBuff request, int saddr, int daddr) {
        // TODO(7): same id, seq and data back as type 0 with a new checksum (RFC 792 "Echo or Echo Reply Message")
        throw new UnsupportedOperationException("TODO: Icmp.echoReply (lab 2, step 7)");
    }
}
