/**
 * A test kit for TCP implementations that needs no IP module, for the reference's tests and the
 * labs' graded tests alike (plain main code, no JUnit: failures are AssertionErrors whose message
 * carries the packet ladder, the seed and the kernel log).
 * <ul>
 *   <li>{@link org.stacklab.testkit.tcp.TestIpLayer} — an {@code IpStack} that records what TCP sends
 *       and lets a test inject segments;</li>
 *   <li>{@link org.stacklab.testkit.tcp.TcpHarness} with {@link org.stacklab.testkit.tcp.Seg} — one
 *       host, the test plays the peer segment by segment, as a protocol diagram reads;</li>
 *   <li>{@link org.stacklab.testkit.tcp.TcpPipe} with {@link org.stacklab.testkit.tcp.FaultProfile} —
 *       two hosts joined through the event loop by a link that loses, duplicates, reorders, corrupts
 *       and delays segments from the seed;</li>
 *   <li>{@link org.stacklab.testkit.tcp.BulkTransfer} — a full conversation checked by SHA-256, with
 *       both ends required to reach CLOSED.</li>
 * </ul>
 */
package org.stacklab.testkit.tcp;
