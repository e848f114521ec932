package org.stacklab.kernel.ip.scaffold;

import org.stacklab.kernel.core.SkBuff;

/** Sends an ICMP error about {@code original} ({@code icmp_send}; RFC 792), as the ICMP part of a stack does. */
@FunctionalInterface
public interface IcmpErrorSender {
    void sendError(SkBuff original, int type, int code, int info);
}
