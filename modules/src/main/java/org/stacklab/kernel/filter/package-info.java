/**
 * The firewall's contracts: the rule model that the {@code iptables} front end and every
 * implementation of the {@code filter} component share ({@link org.stacklab.kernel.filter.Rule},
 * {@link org.stacklab.kernel.filter.RuleTable}), the component interface
 * ({@link org.stacklab.kernel.filter.PacketFilter}), the parser of iptables' command line
 * ({@link org.stacklab.kernel.filter.IptablesCommand}), its {@code -L} output
 * ({@link org.stacklab.kernel.filter.IptablesListing}) and the kernel-side control interface the
 * {@code iptables} program reaches through a file ({@link org.stacklab.kernel.filter.IptablesControl}).
 *
 * <p>The matching, the targets and connection tracking are what an implementation writes; this
 * package only holds the rules and their counters.
 */
package org.stacklab.kernel.filter;
