package org.stacklab.labs.ip;

import org.stacklab.kernel.core.ComponentProvider;
import org.stacklab.kernel.core.ModuleSet;
import org.stacklab.kernel.ip.RoutingTable;

/**
 * Makes your routing table loadable as {@code ip.routing=student} (nothing to change here). With
 * {@code ip=student} it is chosen too; {@code --use ip=student,ip.routing=reference} tests the rest
 * of your IPv4 layer on the reference table, and {@code --use ip.routing=student} your table under
 * the reference IPv4 layer.
 */
public final class FibProvider implements ComponentProvider {
    @Override public String component() { return Ipv4Stack.ROUTING_COMPONENT; }
    @Override public String impl() { return ModuleSet.STUDENT; }
    @Override public Class<?> type() { return RoutingTable.class; }
    @Override public Object create() { return new FibTable(); }
}
