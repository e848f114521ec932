package org.stacklab.kernel.ip;

/**
 * An ARP cache entry ({@code ip neigh}, /proc/net/arp). States as Linux's NUD_*: INCOMPLETE
 * (request sent, no answer yet), REACHABLE (confirmed recently), STALE (usable, to be re-confirmed),
 * FAILED, PERMANENT.
 */
public record Neighbour(int ip, long mac, String dev, String state, long updatedAt) {}
