package dev.emu.isa.riscv.translate;

import dev.emu.engine.cpu.Vcpu;
import dev.emu.engine.mem.GuestMemory;
import dev.emu.engine.mem.MemoryFault;
import dev.emu.engine.mem.Protection;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** LR/SC and the AMOs on guest memory: results, reservations, faults, and atomicity under threads. */
class AtomicHelpersTest {
    private static final long PAGE = 0x4000;

    private static Vcpu cpu(GuestMemory memory) {
        return new Vcpu(0, 64, memory);
    }

    private static GuestMemory memory() {
        GuestMemory m = new GuestMemory();
        m.map(PAGE, GuestMemory.PAGE_SIZE, Protection.RW);
        return m;
    }

    private static long read(GuestMemory m, long addr, int size) {
        return size == 8 ? GuestMemory.load64(m, addr) : GuestMemory.load32(m, addr);
    }

    @Test
    void wordAmosReturnTheOldValueSignExtendedAndStoreTheNew() {
        GuestMemory m = memory();
        Vcpu cpu = cpu(m);
        long old = 0x8000_0005L;
        record Case(String name, long operand, long stored) {}
        List<Case> cases = List.of(
                new Case("swap", 0x1_0000_0007L, 7),
                new Case("add", 0xffff_fffbL, 0x8000_0000L),
                new Case("and", 0xf, 5),
                new Case("or", 0x10, 0x8000_0015L),
                new Case("xor", 0x8000_0001L, 4),
                new Case("min", 3, 0x8000_0005L),
                new Case("max", 3, 3),
                new Case("minu", 3, 3),
                new Case("maxu", 3, 0x8000_0005L));
        for (Case c : cases) {
            GuestMemory.store32(m, PAGE, old);
            long result = switch (c.name) {
                case "swap" -> AtomicHelpers.amoswap_w(cpu, PAGE, c.operand);
                case "add" -> AtomicHelpers.amoadd_w(cpu, PAGE, c.operand);
                case "and" -> AtomicHelpers.amoand_w(cpu, PAGE, c.operand);
                case "or" -> AtomicHelpers.amoor_w(cpu, PAGE, c.operand);
                case "xor" -> AtomicHelpers.amoxor_w(cpu, PAGE, c.operand);
                case "min" -> AtomicHelpers.amomin_w(cpu, PAGE, c.operand);
                case "max" -> AtomicHelpers.amomax_w(cpu, PAGE, c.operand);
                case "minu" -> AtomicHelpers.amominu_w(cpu, PAGE, c.operand);
                default -> AtomicHelpers.amomaxu_w(cpu, PAGE, c.operand);
            };
            assertEquals((long) (int) old, result, c.name);
            assertEquals(c.stored, read(m, PAGE, 4), c.name);
            assertEquals(0, read(m, PAGE + 4, 4), c.name + " stays in its word");
        }
    }

    @Test
    void doublewordAmos() {
        GuestMemory m = memory();
        Vcpu cpu = cpu(m);
        long old = -7;
        GuestMemory.store64(m, PAGE + 8, old);
        assertEquals(old, AtomicHelpers.amoadd_d(cpu, PAGE + 8, 10));
        assertEquals(3, read(m, PAGE + 8, 8));
        assertEquals(3, AtomicHelpers.amominu_d(cpu, PAGE + 8, -1));
        assertEquals(3, AtomicHelpers.amomin_d(cpu, PAGE + 8, -1));
        assertEquals(-1, AtomicHelpers.amomaxu_d(cpu, PAGE + 8, 5));
        assertEquals(-1, AtomicHelpers.amomax_d(cpu, PAGE + 8, 5));
        assertEquals(5, AtomicHelpers.amoswap_d(cpu, PAGE + 8, Long.MIN_VALUE));
        assertEquals(Long.MIN_VALUE, AtomicHelpers.amoxor_d(cpu, PAGE + 8, -1));
        assertEquals(Long.MAX_VALUE, AtomicHelpers.amoand_d(cpu, PAGE + 8, 0xff));
        assertEquals(0xff, AtomicHelpers.amoor_d(cpu, PAGE + 8, 0x100));
        assertEquals(0x1ff, read(m, PAGE + 8, 8));
    }

    @Test
    void storeConditionalNeedsTheReservation() {
        GuestMemory m = memory();
        Vcpu cpu = cpu(m);
        GuestMemory.store32(m, PAGE, 0xffff_fff0L);
        assertEquals(1, AtomicHelpers.sc_w(cpu, PAGE, 1), "no reservation");
        assertEquals(-16, AtomicHelpers.lr_w(cpu, PAGE));
        assertEquals(1, AtomicHelpers.sc_w(cpu, PAGE + 4, 1), "another address");
        assertEquals(1, AtomicHelpers.sc_w(cpu, PAGE, 1), "the failed sc cleared the reservation");
        AtomicHelpers.lr_w(cpu, PAGE);
        assertEquals(0, AtomicHelpers.sc_w(cpu, PAGE, 42));
        assertEquals(42, read(m, PAGE, 4));
        assertEquals(1, AtomicHelpers.sc_w(cpu, PAGE, 43), "a reservation is good for one sc");
        // another hart's store in between makes the sc fail
        AtomicHelpers.lr_d(cpu, PAGE + 8);
        GuestMemory.store64(m, PAGE + 8, 99);
        assertEquals(1, AtomicHelpers.sc_d(cpu, PAGE + 8, 1));
        assertEquals(99, AtomicHelpers.lr_d(cpu, PAGE + 8));
        assertEquals(0, AtomicHelpers.sc_d(cpu, PAGE + 8, 100));
        assertEquals(100, read(m, PAGE + 8, 8));
    }

    @Test
    void misalignedAndUnmappedAddressesFault() {
        GuestMemory m = memory();
        Vcpu cpu = cpu(m);
        assertEquals(MemoryFault.Kind.MISALIGNED_ATOMIC, assertThrows(MemoryFault.class, () -> AtomicHelpers.amoadd_w(cpu, PAGE + 2, 1)).kind);
        assertEquals(MemoryFault.Kind.MISALIGNED_ATOMIC, assertThrows(MemoryFault.class, () -> AtomicHelpers.lr_d(cpu, PAGE + 4)).kind);
        assertEquals(MemoryFault.Kind.UNMAPPED, assertThrows(MemoryFault.class, () -> AtomicHelpers.amoswap_d(cpu, 0x9000, 1)).kind);
        m.protect(PAGE, GuestMemory.PAGE_SIZE, Protection.READ);
        assertEquals(MemoryFault.Kind.PROTECTION, assertThrows(MemoryFault.class, () -> AtomicHelpers.amoor_w(cpu, PAGE, 1)).kind);
    }

    @Test
    void concurrentAmosAndLrScLoopsLoseNoUpdate() throws InterruptedException {
        GuestMemory m = memory();
        int threads = 4;
        int rounds = 20_000;
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Vcpu cpu = new Vcpu(t, 64, m);
            workers.add(new Thread(() -> {
                for (int i = 0; i < rounds; i++) {
                    AtomicHelpers.amoadd_d(cpu, PAGE, 1);
                    AtomicHelpers.amomax_w(cpu, PAGE + 8, i);
                    // the compiler's LR/SC increment loop
                    long seen;
                    do {
                        seen = AtomicHelpers.lr_w(cpu, PAGE + 16);
                    } while (AtomicHelpers.sc_w(cpu, PAGE + 16, seen + 1) != 0);
                }
            }));
        }
        workers.forEach(Thread::start);
        for (Thread w : workers) {
            w.join();
        }
        assertEquals((long) threads * rounds, read(m, PAGE, 8));
        assertEquals(rounds - 1, read(m, PAGE + 8, 4));
        assertEquals((long) threads * rounds, read(m, PAGE + 16, 4));
    }
}
