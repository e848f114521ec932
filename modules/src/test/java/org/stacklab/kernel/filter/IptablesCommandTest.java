package org.stacklab.kernel.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stacklab.kernel.core.Ip4;

/** iptables' command-line syntax and its error messages. */
class IptablesCommandTest {
    static IptablesCommand parse(String s) throws IptablesException { return IptablesCommand.parse(s); }

    static String error(String s) {
        return assertThrows(IptablesException.class, () -> parse(s)).getMessage();
    }

    @Test
    void appendWithEveryMatch() throws Exception {
        IptablesCommand c = parse("-A FORWARD -s 10.0.0.0/255.0.0.0 -d 192.168.1.7 -i eth0 -o eth+ -p tcp -m tcp --sport 1024:65535 --dport http -j ACCEPT");
        assertEquals(IptablesCommand.Op.APPEND, c.op());
        Rule r = c.rule();
        assertEquals(Table.FILTER, r.table());
        assertEquals(Chain.FORWARD, r.chain());
        assertEquals(Ip4.parse("10.0.0.0"), r.src());
        assertEquals(8, r.srcPrefix());
        assertEquals(32, r.dstPrefix());
        assertEquals("eth0", r.in());
        assertEquals("eth+", r.out());
        assertEquals(1024, r.sportLo());
        assertEquals(65535, r.sportHi());
        assertEquals(80, r.dportLo());
        assertEquals("-A FORWARD -s 10.0.0.0/8 -d 192.168.1.7/32 -i eth0 -o eth+ -p tcp -m tcp --sport 1024:65535 --dport 80 -j ACCEPT", r.toSpec());
    }

    @Test
    void sourceIsMaskedToItsPrefix() throws Exception {
        assertEquals(Ip4.parse("10.1.0.0"), parse("-A INPUT -s 10.1.2.3/16 -j DROP").rule().src());
        assertEquals(0, parse("-A INPUT -s 0/0 -j DROP").rule().srcPrefix());
    }

    @Test
    void insertDefaultsToPositionOneAndTakesANumber() throws Exception {
        assertEquals(1, parse("-I INPUT -j ACCEPT").num());
        assertEquals(3, parse("-I INPUT 3 -p udp -j ACCEPT").num());
        assertEquals(2, parse("-D OUTPUT 2").num());
        assertNull(parse("-D OUTPUT 2").rule());
    }

    @Test
    void listFlags() throws Exception {
        IptablesCommand c = parse("-t nat -L PREROUTING -n -v -x --line-numbers");
        assertEquals(Table.NAT, c.table());
        assertEquals(Chain.PREROUTING, c.chain());
        assertTrue(c.numeric() && c.verbose() && c.exact() && c.lineNumbers());
        assertTrue(parse("-L -nv").verbose());
    }

    @Test
    void targetsAndTheirOptions() throws Exception {
        assertEquals("FW: ", parse("-A INPUT -j LOG --log-prefix \"FW: \"").rule().logPrefix());
        assertEquals(RejectWith.TCP_RESET, parse("-A INPUT -p tcp -j REJECT --reject-with tcp-reset").rule().rejectWith());
        assertEquals(RejectWith.ICMP_PORT_UNREACHABLE, parse("-A INPUT -j REJECT").rule().rejectWith());
        assertEquals(8080, parse("-t nat -A PREROUTING -p tcp --dport 80 -j REDIRECT --to-ports 8080").rule().toPort());
        assertEquals(List.of("-A", "INPUT", "-j", "LOG", "--log-prefix", "a b"), IptablesCommand.split("-A INPUT -j LOG --log-prefix 'a b'"));
    }

    @Test
    void errorsReadLikeIptables() {
        assertTrue(error("-A INPUT --dport 80 -j DROP").startsWith("iptables v1.8.7 (stacklab): unknown option \"--dport\"\nTry `iptables -h'"));
        assertEquals("iptables: No chain/target/match by that name.", error("-A PREROUTING -j DROP"));
        assertEquals("iptables: No chain/target/match by that name.", error("-A input -j DROP"));
        assertTrue(error("-A INPUT -j FOO").contains("Couldn't load target `FOO'"));
        assertTrue(error("-A INPUT -p sctp -j DROP").contains("unknown protocol \"sctp\" specified"));
        assertTrue(error("-A INPUT -s 10.0.0 -j DROP").contains("host/network `10.0.0' not found"));
        assertTrue(error("-A INPUT -s 10.0.0.0/33 -j DROP").contains("invalid mask `33' specified"));
        assertTrue(error("-A INPUT -p tcp --dport 70000 -j DROP").contains("invalid port/service `70000' specified"));
        assertTrue(error("-A INPUT -p tcp --dport 90:80 -j DROP").contains("invalid portrange (min > max)"));
        assertTrue(error("-A INPUT -D INPUT 1").contains("Can't use -D with -A"));
        assertTrue(error("-L -p tcp").contains("Illegal option `rule-spec' with this command"));
        assertTrue(error("-n").contains("no command specified"));
        assertTrue(error("-A INPUT -j DROP --to-ports 80").contains("unknown option \"--to-ports\""));
        assertTrue(error("-t nat -P PREROUTING DROP").contains("the use of DROP is therefore inhibited"));
        assertEquals("iptables: Bad policy name. Run `dmesg' for more information.", error("-P INPUT REJECT"));
        assertEquals("iptables: Bad built-in chain name.", error("-P FOO ACCEPT"));
        assertTrue(error("-t mangle -L").contains("can't initialize iptables table `mangle': Table does not exist"));
        assertTrue(error("-A OUTPUT -i eth0 -j DROP").contains("Can't use -i with OUTPUT"));
        assertTrue(error("-A INPUT -o eth0 -j DROP").contains("Can't use -o with INPUT"));
    }

    @Test
    void exitStatusSaysWhoseFault() {
        assertEquals(IptablesException.PARAMETER_PROBLEM, assertThrows(IptablesException.class, () -> parse("-A INPUT --bogus")).status());
        assertEquals(IptablesException.OTHER_PROBLEM, assertThrows(IptablesException.class, () -> parse("-A NOPE -j DROP")).status());
    }
}
