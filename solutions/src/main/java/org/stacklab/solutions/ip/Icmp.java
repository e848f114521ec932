package org.stacklab.solutions.ip;

import org.stacklab.kernel.core.Checksum;
import org.stacklab.kernel.core.SkBuff;
import org.stacklab.kernel.ip.IpStack;
import org.stacklab.kernel.ip.scaffold.AbstractIcmp;

/**
 * ICMP (RFC 792), IP protocol 1: the given {@link AbstractIcmp} (receive, errors in and out,
 * rate limiting) with the reference echo reply.
 */
public final class Icmp extends AbstractIcmp {
    public Icmp(Ipv4Stack stack) {
        super(stack, Ipv4Header::parse);
    }

    /** RFC 792 echo: the same identifier, sequence and data back, type 0, from the address it was sent to. */
    @Override
    protected void echoReply(SkBuff request, int saddr, int daddr) {
        int len = request.len();
        SkBuff r = SkBuff.allocWithHeadroom(len);
        int off = r.put(len);
        System.arraycopy(request.buf(), request.data(), r.buf(), off, len);
        r.set8(off, ECHO_REPLY);
        r.set16(off + 2, 0);
        r.set16(off + 2, Checksum.compute(r.buf(), off, len));
        int tos = request.networkHeader() >= 0 ? request.u8(request.networkHeader() + 1) : 0;
        if (stack.output(r, daddr, saddr, IpStack.PROTO_ICMP, IpStack.DEFAULT_TTL, tos) == 0) {
            mib.inc("IcmpOutMsgs");
            mib.inc("IcmpOutEchoReps");
        }
    }
}
