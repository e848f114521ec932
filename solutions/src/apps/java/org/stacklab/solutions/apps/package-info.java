/**
 * Reference user programs for lab 0 (component {@code apps.echo}, impl {@code reference}): a UDP
 * echo server and client and a TCP line-echo server, written on the socket API of
 * {@code org.stacklab.syscall.Syscalls}.
 *
 * <p>These sources are not part of the {@code stacklab-solutions} jar: programs need the syscall
 * layer, which itself depends on the solutions for its tests, so a compile dependency would close a
 * cycle. {@code labs/lab0-sockets} compiles this folder into its <em>test</em> classes (never its
 * main classes, so student code cannot use it), and the release leaves it out with the rest of
 * {@code solutions/}.
 */
package org.stacklab.solutions.apps;
