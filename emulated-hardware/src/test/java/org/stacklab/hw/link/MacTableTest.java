package org.stacklab.hw.link;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.stacklab.sim.SeededRandom;

/** The switch's forwarding database against a TreeMap, under random learning, ageing and port flushes. */
class MacTableTest {
    private static final long AGEING = 1000;

    @Test
    void behavesLikeAMapUnderRandomOperations() {
        SeededRandom rnd = new SeededRandom(11);
        MacTable table = new MacTable();
        Map<Long, long[]> model = new TreeMap<>(); // mac -> {port, seen}
        long now = 0;
        for (int step = 0; step < 50_000; step++) {
            now += rnd.nextInt(3);
            long mac = 0x020000000000L + rnd.nextInt(300); // few distinct addresses: many collisions and updates
            int op = rnd.nextInt(10);
            if (op < 6) {
                int port = rnd.nextInt(8);
                table.learn(mac, port, now);
                model.put(mac, new long[] {port, now});
            } else if (op < 9) {
                long[] e = model.get(mac);
                int want = e == null || now - e[1] >= AGEING ? -1 : (int) e[0];
                if (want < 0) model.remove(mac);
                assertEquals(want, table.lookup(mac, now, AGEING), "step " + step);
            } else {
                int port = rnd.nextInt(8);
                table.removeIf(p -> p == port);
                model.values().removeIf(e -> e[0] == port);
            }
        }
        Map<Long, Integer> live = new TreeMap<>();
        for (Map.Entry<Long, long[]> e : model.entrySet()) {
            if (now - e.getValue()[1] < AGEING) live.put(e.getKey(), (int) e.getValue()[0]);
        }
        assertEquals(live, table.snapshot(now, AGEING));
    }

    @Test
    void growsPastItsInitialCapacity() {
        MacTable table = new MacTable();
        for (int i = 0; i < 10_000; i++) table.learn(0x020000000000L + i * 7919L, i % 48, 5);
        for (int i = 0; i < 10_000; i++) assertEquals(i % 48, table.lookup(0x020000000000L + i * 7919L, 5, AGEING));
        assertEquals(10_000, table.snapshot(5, AGEING).size());
    }
}
