/**
 * The StackLab shell: an interpreter over a scenario's hosts ({@code h1 ping h2},
 * {@code h2 nc -l 80 &}, {@code run 5s}, {@code trace on}) that reads the same commands from a
 * script, which is how it is tested. {@link org.stacklab.userland.shell.ShellTopology} is all it
 * needs of a scenario; {@link org.stacklab.userland.shell.ScenarioShellTopology} provides it over a
 * {@link org.stacklab.scenario.Topology} with real processes.
 */
package org.stacklab.userland.shell;
