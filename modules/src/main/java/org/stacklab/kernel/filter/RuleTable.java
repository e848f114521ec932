package org.stacklab.kernel.filter;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.stacklab.kernel.socket.Errno;

/**
 * The rule set of one host: every built-in chain of every {@link Table}, as the kernel's
 * x_tables keeps them. Operations return 0 or {@code -errno} exactly where libiptc gets an errno
 * from the kernel, so the front end can print iptables' own messages:
 *
 * <ul>
 *   <li>-ENOENT: no such chain in that table, or {@code -D rule-spec} found no equal rule;
 *   <li>-E2BIG: a rule number past the end ({@code -D INPUT 9}, {@code -I INPUT 9});
 *   <li>-EINVAL: the kernel refuses the rule (a target outside the table or chain it is valid in),
 *       with the reason written to the kernel log, as x_tables does ("Run `dmesg'").
 * </ul>
 *
 * Everything here runs on the control path ({@code iptables}); the data path only reads
 * {@link RuleChain#rules()} and advances counters.
 */
public final class RuleTable {
    private final Map<Table, Map<Chain, RuleChain>> tables = new EnumMap<>(Table.class);
    private final Consumer<String> dmesg;

    /** {@code dmesg} receives the kernel's reason when a rule is refused (null: discard). */
    public RuleTable(Consumer<String> dmesg) {
        this.dmesg = dmesg == null ? s -> {} : dmesg;
        for (Table t : Table.values()) {
            Map<Chain, RuleChain> m = new EnumMap<>(Chain.class);
            for (Chain c : t.chains()) m.put(c, new RuleChain(t, c));
            tables.put(t, m);
        }
    }

    /** The chain, or null if the table has no such chain. */
    public RuleChain chain(Table table, Chain chain) { return tables.get(table).get(chain); }

    /** The table's chains in listing order. */
    public List<RuleChain> chains(Table table) { return new ArrayList<>(tables.get(table).values()); }

    /** {@code -A}: adds the rule at the end of its chain. */
    public int append(Rule rule) {
        RuleChain c = chain(rule.table(), rule.chain());
        if (c == null) return Errno.ENOENT.neg();
        int rc = check(rule);
        if (rc != 0) return rc;
        c.mutableRules().add(rule);
        return 0;
    }

    /** {@code -I CHAIN [num]}: inserts at 1-based position {@code num} (1 = first). */
    public int insert(Rule rule, int num) {
        RuleChain c = chain(rule.table(), rule.chain());
        if (c == null) return Errno.ENOENT.neg();
        if (num < 1 || num > c.rules().size() + 1) return Errno.E2BIG.neg();
        int rc = check(rule);
        if (rc != 0) return rc;
        c.mutableRules().add(num - 1, rule);
        return 0;
    }

    /** {@code -D CHAIN num}. */
    public int delete(Table table, Chain chain, int num) {
        RuleChain c = chain(table, chain);
        if (c == null) return Errno.ENOENT.neg();
        if (num < 1 || num > c.rules().size()) return Errno.E2BIG.neg();
        c.mutableRules().remove(num - 1);
        return 0;
    }

    /** {@code -D CHAIN rule-spec}: deletes the first rule with the same spec. */
    public int delete(Rule spec) {
        RuleChain c = chain(spec.table(), spec.chain());
        if (c == null) return Errno.ENOENT.neg();
        List<Rule> rules = c.mutableRules();
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).sameSpec(spec)) {
                rules.remove(i);
                return 0;
            }
        }
        return Errno.ENOENT.neg();
    }

    /** {@code -F [CHAIN]}: removes every rule of the chain, or of every chain of the table if null. */
    public int flush(Table table, Chain chain) {
        if (chain == null) {
            for (RuleChain c : chains(table)) c.mutableRules().clear();
            return 0;
        }
        RuleChain c = chain(table, chain);
        if (c == null) return Errno.ENOENT.neg();
        c.mutableRules().clear();
        return 0;
    }

    /** {@code -P CHAIN ACCEPT|DROP}. */
    public int setPolicy(Table table, Chain chain, Target policy) {
        RuleChain c = chain(table, chain);
        if (c == null) return Errno.ENOENT.neg();
        if (policy != Target.ACCEPT && policy != Target.DROP) return Errno.EINVAL.neg();
        c.setPolicy(policy);
        return 0;
    }

    /** {@code -Z [CHAIN]}: zeroes rule and policy counters. */
    public int zero(Table table, Chain chain) {
        if (chain == null) {
            for (RuleChain c : chains(table)) c.zero();
            return 0;
        }
        RuleChain c = chain(table, chain);
        if (c == null) return Errno.ENOENT.neg();
        c.zero();
        return 0;
    }

    /** The kernel's own checks of a target (x_tables' checkentry), logged like Linux's. */
    private int check(Rule r) {
        switch (r.target()) {
            case REDIRECT:
                if (r.table() != Table.NAT) return refuse("REDIRECT target: only valid in nat table, not " + r.table().label());
                if (r.toPort() != 0 && r.protocol() != Rule.PROTO_TCP && r.protocol() != Rule.PROTO_UDP) {
                    return refuse("REDIRECT target: --to-ports needs -p tcp or -p udp");
                }
                return 0;
            case REJECT:
                if (r.table() != Table.FILTER) return refuse("REJECT target: only valid in filter table, not " + r.table().label());
                if (r.rejectWith() == RejectWith.TCP_RESET && r.protocol() != Rule.PROTO_TCP) {
                    return refuse("REJECT target: TCP_RESET invalid for non-tcp");
                }
                return 0;
            case DROP:
                if (r.table() == Table.NAT) return refuse("DROP target: the nat table is not intended for filtering");
                return 0;
            default:
                return 0;
        }
    }

    private int refuse(String why) {
        dmesg.accept("x_tables: ip_tables: " + why);
        return Errno.EINVAL.neg();
    }
}
