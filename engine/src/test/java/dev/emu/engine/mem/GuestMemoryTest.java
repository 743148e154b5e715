package dev.emu.engine.mem;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Pages that cost nothing until written, with the fast paths, faults and code pages kept. */
class GuestMemoryTest {
    private static final long BASE = 0x10000;
    private static final int PAGE = GuestMemory.PAGE_SIZE;

    @Test
    void untouchedPagesReadAsZerosAndOwnNoArray() {
        GuestMemory m = new GuestMemory();
        m.map(BASE, 1L << 30, Protection.RW);
        assertEquals(0, GuestMemory.load64(m, BASE + 0x1234_5678));
        assertEquals(0, GuestMemory.load8(m, BASE + (1L << 30) - 1));
        assertNull(m.writeMap[0][(int) (BASE >>> GuestMemory.PAGE_BITS)], "not writable before the first store");
        byte[] out = new byte[3 * PAGE];
        m.read(BASE + 100, out, 0, out.length);
        assertArrayEquals(new byte[3 * PAGE], out);
    }

    @Test
    void firstStoreGivesThePageItsOwnArray() {
        GuestMemory m = new GuestMemory();
        m.map(BASE, 4L * PAGE, Protection.RW);
        GuestMemory.store32(m, BASE + PAGE + 8, 0xdeadbeefL);
        assertEquals(0xdeadbeefL, GuestMemory.load32(m, BASE + PAGE + 8));
        assertEquals(0, GuestMemory.load32(m, BASE + 8), "other pages stay zero");
        assertEquals(0, GuestMemory.load32(m, BASE + 2 * PAGE + 8));
        GuestMemory.store64(m, BASE + PAGE + 16, 42);   // now on the fast path
        assertEquals(42, GuestMemory.load64(m, BASE + PAGE + 16));
        assertNotSame(sharedZeroPage(), m.readMap[0][(int) ((BASE + PAGE) >>> 12)]);
        assertSame(sharedZeroPage(), m.readMap[0][(int) (BASE >>> 12)]);
    }

    @Test
    void pageCrossingStoreOntoUntouchedPages() {
        GuestMemory m = new GuestMemory();
        m.map(BASE, 2L * PAGE, Protection.RW);
        GuestMemory.store64(m, BASE + PAGE - 3, 0x1122334455667788L);
        assertEquals(0x1122334455667788L, GuestMemory.load64(m, BASE + PAGE - 3));
        assertEquals(0x667788L, GuestMemory.load32(m, BASE + PAGE - 4) >>> 8);
    }

    @Test
    void permissionsAndUnmappedPagesStillFault() {
        GuestMemory m = new GuestMemory();
        m.map(BASE, PAGE, Protection.READ);
        m.map(BASE + PAGE, PAGE, Protection.NONE);
        assertEquals(0, GuestMemory.load8(m, BASE));
        MemoryFault w = assertThrows(MemoryFault.class, () -> GuestMemory.store8(m, BASE, 1));
        assertEquals(MemoryFault.Kind.PROTECTION, w.kind);
        MemoryFault r = assertThrows(MemoryFault.class, () -> GuestMemory.load8(m, BASE + PAGE));
        assertEquals(MemoryFault.Kind.PROTECTION, r.kind);
        MemoryFault u = assertThrows(MemoryFault.class, () -> GuestMemory.load8(m, BASE + 2 * PAGE));
        assertEquals(MemoryFault.Kind.UNMAPPED, u.kind);
        assertThrows(MemoryFault.class, () -> GuestMemory.store64(m, BASE + PAGE - 4, 1), "crossing into PROT_NONE");
        assertEquals(0, GuestMemory.load32(m, BASE + PAGE - 4), "a faulting store writes nothing");
    }

    @Test
    void protectKeepsWrittenDataAndUntouchedPagesLazy() {
        GuestMemory m = new GuestMemory();
        m.map(BASE, 2L * PAGE, Protection.RW);
        GuestMemory.store8(m, BASE, 7);
        m.protect(BASE, 2L * PAGE, Protection.READ);
        assertEquals(7, GuestMemory.load8(m, BASE));
        m.protect(BASE, 2L * PAGE, Protection.RW);
        GuestMemory.store8(m, BASE + PAGE, 9);
        assertEquals(9, GuestMemory.load8(m, BASE + PAGE));
        assertEquals(7, GuestMemory.load8(m, BASE));
    }

    @Test
    void pokeOfZerosLeavesThePageUntouchedAndOtherBytesLand() {
        GuestMemory m = new GuestMemory();
        m.map(BASE, 2L * PAGE, Protection.READ | Protection.EXEC);
        m.poke(BASE, new byte[PAGE], 0, PAGE);
        assertSame(sharedZeroPage(), m.readMap[0][(int) (BASE >>> 12)], "zeros poked onto an untouched page");
        m.poke(BASE + PAGE - 1, new byte[] {0x13, 0x05}, 0, 2);
        assertEquals(0x13, GuestMemory.load8(m, BASE + PAGE - 1));
        assertEquals(0x05, m.fetch16(BASE + PAGE) & 0xff);
    }

    @Test
    void firstStoreToACodePageTellsTheListenerOnce() {
        GuestMemory m = new GuestMemory();
        m.map(BASE, PAGE, Protection.RWX);
        List<Long> told = new ArrayList<>();
        m.setCodeWriteListener(told::add);
        m.markCode(BASE);
        GuestMemory.store32(m, BASE + 4, 1);
        GuestMemory.store32(m, BASE + 8, 2);
        assertEquals(List.of(BASE >>> 12), told);
        assertEquals(1, GuestMemory.load32(m, BASE + 4));
        m.markCode(BASE);
        m.write(BASE + 12, new byte[] {5}, 0, 1);
        assertEquals(List.of(BASE >>> 12, BASE >>> 12), told);
        assertEquals(5, GuestMemory.load8(m, BASE + 12));
    }

    @Test
    void atomicsOnAnUntouchedPageSeeZeroAndLand() {
        GuestMemory m = new GuestMemory();
        m.map(BASE, PAGE, Protection.RW);
        GuestMemory.AtomicSlot slot = m.atomic(BASE + 64, 8);
        assertEquals(0, slot.compareAndExchange64(0, 99));
        assertEquals(99, GuestMemory.load64(m, BASE + 64));
        assertThrows(MemoryFault.class, () -> m.atomic(BASE + 65, 8));
    }

    /** The array every never-written page reads through. */
    private static byte[] sharedZeroPage() {
        GuestMemory other = new GuestMemory();
        other.map(BASE, PAGE, Protection.READ);
        return other.readMap[0][(int) (BASE >>> 12)];
    }
}
