package org.stacklab.solutions.ip;

import org.stacklab.kernel.core.ComponentProvider;
import org.stacklab.kernel.ip.RoutingTable;

/**
 * The reference routing table as component {@code ip.routing} ({@link RoutingTable}): the ip module
 * asks for whichever implementation the module set names, so {@code --use ip.routing=student} runs
 * a student's longest-prefix match under the reference IPv4 layer.
 */
public final class FibComponentProvider implements ComponentProvider {
    @Override
    public String component() { return Ipv4Stack.ROUTING_COMPONENT; }

    @Override
    public String impl() { return "reference"; }

    @Override
    public Class<?> type() { return RoutingTable.class; }

    @Override
    public Object create() { return new FibTable(); }
}
