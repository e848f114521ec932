package org.stacklab.kernel.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stacklab.kernel.socket.Errno;

/** The rule table's operations and the errno each failure gives (what iptables turns into messages). */
class RuleTableTest {
    final List<String> dmesg = new ArrayList<>();
    final RuleTable t = new RuleTable(dmesg::add);

    static Rule rule(String spec) throws IptablesException { return IptablesCommand.parse(spec).rule(); }

    @Test
    void appendInsertDeleteKeepOrder() throws Exception {
        assertEquals(0, t.append(rule("-A INPUT -p tcp -j DROP")));
        assertEquals(0, t.append(rule("-A INPUT -p udp -j DROP")));
        assertEquals(0, t.insert(rule("-I INPUT -p icmp -j ACCEPT"), 2));
        assertEquals(Errno.E2BIG.neg(), t.insert(rule("-I INPUT -j ACCEPT"), 5));
        List<Rule> r = t.chain(Table.FILTER, Chain.INPUT).rules();
        assertEquals(List.of(6, 1, 17), r.stream().map(Rule::protocol).toList());
        assertEquals(0, t.delete(rule("-D INPUT -p icmp -j ACCEPT")));
        assertEquals(Errno.ENOENT.neg(), t.delete(rule("-D INPUT -p icmp -j ACCEPT")));
        assertEquals(Errno.E2BIG.neg(), t.delete(Table.FILTER, Chain.INPUT, 3));
        assertEquals(0, t.delete(Table.FILTER, Chain.INPUT, 1));
        assertEquals(List.of(17), r.stream().map(Rule::protocol).toList());
    }

    @Test
    void countersAndZero() throws Exception {
        t.append(rule("-A OUTPUT -j ACCEPT"));
        RuleChain c = t.chain(Table.FILTER, Chain.OUTPUT);
        c.rules().get(0).count(60);
        c.countPolicy(40);
        assertEquals(60, c.rules().get(0).bytes());
        t.zero(Table.FILTER, null);
        assertEquals(0, c.rules().get(0).packets());
        assertEquals(0, c.policyBytes());
    }

    @Test
    void kernelRefusesTargetsOutsideTheirTable() throws Exception {
        Rule redirectInFilter = Rule.builder(Table.FILTER, Chain.INPUT).protocol(6).target(Target.REDIRECT).toPort(8080).build();
        assertEquals(Errno.EINVAL.neg(), t.append(redirectInFilter));
        assertTrue(dmesg.get(0).contains("REDIRECT target: only valid in nat table"));
        Rule resetForUdp = Rule.builder(Table.FILTER, Chain.INPUT).protocol(17).target(Target.REJECT).rejectWith(RejectWith.TCP_RESET).build();
        assertEquals(Errno.EINVAL.neg(), t.append(resetForUdp));
        assertEquals(Errno.ENOENT.neg(), t.append(Rule.builder(Table.NAT, Chain.FORWARD).target(Target.ACCEPT).build()));
        assertEquals(Errno.EINVAL.neg(), t.setPolicy(Table.FILTER, Chain.INPUT, Target.REJECT));
        assertEquals(0, t.setPolicy(Table.FILTER, Chain.INPUT, Target.DROP));
    }

    @Test
    void listingNumbersShrinkLikeIptables() {
        assertEquals("    0 ", IptablesListing.num(0, false));
        assertEquals("99999 ", IptablesListing.num(99_999, false));
        assertEquals(" 100K ", IptablesListing.num(100_000, false));
        assertEquals("  12M ", IptablesListing.num(12_345_678, false));
        assertEquals("12345678 ", IptablesListing.num(12_345_678, true));
    }
}
