/**
 * Test support shared by the labs' graded tests and the course's own tests (plain main code, no
 * JUnit): {@link org.stacklab.testkit.TracePcap} writes a kernel's packet trace as a pcap file,
 * {@link org.stacklab.testkit.TraceDir} the seed a test runs with and its trace for
 * {@code ./stacklab verify}, {@link org.stacklab.testkit.FakeIpNetwork} an IP layer for transport
 * unit tests. TCP's kit is {@link org.stacklab.testkit.tcp}.
 */
package org.stacklab.testkit;
