package org.stacklab.kernel.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.stacklab.kernel.core.Ip4;

/**
 * One parsed iptables command line: {@code [-t TABLE] -A|-I|-D|-L|-S|-F|-Z|-P CHAIN [rule-spec]
 * [-n] [-v] [-x] [--line-numbers]}. {@link #parse} turns argv into a command or an
 * {@link IptablesException} carrying iptables' own message, so a student sees the same errors
 * here as on a Linux box.
 *
 * <p>Rule specs: {@code -p tcp|udp|icmp|all}, {@code -s}/{@code -d ADDR[/PREFIX|/MASK]},
 * {@code -i}/{@code -o DEV} (a trailing {@code +} is a wildcard), {@code --sport}/{@code --dport
 * PORT[:PORT]} (after {@code -p tcp|udp}; {@code -m tcp|udp} is accepted), {@code -j ACCEPT|DROP|
 * REJECT [--reject-with TYPE]|LOG [--log-prefix TEXT]|REDIRECT [--to-ports PORT]}. Negation
 * ({@code !}) and user-defined chains are not modelled.
 */
public record IptablesCommand(Op op, Table table, Chain chain, Rule rule, int num, Target policy,
                              boolean numeric, boolean verbose, boolean exact, boolean lineNumbers) {

    public static final String PROG = "iptables v1.8.7 (stacklab)";
    static final String TRY_HELP = "Try `iptables -h' or 'iptables --help' for more information.";

    public enum Op {
        APPEND("-A"), INSERT("-I"), DELETE("-D"), LIST("-L"), LIST_RULES("-S"), FLUSH("-F"), ZERO("-Z"), POLICY("-P");

        public final String flag;

        Op(String flag) { this.flag = flag; }
    }

    private static final Map<String, Integer> SERVICES = Map.of(
            "ssh", 22, "smtp", 25, "domain", 53, "http", 80, "ntp", 123, "https", 443, "http-alt", 8080);

    /** Parses a shell-style command line ({@code -A INPUT -j LOG --log-prefix "FW: "}). */
    public static IptablesCommand parse(String commandLine) throws IptablesException {
        return parse(split(commandLine));
    }

    /** Parses argv without the program name. */
    public static IptablesCommand parse(List<String> argv) throws IptablesException {
        Parser p = new Parser(argv);
        return p.parse();
    }

    /** Splits a command line into words, honouring single and double quotes (as the shell would). */
    public static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) quote = 0;
                else cur.append(c);
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) out.add(cur.toString());
                cur.setLength(0);
                inWord = false;
            } else {
                cur.append(c);
                inWord = true;
            }
        }
        if (inWord) out.add(cur.toString());
        return out;
    }

    static IptablesException parameterProblem(String msg) {
        return new IptablesException(PROG + ": " + msg + "\n" + TRY_HELP, IptablesException.PARAMETER_PROBLEM);
    }

    /** One left-to-right pass over argv, as iptables' getopt loop. */
    private static final class Parser {
        private final List<String> a;
        private int i;
        private Op op;
        private String tableName = "filter";
        private String chainName;
        private int num = -1;
        private String policyName;
        private boolean numeric, verbose, exact, lineNumbers;
        // rule-spec fields
        private int protocol = Rule.ANY_PROTOCOL;
        private boolean protoGiven;
        private String src, dst, in, out, sport, dport, jump, logPrefix, rejectWith, toPorts;
        private boolean anySpec;

        Parser(List<String> argv) { this.a = argv; }

        private String next(String opt) throws IptablesException {
            if (i >= a.size()) throw parameterProblem("option \"" + opt + "\" requires an argument");
            return a.get(i++);
        }

        private boolean hasOptionalArg() { return i < a.size() && !a.get(i).startsWith("-"); }

        private void command(Op o) throws IptablesException {
            if (op != null) throw parameterProblem("Can't use " + o.flag + " with " + op.flag);
            op = o;
        }

        IptablesCommand parse() throws IptablesException {
            while (i < a.size()) {
                String opt = a.get(i++);
                switch (opt) {
                    case "-t": case "--table": tableName = next(opt); break;
                    case "-A": case "--append": command(Op.APPEND); chainName = next(opt); break;
                    case "-I": case "--insert":
                        command(Op.INSERT);
                        chainName = next(opt);
                        if (hasOptionalArg() && a.get(i).chars().allMatch(Character::isDigit)) num = number(a.get(i++));
                        break;
                    case "-D": case "--delete":
                        command(Op.DELETE);
                        chainName = next(opt);
                        if (hasOptionalArg() && a.get(i).chars().allMatch(Character::isDigit)) num = number(a.get(i++));
                        break;
                    case "-L": case "--list": command(Op.LIST); if (hasOptionalArg()) chainName = a.get(i++); break;
                    case "-S": case "--list-rules": command(Op.LIST_RULES); if (hasOptionalArg()) chainName = a.get(i++); break;
                    case "-F": case "--flush": command(Op.FLUSH); if (hasOptionalArg()) chainName = a.get(i++); break;
                    case "-Z": case "--zero": command(Op.ZERO); if (hasOptionalArg()) chainName = a.get(i++); break;
                    case "-P": case "--policy": command(Op.POLICY); chainName = next(opt); policyName = next(opt); break;
                    case "-n": case "--numeric": numeric = true; break;
                    case "-v": case "--verbose": verbose = true; break;
                    case "-x": case "--exact": exact = true; break;
                    case "--line-numbers": lineNumbers = true; break;
                    case "-nv": case "-vn": numeric = true; verbose = true; break;
                    case "-p": case "--protocol": protocol = protocol(next(opt)); protoGiven = true; anySpec = true; break;
                    case "-s": case "--source": src = next(opt); anySpec = true; break;
                    case "-d": case "--destination": dst = next(opt); anySpec = true; break;
                    case "-i": case "--in-interface": in = next(opt); anySpec = true; break;
                    case "-o": case "--out-interface": out = next(opt); anySpec = true; break;
                    case "-m": case "--match": {
                        String m = next(opt);
                        if (!m.equals(Rule.protocolName(protocol)) || (protocol != Rule.PROTO_TCP && protocol != Rule.PROTO_UDP)) {
                            throw parameterProblem("Couldn't load match `" + m + "':No such file or directory");
                        }
                        break;
                    }
                    case "--sport": case "--source-port": requirePortProto(opt); sport = next(opt); anySpec = true; break;
                    case "--dport": case "--destination-port": requirePortProto(opt); dport = next(opt); anySpec = true; break;
                    case "-j": case "--jump": jump = next(opt); anySpec = true; break;
                    case "--log-prefix": requireTarget(opt, "LOG"); logPrefix = next(opt); break;
                    case "--log-level": requireTarget(opt, "LOG"); next(opt); break;
                    case "--reject-with": requireTarget(opt, "REJECT"); rejectWith = next(opt); break;
                    case "--to-ports": case "--to-port": requireTarget(opt, "REDIRECT"); toPorts = next(opt); break;
                    case "!": throw parameterProblem("negation (\"!\") is not supported by StackLab's iptables");
                    default:
                        if (opt.startsWith("-")) throw parameterProblem("unknown option \"" + opt + "\"");
                        throw parameterProblem("Bad argument `" + opt + "'");
                }
            }
            return build();
        }

        private void requirePortProto(String opt) throws IptablesException {
            // Without -p tcp|udp the tcp/udp match is not loaded, so iptables does not know the option.
            if (protocol != Rule.PROTO_TCP && protocol != Rule.PROTO_UDP) throw parameterProblem("unknown option \"" + opt + "\"");
        }

        private void requireTarget(String opt, String target) throws IptablesException {
            if (!target.equals(jump)) throw parameterProblem("unknown option \"" + opt + "\"");
        }

        private IptablesCommand build() throws IptablesException {
            if (op == null) throw parameterProblem("no command specified");
            Table table = Table.byLabel(tableName);
            if (table == null) {
                throw new IptablesException(PROG + ": can't initialize iptables table `" + tableName
                        + "': Table does not exist (do you need to insmod?)\nPerhaps iptables or your kernel needs to be upgraded.",
                        IptablesException.OTHER_PROBLEM);
            }
            Chain chain = null;
            if (chainName != null) {
                chain = Chain.byName(chainName);
                if (chain == null || !table.has(chain)) {
                    if (op == Op.POLICY) throw new IptablesException("iptables: Bad built-in chain name.", IptablesException.OTHER_PROBLEM);
                    throw new IptablesException("iptables: No chain/target/match by that name.", IptablesException.OTHER_PROBLEM);
                }
            }
            // As iptables: a packet has no input device on the output hooks, nor an output device before routing.
            if (in != null && (chain == Chain.OUTPUT || chain == Chain.POSTROUTING)) throw parameterProblem("Can't use -i with " + chain.name());
            if (out != null && (chain == Chain.INPUT || chain == Chain.PREROUTING)) throw parameterProblem("Can't use -o with " + chain.name());
            boolean takesRule = op == Op.APPEND || op == Op.INSERT || (op == Op.DELETE && num < 0);
            if (anySpec && !takesRule) throw parameterProblem("Illegal option `rule-spec' with this command");
            Target policy = null;
            if (op == Op.POLICY) {
                policy = Target.byName(policyName);
                if (policy != Target.ACCEPT && policy != Target.DROP) {
                    throw new IptablesException("iptables: Bad policy name. Run `dmesg' for more information.", IptablesException.OTHER_PROBLEM);
                }
                if (table == Table.NAT && policy == Target.DROP) throw natDrop();
            }
            Rule rule = takesRule ? rule(table, chain) : null;
            if (op == Op.INSERT && num < 0) num = 1;
            return new IptablesCommand(op, table, chain, rule, num, policy, numeric, verbose, exact, lineNumbers);
        }

        private IptablesException natDrop() {
            return new IptablesException(PROG + ": \nThe \"nat\" table is not intended for filtering, the use of DROP is therefore inhibited.\n",
                    IptablesException.PARAMETER_PROBLEM);
        }

        private Rule rule(Table table, Chain chain) throws IptablesException {
            if (jump == null) throw parameterProblem("a rule needs a target: -j ACCEPT|DROP|REJECT|LOG|REDIRECT");
            Target t = Target.byName(jump);
            if (t == null) throw parameterProblem("Couldn't load target `" + jump + "':No such file or directory");
            if (table == Table.NAT && t == Target.DROP) throw natDrop();
            Rule.Builder b = Rule.builder(table, chain).protocol(protocol).target(t);
            if (src != null) { int[] n = net(src); b.source(n[0], n[1]); }
            if (dst != null) { int[] n = net(dst); b.destination(n[0], n[1]); }
            if (in != null) b.in(iface(in));
            if (out != null) b.out(iface(out));
            if (sport != null) { int[] r = portRange(sport); b.sport(r[0], r[1]); }
            if (dport != null) { int[] r = portRange(dport); b.dport(r[0], r[1]); }
            if (logPrefix != null) {
                if (logPrefix.length() > 29) throw parameterProblem("Maximum prefix length 29 for --log-prefix");
                b.logPrefix(logPrefix);
            }
            if (rejectWith != null) {
                RejectWith r = RejectWith.byLabel(rejectWith);
                if (r == null) throw parameterProblem("unknown reject type \"" + rejectWith + "\"");
                b.rejectWith(r);
            }
            if (toPorts != null) {
                int[] r = portRange(toPorts);
                if (r[0] != r[1]) throw parameterProblem("REDIRECT to a port range is not supported by StackLab; give one port");
                b.toPort(r[0]);
            }
            return b.build();
        }

        private int protocol(String s) throws IptablesException {
            switch (s.toLowerCase()) {
                case "tcp": case "6": return Rule.PROTO_TCP;
                case "udp": case "17": return Rule.PROTO_UDP;
                case "icmp": case "1": return Rule.PROTO_ICMP;
                case "all": case "0": return Rule.ANY_PROTOCOL;
                default: throw parameterProblem("unknown protocol \"" + s + "\" specified");
            }
        }

        private static String iface(String s) throws IptablesException {
            if (s.isEmpty() || s.length() > 15) throw parameterProblem("interface name `" + s + "' must be shorter than IFNAMSIZ (16)");
            return s;
        }

        /** {@code ADDR}, {@code ADDR/PREFIX} or {@code ADDR/MASK}; {@code 0/0} is anywhere. */
        private static int[] net(String s) throws IptablesException {
            int slash = s.indexOf('/');
            String host = slash < 0 ? s : s.substring(0, slash);
            int addr;
            try {
                addr = host.equals("0") ? 0 : Ip4.parse(host);
            } catch (IllegalArgumentException e) {
                throw parameterProblem("host/network `" + host + "' not found");
            }
            int prefix = 32;
            if (slash >= 0) {
                String m = s.substring(slash + 1);
                if (m.contains(".")) {
                    int mask;
                    try {
                        mask = Ip4.parse(m);
                    } catch (IllegalArgumentException e) {
                        throw parameterProblem("invalid mask `" + m + "' specified");
                    }
                    prefix = Integer.bitCount(mask);
                    if (mask != Ip4.mask(prefix)) throw parameterProblem("invalid mask `" + m + "' specified");
                } else {
                    try {
                        prefix = Integer.parseInt(m);
                    } catch (NumberFormatException e) {
                        prefix = -1;
                    }
                    if (prefix < 0 || prefix > 32) throw parameterProblem("invalid mask `" + m + "' specified");
                }
            }
            return new int[] {addr, prefix};
        }

        private static int[] portRange(String s) throws IptablesException {
            int colon = s.indexOf(':');
            if (colon < 0) {
                int p = port(s);
                return new int[] {p, p};
            }
            int lo = colon == 0 ? 0 : port(s.substring(0, colon));
            int hi = colon == s.length() - 1 ? 0xffff : port(s.substring(colon + 1));
            if (lo > hi) throw parameterProblem("invalid portrange (min > max)");
            return new int[] {lo, hi};
        }

        private static int port(String s) throws IptablesException {
            Integer svc = SERVICES.get(s);
            if (svc != null) return svc;
            try {
                int p = Integer.parseInt(s);
                if (p >= 0 && p <= 0xffff) return p;
            } catch (NumberFormatException e) {
                // fall through to the error
            }
            throw parameterProblem("invalid port/service `" + s + "' specified");
        }

        private static int number(String s) throws IptablesException {
            try {
                return Integer.parseInt(s);
            } catch (NumberFormatException e) {
                throw parameterProblem("Invalid rule number `" + s + "'");
            }
        }
    }
}
