package dev.emu.engine.backend;

import dev.emu.engine.testing.RandomIrBlocks;
import dev.emu.engine.testing.TestHelpers;
import dev.emu.engine.cpu.IllegalInstruction;
import dev.emu.engine.cpu.Vcpu;
import dev.emu.engine.exec.CompiledBlock;
import dev.emu.engine.ir.Cond;
import dev.emu.engine.ir.ExitReason;
import dev.emu.engine.ir.IrBlock;
import dev.emu.engine.ir.IrBuilder;
import dev.emu.engine.mem.GuestMemory;
import dev.emu.engine.mem.MemoryFault;
import dev.emu.engine.mem.Protection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hand-built blocks: memory, exits, helper calls, register write-back, faults, diagnostics. */
class BytecodeBackendTest {
    private static final long DATA = 0x10000;      // two RW pages
    private static final long READ_ONLY = 0x12000; // one R page
    private static final long UNMAPPED = 0x40000;

    private final BytecodeBackend backend = new BytecodeBackend();

    private static Vcpu newCpu() {
        GuestMemory memory = new GuestMemory();
        memory.map(DATA, 0x2000, Protection.RW);
        memory.map(READ_ONLY, 0x1000, Protection.READ);
        return new Vcpu(0, 64, memory);
    }

    /** A block at 0x1000 whose instructions are 4 bytes apart; build emits them. */
    private CompiledBlock compile(Consumer<IrBuilder> build) {
        IrBlock block = new IrBlock(0x1000);
        build.accept(new IrBuilder(block));
        return backend.compile(block);
    }

    // ------------------------------------------------------------------ memory

    @Test
    void loadsSignOrZeroExtendEverySize() {
        Vcpu cpu = newCpu();
        byte[] bytes = {(byte) 0x81, (byte) 0x82, (byte) 0x83, (byte) 0x84, (byte) 0x85, (byte) 0x86, (byte) 0x87, (byte) 0x88};
        cpu.memory.write(DATA + 0xffc, bytes, 0, 8); // straddles the page boundary: the slow path
        cpu.memory.write(DATA + 0x10, bytes, 0, 8);
        int[] sizes = {1, 2, 4, 8};
        for (long base : new long[] {DATA + 0x10, DATA + 0xffc}) {
            CompiledBlock code = compile(b -> {
                b.insnStart(0x1000, 4);
                int addr = b.get(0);
                int slot = 1;
                for (int size : sizes) {
                    b.set(slot++, b.load(addr, size, false));
                    b.set(slot++, b.load(addr, size, true));
                }
                b.gotoPc(0x1004);
            });
            cpu.regs[0] = base;
            code.run(cpu);
            assertEquals(0x81L, cpu.regs[1]);
            assertEquals(0xffffffffffffff81L, cpu.regs[2]);
            assertEquals(0x8281L, cpu.regs[3]);
            assertEquals(0xffffffffffff8281L, cpu.regs[4]);
            assertEquals(0x84838281L, cpu.regs[5]);
            assertEquals(0xffffffff84838281L, cpu.regs[6]);
            assertEquals(0x8887868584838281L, cpu.regs[7]);
            assertEquals(0x8887868584838281L, cpu.regs[8]);
        }
    }

    @Test
    void storesWriteTheLowBytes() {
        Vcpu cpu = newCpu();
        CompiledBlock code = compile(b -> {
            b.insnStart(0x1000, 4);
            int v = b.constant(0x1122334455667788L);
            b.store(b.constant(DATA), v, 1);
            b.store(b.constant(DATA + 8), v, 2);
            b.store(b.constant(DATA + 16), v, 4);
            b.store(b.get(3), v, 8);
            b.gotoPc(0x1004);
        });
        cpu.regs[3] = DATA + 0xffd; // across the page boundary
        code.run(cpu);
        byte[] out = new byte[24];
        cpu.memory.read(DATA, out, 0, 24);
        assertArrayEquals(new byte[] {(byte) 0x88, 0, 0, 0, 0, 0, 0, 0, (byte) 0x88, 0x77, 0, 0, 0, 0, 0, 0,
            (byte) 0x88, 0x77, 0x66, 0x55, 0, 0, 0, 0}, out);
        assertEquals(0x1122334455667788L, GuestMemory.load64(cpu.memory, DATA + 0xffd));
    }

    // ------------------------------------------------------------------ exits

    /** Two EXIT_IFs and a GOTO, numbered 0, 1, 2; slots set before an exit are written back, later ones not. */
    @Test
    void directExitsAreNumberedInBlockOrder() {
        CompiledBlock code = compile(b -> {
            b.insnStart(0x1000, 4);
            int x = b.get(1);
            b.set(2, b.constant(20));
            b.exitIf(Cond.LTU, x, b.constant(10), 0x2000);
            b.insnStart(0x1004, 4);
            b.set(3, b.constant(30));
            b.exitIf(Cond.EQ, x, b.constant(50), 0x3000);
            b.insnStart(0x1008, 4);
            b.set(4, b.add(x, x));
            b.gotoPc(0x100c);
        });
        long[][] cases = {{5, 0, 0x2000, 20, 0, 0}, {50, 1, 0x3000, 20, 30, 0}, {-1, 2, 0x100c, 20, 30, -2}};
        for (long[] c : cases) {
            Vcpu cpu = newCpu();
            cpu.regs[1] = c[0];
            assertEquals((int) c[1], code.run(cpu));
            assertEquals(c[2], cpu.pc);
            assertEquals(c[3], cpu.regs[2]);
            assertEquals(c[4], cpu.regs[3]);
            assertEquals(c[5], cpu.regs[4]);
        }
    }

    @Test
    void indirectJumpAndExitReasons() {
        Vcpu cpu = newCpu();
        cpu.regs[7] = 0xdead_beefL;
        CompiledBlock indirect = compile(b -> {
            b.insnStart(0x1000, 4);
            b.gotoIndirect(b.and(b.get(7), b.constant(-2)));
        });
        assertEquals(CompiledBlock.INDIRECT, indirect.run(cpu));
        assertEquals(0xdead_beeeL, cpu.pc);
        for (ExitReason reason : ExitReason.values()) {
            CompiledBlock exit = compile(b -> {
                b.insnStart(0x1000, 4);
                b.set(5, b.constant(55));
                b.insnStart(0x1004, 4);
                b.exit(reason, 0x1004);
            });
            assertEquals(CompiledBlock.EXIT_BASE - reason.ordinal(), exit.run(cpu));
            assertEquals(0x1004, cpu.pc);
            assertEquals(55, cpu.regs[5]);
        }
    }

    @Test
    void blockWithoutAnExitIsRejected() {
        IrBlock block = new IrBlock(0x1000);
        new IrBuilder(block).insnStart(0x1000, 4);
        assertThrows(IllegalArgumentException.class, () -> backend.compile(block));
    }

    // ------------------------------------------------------------------ helpers and the register cache

    @Test
    void helpersSeeWrittenBackRegistersAndTheirWritesAreReloaded() {
        CompiledBlock code = compile(b -> {
            b.insnStart(0x1000, 4);
            int x = b.get(2);                  // read before the helper rewrites slot 2
            b.set(0, b.constant(7));
            b.set(3, b.add(x, b.constant(1)));
            b.set(4, b.call(TestHelpers.SUM_REGS)); // must see slots 0 and 3 as just set
            b.call(TestHelpers.SCRAMBLE, b.constant(2)); // regs[2] = regs[2] * 3 + 2
            b.set(5, b.get(2));                // the helper's value
            b.set(6, x);                       // the value from before the helper
            b.set(7, b.call(TestHelpers.MIX, x, b.get(3)));
            b.set(8, b.call(TestHelpers.ACCRUE, b.constant(0x25)));
            b.gotoPc(0x1004);
        });
        Vcpu cpu = newCpu();
        cpu.regs[2] = 100;
        code.run(cpu);
        long[] expect = new long[TestHelpers.SLOTS];
        expect[0] = 7;
        expect[2] = 100;
        expect[3] = 101;
        long sum = 0;
        for (long v : expect) {
            sum = sum * 1_000_003 + v;
        }
        assertEquals(sum, cpu.regs[4]);
        assertEquals(302, cpu.regs[2]);
        assertEquals(302, cpu.regs[5]);
        assertEquals(100, cpu.regs[6]);
        assertEquals(TestHelpers.mix(100, 101), cpu.regs[7]);
        assertEquals(0x26, cpu.regs[8]);
        assertEquals(5, cpu.fpFlags);
    }

    @Test
    void voidHelperAndUnusedResults() {
        CompiledBlock code = compile(b -> {
            b.insnStart(0x1000, 4);
            b.call(TestHelpers.NOTE, b.get(9));
            b.call(TestHelpers.MIX, b.constant(1), b.constant(2)); // result unused
            b.load(b.get(9), 8, false);                             // unused, still executed
            b.gotoPc(0x1004);
        });
        Vcpu cpu = newCpu();
        cpu.regs[9] = DATA;
        code.run(cpu);
        assertEquals(DATA, TestHelpers.noted);
        cpu.regs[9] = UNMAPPED;
        assertThrows(MemoryFault.class, () -> code.run(cpu));
    }

    @Test
    void helperOfAPrivateClassIsRejectedAtCompileTime() {
        var hidden = dev.emu.engine.ir.Helper.pure(Hidden.class, "f", 1);
        IrBlock block = new IrBlock(0x1000);
        IrBuilder b = new IrBuilder(block);
        b.insnStart(0x1000, 4);
        b.set(1, b.call(hidden, b.get(1)));
        b.gotoPc(0x1004);
        assertThrows(IllegalArgumentException.class, () -> backend.compile(block));
    }

    private static final class Hidden {
        @SuppressWarnings("unused")
        public static long f(long x) {
            return x;
        }
    }

    // ------------------------------------------------------------------ faults

    /** insn 0 sets slot 5; insn 1 loads from an unmapped address into slot 7: pc at insn 1, slot 5 stored, slot 7 kept. */
    @Test
    void loadFaultLeavesEarlierWritesAndThePcOfTheFaultingInstruction() {
        CompiledBlock code = compile(b -> {
            b.insnStart(0x1000, 4);
            b.set(5, b.constant(42));
            b.insnStart(0x1004, 4);
            b.set(7, b.load(b.get(6), 8, false));
            b.insnStart(0x1008, 4);
            b.set(8, b.constant(1));
            b.gotoPc(0x100c);
        });
        Vcpu cpu = newCpu();
        cpu.regs[6] = UNMAPPED + 8;
        cpu.regs[7] = -7;
        MemoryFault fault = assertThrows(MemoryFault.class, () -> code.run(cpu));
        assertEquals(UNMAPPED + 8, fault.address);
        assertEquals(0x1004, cpu.pc);
        assertEquals(42, cpu.regs[5]);
        assertEquals(-7, cpu.regs[7]);
        assertEquals(0, cpu.regs[8]);
    }

    @Test
    void storeFaultOnAReadOnlyPage() {
        CompiledBlock code = compile(b -> {
            b.insnStart(0x1000, 2);
            int a = b.get(10);
            b.set(10, b.add(a, b.constant(8)));
            b.insnStart(0x1002, 4);
            b.store(b.get(10), b.constant(1), 4);
            b.insnStart(0x1006, 4);
            b.set(11, b.constant(1));
            b.gotoPc(0x100a);
        });
        Vcpu cpu = newCpu();
        cpu.regs[10] = READ_ONLY;
        MemoryFault fault = assertThrows(MemoryFault.class, () -> code.run(cpu));
        assertEquals(MemoryFault.Kind.PROTECTION, fault.kind);
        assertTrue(fault.write);
        assertEquals(0x1002, cpu.pc);
        assertEquals(READ_ONLY + 8, cpu.regs[10]);
        assertEquals(0, cpu.regs[11]);
    }

    @Test
    void helperFaults() {
        CompiledBlock code = compile(b -> {
            b.insnStart(0x1000, 4);
            b.set(3, b.constant(33));
            b.insnStart(0x1004, 4);
            b.set(4, b.call(TestHelpers.CHECKED, b.get(2)));
            b.insnStart(0x1008, 4);
            b.set(3, b.constant(44));
            b.call(TestHelpers.WRITE_THEN_FAULT, b.get(2)); // writes slot 1, faults when v & 3 == 0
            b.set(6, b.constant(66));
            b.gotoPc(0x100c);
        });
        Vcpu cpu = newCpu();
        cpu.regs[2] = 8; // CHECKED faults
        assertThrows(IllegalInstruction.class, () -> code.run(cpu));
        assertEquals(0x1004, cpu.pc);
        assertEquals(33, cpu.regs[3]);
        assertEquals(0, cpu.regs[4]);

        Vcpu cpu2 = newCpu();
        cpu2.regs[2] = 4; // CHECKED passes, WRITE_THEN_FAULT writes slot 1 then faults
        cpu2.regs[1] = -1;
        assertThrows(IllegalInstruction.class, () -> code.run(cpu2));
        assertEquals(0x1008, cpu2.pc);
        assertEquals(4, cpu2.regs[1]);
        assertEquals(44, cpu2.regs[3]);
        assertEquals(4 ^ 0x5555, cpu2.regs[4]);
        assertEquals(0, cpu2.regs[6]);

        Vcpu cpu3 = newCpu();
        cpu3.regs[2] = 5;
        assertEquals(0, code.run(cpu3));
        assertEquals(5, cpu3.regs[1]);
        assertEquals(66, cpu3.regs[6]);
    }

    // ------------------------------------------------------------------ shape: many values, high slots, batches

    /** More temps and slots than one-byte local indices reach, and temps live across the whole block. */
    @Test
    void largeBlocksWithWideLocals() {
        CompiledBlock code = compile(b -> {
            int[] kept = new int[200];
            for (int i = 0; i < 200; i++) {
                b.insnStart(0x1000 + 4L * i, 4);
                kept[i] = b.add(b.get(i % 64), b.constant(i));
            }
            int sum = b.constant(0);
            for (int i = 199; i >= 0; i--) {
                sum = b.add(sum, kept[i]);
                b.set(i % 64, sum);
            }
            b.gotoPc(0x2000);
        });
        Vcpu cpu = newCpu();
        for (int i = 0; i < 64; i++) {
            cpu.regs[i] = 1000L * i;
        }
        long[] expect = new long[64];
        long sum = 0;
        for (int i = 199; i >= 0; i--) {
            sum += 1000L * (i % 64) + i;
            expect[i % 64] = sum;
        }
        code.run(cpu);
        assertArrayEquals(expect, cpu.regs);
    }

    @Test
    void batchOfBlocksInOneClass() {
        List<IrBlock> blocks = new java.util.ArrayList<>();
        for (int k = 0; k < 5; k++) {
            IrBlock block = new IrBlock(0x1000 + 0x100 * k);
            IrBuilder b = new IrBuilder(block);
            b.insnStart(block.startPc, 4);
            b.set(1, b.add(b.get(1), b.constant(k + 1)));
            b.insnStart(block.startPc + 4, 4);
            b.set(2, b.load(b.get(3), 8, false));
            b.gotoPc(block.startPc + 8);
            blocks.add(block);
        }
        List<CompiledBlock> code = backend.compileAll(blocks);
        assertEquals(5, code.size());
        assertEquals(1, code.stream().map(Object::getClass).distinct().count());
        for (int k = 0; k < 5; k++) {
            Vcpu cpu = newCpu();
            cpu.regs[3] = DATA;
            assertEquals(0, code.get(k).run(cpu));
            assertEquals(k + 1, cpu.regs[1]);
            assertEquals(0x1008 + 0x100 * k, cpu.pc);
            int fk = k;
            cpu.regs[3] = UNMAPPED;
            assertThrows(MemoryFault.class, () -> code.get(fk).run(cpu));
            assertEquals(0x1004 + 0x100 * k, cpu.pc);
            assertEquals(2L * (k + 1), cpu.regs[1]);
        }
    }

    // ------------------------------------------------------------------ diagnostics

    @Test
    void listingAndDump(@TempDir Path dir) throws Exception {
        BytecodeBackend dumping = new BytecodeBackend(dir);
        IrBlock block = new IrBlock(0x1234);
        IrBuilder b = new IrBuilder(block);
        b.insnStart(0x1234, 4);
        b.set(1, b.load(b.get(2), 4, true));
        b.gotoPc(0x1238);
        CompiledBlock code = dumping.compile(block);
        String text = dumping.describe(code);
        assertTrue(text.contains("INVOKESTATIC dev/emu/engine/mem/GuestMemory.load32"), text);
        assertTrue(text.contains("class dev/emu/engine/backend/Block_1234"), text);
        assertTrue(dumping.describe(backend.compile(block)).startsWith("(bytecode not kept"));
        try (var files = Files.list(dir)) {
            List<Path> dumped = files.toList();
            assertEquals(1, dumped.size());
            assertTrue(dumped.get(0).getFileName().toString().startsWith("Block_1234_"));
            assertEquals(text, BytecodeBackend.listing(Files.readAllBytes(dumped.get(0))));
        }
    }
}
