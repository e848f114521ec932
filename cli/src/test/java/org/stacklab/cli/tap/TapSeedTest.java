package org.stacklab.cli.tap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code stacklab tap} runs against a real Linux that remembers the last run (TIME-WAIT): without
 * --seed each run takes a fresh seed (and prints it); with --seed it replays (issue 13, item 3).
 */
class TapSeedTest {
    static TapCommand parse(String... args) {
        TapCommand c = new TapCommand();
        new CommandLine(c).parseArgs(args);
        return c;
    }

    @Test
    void withoutSeedNoFixedDefaultIsTaken() {
        assertNull(parse("--ifname", "tap0", "--addr", "10.77.0.2/24").seed);
    }

    @Test
    void aGivenSeedIsKept() {
        TapCommand c = parse("--ifname", "tap0", "--addr", "10.77.0.2/24", "--seed", "1234");
        assertEquals(1234L, TapCommand.chooseSeed(c.seed, () -> { throw new AssertionError("no fresh seed wanted"); }));
    }

    @Test
    void withoutSeedEachRunDrawsAFreshOne() {
        long[] next = {17};
        assertEquals(17L, TapCommand.chooseSeed(null, () -> next[0]++));
        assertEquals(18L, TapCommand.chooseSeed(null, () -> next[0]++));
        SecureRandom r = new SecureRandom();
        assertNotEquals(TapCommand.chooseSeed(null, r::nextLong), TapCommand.chooseSeed(null, r::nextLong));
    }
}
