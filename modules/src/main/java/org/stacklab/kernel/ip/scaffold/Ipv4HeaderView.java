package org.stacklab.kernel.ip.scaffold;

/**
 * The fields of a parsed IPv4 header (RFC 791 §3.1) that the given fragmentation, reassembly and
 * ICMP error code reads, and the two edits it makes. Each IP implementation's {@code Ipv4Header} record
 * implements it (its record components are these accessors), so that code can stay given while
 * the header codec is written per implementation.
 */
public interface Ipv4HeaderView {
    int tos();

    int flags();

    /** Fragment offset in bytes (the wire carries it in units of 8). */
    int fragOffset();

    int totalLength();

    int id();

    int protocol();

    int saddr();

    int daddr();

    /** The header length in bytes (IHL * 4). */
    int headerLength();

    boolean moreFragments();

    boolean dontFragment();

    Ipv4HeaderView withTotalLength(int len);

    Ipv4HeaderView withFragment(int flagBits, int offsetBytes);

    /** Writes the header at {@code off} with its checksum. */
    void writeTo(byte[] b, int off);

    /** Parses a header from bytes ({@code Ipv4Header::parse}). */
    @FunctionalInterface
    interface Parser {
        Ipv4HeaderView parse(byte[] b, int off);
    }
}
