package dev.emu.engine.linux;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The mapping list: splitting, protection changes, and the top-down free-range search. */
class MappingsTest {
    static Mappings.Region r(long start, long end, int prot) {
        return Mappings.Region.anonymous(start, end, prot, "");
    }

    @Test
    void removeSplitsStraddlingMappings() {
        Mappings m = new Mappings();
        m.add(r(0x10000, 0x20000, 3));
        m.remove(0x14000, 0x16000);
        assertEquals(List.of(r(0x10000, 0x14000, 3), r(0x16000, 0x20000, 3)), m.all());
        assertTrue(m.isFree(0x14000, 0x16000));
        assertFalse(m.isFullyMapped(0x13000, 0x17000));
        assertTrue(m.isFullyMapped(0x16000, 0x20000));
    }

    @Test
    void addReplacesOverlapsAndProtectSplits() {
        Mappings m = new Mappings();
        m.add(r(0x10000, 0x20000, 3));
        m.add(r(0x18000, 0x28000, 1));
        assertEquals(List.of(r(0x10000, 0x18000, 3), r(0x18000, 0x28000, 1)), m.all());
        m.protect(0x17000, 0x19000, 0);
        assertEquals(List.of(r(0x10000, 0x17000, 3), r(0x17000, 0x18000, 0), r(0x18000, 0x19000, 0),
                r(0x19000, 0x28000, 1)), m.all());
        assertTrue(m.isFullyMapped(0x10000, 0x28000));
        assertEquals(r(0x18000, 0x19000, 0), m.find(0x18fff));
        assertEquals(null, m.find(0x28000));
    }

    @Test
    void findFreeTopDownTakesTheHighestGapThatFits() {
        Mappings m = new Mappings();
        assertEquals(0x100000 - 0x3000, m.findFreeTopDown(0x3000, 0x100000, 0x10000));
        m.add(r(0xf0000, 0x100000, 3));
        m.add(r(0xe0000, 0xef000, 3)); // leaves a 0x1000 gap at 0xef000
        assertEquals(0xef000, m.findFreeTopDown(0x1000, 0x100000, 0x10000));
        assertEquals(0xe0000 - 0x2000, m.findFreeTopDown(0x2000, 0x100000, 0x10000));
        m.add(r(0x20000, 0xe0000, 3));
        assertEquals(0x20000 - 0x10000, m.findFreeTopDown(0x10000, 0x100000, 0x10000));
        assertEquals(-1, m.findFreeTopDown(0x10001, 0x100000, 0x10000), "nothing fits above the floor");
        assertEquals(0x1f000, m.findFreeTopDown(0x1000, 0xe8000, 0x10000),
                "the mapping straddling 'below' and the one touching it leave only the gap above the floor");
    }
}
