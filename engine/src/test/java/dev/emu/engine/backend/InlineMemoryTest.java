package dev.emu.engine.backend;

import dev.emu.engine.cpu.Vcpu;
import dev.emu.engine.exec.CompiledBlock;
import dev.emu.engine.ir.Cond;
import dev.emu.engine.ir.IrBlock;
import dev.emu.engine.ir.IrBuilder;
import dev.emu.engine.mem.GuestMemory;
import dev.emu.engine.mem.MemoryFault;
import dev.emu.engine.mem.Protection;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The page cache of the inline memory paths (MemoryEmitter): the cases where a cached page
 * array could give a wrong answer. Each block runs twice so the second run starts from a
 * method that has already filled and used its entries.
 */
class InlineMemoryTest {
    private static final long A = 0x10000;       // RW, written before the block runs
    private static final long FRESH = 0x20000;   // RW, never written: reads as the shared zero page
    private static final long READ_ONLY = 0x30000;

    private final BytecodeBackend backend = new BytecodeBackend();

    private static Vcpu newCpu() {
        GuestMemory memory = new GuestMemory();
        memory.map(A, 0x2000, Protection.RW);
        memory.map(FRESH, 0x1000, Protection.RW);
        memory.map(READ_ONLY, 0x1000, Protection.READ);
        memory.write(A, new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, 0, 8);
        return new Vcpu(0, 64, memory);
    }

    private static byte byteAt(Vcpu cpu, long addr) {
        byte[] b = new byte[1];
        cpu.memory.read(addr, b, 0, 1);
        return b[0];
    }

    /**
     * Compiled as a region that can loop on itself (the page cache is used in loops only); the
     * back edge is never taken, so each run goes through the block once.
     */
    private CompiledBlock compile(Consumer<IrBuilder> build) {
        IrBlock block = new IrBlock(0x1000);
        build.accept(new IrBuilder(block));
        return backend.compileRegion(List.of(block)).code();
    }

    /** The block's end: a back edge to its start that is never taken, then on to {@code next}. */
    private static void end(IrBuilder b, long next) {
        int never = b.get(63);
        b.exitIf(Cond.NE, never, never, 0x1000);
        b.gotoPc(next);
    }

    @Test
    void aLoadAfterAStoreToTheSamePageSeesTheStore() {
        CompiledBlock code = compile(b -> {
            b.insnStart(0x1000, 4);
            int base = b.get(1);
            b.set(2, b.load(base, 8, false));
            b.store(b.add(base, b.constant(8)), b.get(3), 8);
            b.set(4, b.load(b.add(base, b.constant(8)), 8, false));
            end(b, 0x1004);
        });
        Vcpu cpu = newCpu();
        for (long value : new long[] {0x1122334455667788L, -2}) {
            cpu.regs[1] = A;
            cpu.regs[3] = value;
            code.run(cpu);
            assertEquals(0x0807060504030201L, cpu.regs[2]);
            assertEquals(value, cpu.regs[4]);
        }
    }

    /** The zero page is never cached: after the first store the page has its own array. */
    @Test
    void aNeverWrittenPageReadsZeroThenWhatWasStored() {
        CompiledBlock code = compile(b -> {
            b.insnStart(0x1000, 4);
            int base = b.get(1);
            b.set(2, b.load(base, 4, false));
            b.store(base, b.get(3), 4);
            b.set(4, b.load(base, 4, false));
            end(b, 0x1004);
        });
        Vcpu cpu = newCpu();
        cpu.regs[1] = FRESH + 0x40;
        cpu.regs[3] = 0xcafef00dL;
        code.run(cpu);
        assertEquals(0, cpu.regs[2]);
        assertEquals(0xcafef00dL, cpu.regs[4]);
        cpu.regs[3] = 7;
        code.run(cpu);
        assertEquals(0xcafef00dL, cpu.regs[2]);
        assertEquals(7, cpu.regs[4]);
    }

    /** Two base registers that share an entry, on two pages, alternating: each load gets its own page. */
    @Test
    void basesSharingAnEntryAlternateCorrectly() {
        int other = 1 + MemoryEmitter.ENTRIES; // same entry as slot 1
        CompiledBlock code = compile(b -> {
            b.insnStart(0x1000, 4);
            int x = b.get(1);
            int y = b.get(other);
            int sum = b.constant(0);
            for (int i = 0; i < 4; i++) {
                sum = b.add(sum, b.load(b.add(x, b.constant(i)), 1, false));
                sum = b.add(sum, b.load(b.add(y, b.constant(i)), 1, false));
            }
            b.set(2, sum);
            end(b, 0x1004);
        });
        Vcpu cpu = newCpu();
        cpu.memory.write(A + 0x1000, new byte[] {10, 20, 30, 40}, 0, 4);
        for (int run = 0; run < 2; run++) {
            cpu.regs[1] = A;
            cpu.regs[other] = A + 0x1000;
            code.run(cpu);
            assertEquals(1 + 2 + 3 + 4 + 10 + 20 + 30 + 40, cpu.regs[2]);
        }
    }

    /** Misaligned and page-crossing accesses in a cached page take the full path and still work. */
    @Test
    void misalignedAndCrossingAccessesBesideACachedPage() {
        CompiledBlock code = compile(b -> {
            b.insnStart(0x1000, 4);
            int base = b.get(1);
            b.set(2, b.load(base, 8, false));                          // fills the entry
            b.set(3, b.load(b.add(base, b.constant(1)), 4, false));    // misaligned
            b.store(b.add(base, b.constant(0xffe)), b.get(5), 4);      // crosses into the next page
            b.set(4, b.load(b.add(base, b.constant(0xffe)), 4, true));
            end(b, 0x1004);
        });
        Vcpu cpu = newCpu();
        cpu.regs[1] = A;
        cpu.regs[5] = 0x89abcdefL;
        code.run(cpu);
        assertEquals(0x05040302L, cpu.regs[3]);
        assertEquals(0xffffffff89abcdefL, cpu.regs[4]);
        assertEquals((byte) 0x89, byteAt(cpu, A + 0x1001));
    }

    /** A store to a read-only page faults at its instruction, after the stores before it landed. */
    @Test
    void aStoreToAReadOnlyPageFaultsAfterEarlierStores() {
        CompiledBlock code = compile(b -> {
            b.insnStart(0x1000, 4);
            b.store(b.get(1), b.get(3), 8);
            b.insnStart(0x1004, 4);
            b.store(b.get(2), b.get(3), 8);
            end(b, 0x1008);
        });
        Vcpu cpu = newCpu();
        cpu.regs[1] = A + 0x100;
        cpu.regs[2] = READ_ONLY;
        cpu.regs[3] = 42;
        MemoryFault fault = assertThrows(MemoryFault.class, () -> code.run(cpu));
        assertEquals(READ_ONLY, fault.address);
        assertEquals(0x1004, cpu.pc);
        assertEquals(42, byteAt(cpu, A + 0x100));
    }

    /** A page holding translated code is never cached for writes: every store reaches the listener. */
    @Test
    void storesToACodePageReachTheListener() {
        CompiledBlock code = compile(b -> {
            b.insnStart(0x1000, 4);
            b.store(b.get(1), b.get(3), 4);
            end(b, 0x1004);
        });
        Vcpu cpu = newCpu();
        List<Long> written = new ArrayList<>();
        cpu.memory.setCodeWriteListener(written::add);
        cpu.regs[1] = A + 0x10;
        cpu.regs[3] = 5;
        code.run(cpu);
        cpu.memory.markCode(A);        // the page now holds code
        code.run(cpu);
        assertEquals(List.of(A >>> GuestMemory.PAGE_BITS), written);
        assertTrue(MemoryEmitter.ENABLED || !dev.emu.engine.mem.PageAccess.FAST, "inline paths on where Unsafe works");
    }
}
