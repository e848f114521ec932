package org.stacklab.kernel.core;

/** Per-device counters, as {@code ip -s link} and /proc/net/dev show them. */
public final class NetDeviceStats {
    public long rxPackets, txPackets, rxBytes, txBytes;
    public long rxErrors, txErrors, rxDropped, txDropped;
    public long rxOverErrors, rxMissedErrors, rxFifoErrors, rxLengthErrors, rxCrcErrors, rxFrameErrors;
    public long multicast, collisions, txFifoErrors, txCarrierErrors;
    /** Times the transmit queue was stopped because the ring was full. */
    public long txQueueStops;
}
