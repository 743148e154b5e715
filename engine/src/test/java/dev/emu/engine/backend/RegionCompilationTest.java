package dev.emu.engine.backend;

import dev.emu.engine.cpu.Vcpu;
import dev.emu.engine.exec.CompiledBlock;
import dev.emu.engine.exec.CompiledRegion;
import dev.emu.engine.ir.Cond;
import dev.emu.engine.ir.ExitReason;
import dev.emu.engine.ir.Helper;
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
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Regions: several blocks in one method, direct exits between them as jumps. The loop region
 * is block LOOP (x1 += 1; x2 += x1; back to LOOP while x1 < x3) and block TAIL (store x2 at
 * [x4]; load x5 from [x6]; then out by one of several exits chosen by x7).
 */
public final class RegionCompilationTest {
    private static final long DATA = 0x10000;
    private static final long UNMAPPED = 0x40000;
    private static final long LOOP = 0x1000;
    private static final long TAIL = 0x1008;
    private static final Helper READ_INSTRET = Helper.withVcpu(RegionCompilationTest.class, "readInstret", 0);

    private final BytecodeBackend backend = new BytecodeBackend();

    public static long readInstret(Vcpu cpu) {
        return cpu.instret;
    }

    private static Vcpu newCpu() {
        GuestMemory memory = new GuestMemory();
        memory.map(DATA, 0x2000, Protection.RW);
        return new Vcpu(0, 64, memory);
    }

    private static IrBlock block(long pc, int insns, Consumer<IrBuilder> build) {
        IrBlock block = new IrBlock(pc);
        build.accept(new IrBuilder(block));
        block.guestInsns = insns;
        block.guestBytes = 4 * insns;
        return block;
    }

    private static IrBlock loop() {
        return block(LOOP, 2, b -> {
            b.insnStart(LOOP, 4);
            int x1 = b.add(b.get(1), b.constant(1));
            b.set(1, x1);
            b.insnStart(LOOP + 4, 4);
            b.set(2, b.add(b.get(2), b.get(1)));
            b.exitIf(Cond.LT, b.get(1), b.get(3), LOOP);
            b.gotoPc(TAIL);
        });
    }

    /** x7: 0 leaves for 0x2000, 1 for 0x3000, 2 through a computed jump to x8, 3 by a syscall exit. */
    private static IrBlock tail() {
        return block(TAIL, 4, b -> {
            b.insnStart(TAIL, 4);
            b.store(b.get(4), b.get(2), 8);
            b.insnStart(TAIL + 4, 4);
            b.set(5, b.load(b.get(6), 8, false));
            b.insnStart(TAIL + 8, 4);
            b.set(9, b.call(READ_INSTRET));
            b.exitIf(Cond.EQ, b.get(7), b.constant(1), 0x3000);
            b.exitIf(Cond.EQ, b.get(7), b.constant(2), TAIL + 12);
            b.exitIf(Cond.EQ, b.get(7), b.constant(0), 0x2000);
            b.insnStart(TAIL + 12, 4);
            b.exitIf(Cond.EQ, b.get(7), b.constant(2), 0x2000);
            b.exit(ExitReason.SYSCALL, TAIL + 16);
        });
    }

    private CompiledRegion loopRegion() {
        CompiledRegion region = backend.compileRegion(List.of(loop(), tail()));
        assertEquals(2, region.blocks());
        return region;
    }

    private static Vcpu loopState(long iterations, long tailChoice) {
        Vcpu cpu = newCpu();
        cpu.regs[3] = iterations;
        cpu.regs[4] = DATA + 0x100;
        cpu.regs[6] = DATA + 0x200;
        cpu.regs[7] = tailChoice;
        cpu.memory.write(DATA + 0x200, new byte[] {42, 0, 0, 0, 0, 0, 0, 0}, 0, 8);
        return cpu;
    }

    @Test
    void aLoopRunsInsideTheRegionAndLeavesThroughARegionExit() {
        CompiledRegion region = loopRegion();
        Vcpu cpu = loopState(1000, 0);
        cpu.instret = 5;
        int exit = region.code().run(cpu);
        assertEquals(0x2000, cpu.pc);
        assertEquals(1000, cpu.regs[1]);
        assertEquals(1000L * 1001 / 2, cpu.regs[2]);
        assertEquals(42, cpu.regs[5]);
        byte[] stored = new byte[8];
        cpu.memory.read(DATA + 0x100, stored, 0, 8);
        assertEquals(1000L * 1001 / 2, java.nio.ByteBuffer.wrap(stored).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong());
        // The helper sees every instruction before TAIL's; the region adds TAIL's three at the exit.
        assertEquals(5 + 2000, cpu.regs[9]);
        assertEquals(5 + 2000 + 3, cpu.instret);
        assertTrue(exit >= 0 && exit < region.exits());
    }

    /** entryAt(1) starts the same method at TAIL: the loop does not run, TAIL's three instructions do. */
    @Test
    void aRegionCanBeEnteredAtAnyOfItsBlocks() {
        CompiledRegion region = new BytecodeBackend(null, true).compileRegion(List.of(loop(), tail()));
        Vcpu atLoop = loopState(3, 0);
        Vcpu atTail = loopState(3, 0);
        int fromLoop = region.entryAt(0).run(atLoop);
        int fromTail = region.entryAt(1).run(atTail);
        assertEquals(fromLoop, fromTail, "same exit, numbered by target");
        assertEquals(0x2000, atTail.pc);
        assertEquals(0, atTail.regs[1], "the loop did not run");
        assertEquals(42, atTail.regs[5]);
        assertEquals(3, atTail.instret);
        assertEquals(3, atLoop.regs[1]);
        assertEquals(9, atLoop.instret);
        assertThrows(IllegalArgumentException.class, () -> region.entryAt(2));
        assertThrows(IllegalArgumentException.class, () -> loopRegion().entryAt(1), "single-entry by default");
    }

    @Test
    void exitsAreNumberedByTargetAndCountTheirInstructions() {
        CompiledRegion region = loopRegion();
        Vcpu toOther = loopState(3, 1);
        int other = region.code().run(toOther);
        assertEquals(0x3000, toOther.pc);
        assertEquals(9, toOther.instret);

        Vcpu toSame = loopState(3, 0);
        int same = region.code().run(toSame);
        assertEquals(0x2000, toSame.pc);
        assertTrue(same != other);
        // x7 = 2: jumps to the rest of TAIL (a new block boundary that is not in the region's list
        // as a block start, so a region exit), which the region leaves through.
        Vcpu rest = loopState(3, 2);
        int restExit = rest.pc == 0 ? region.code().run(rest) : -99;
        assertEquals(TAIL + 12, rest.pc);
        assertTrue(restExit >= 0 && restExit != same && restExit != other);
        assertEquals(4, region.exits(), "three distinct targets, and LOOP, where an interrupt leaves the loop");

        Vcpu sys = loopState(3, 3);
        assertEquals(CompiledBlock.EXIT_BASE - ExitReason.SYSCALL.ordinal(), region.code().run(sys));
        assertEquals(TAIL + 16, sys.pc);
        assertEquals(6 + 4, sys.instret, "LOOP three times, then all of TAIL");
    }

    @Test
    void aFaultInsideTheRegionReportsItsInstructionWithEveryRegisterWrittenBack() {
        CompiledRegion region = loopRegion();
        Vcpu cpu = loopState(10, 0);
        cpu.regs[6] = UNMAPPED;
        MemoryFault fault = assertThrows(MemoryFault.class, () -> region.code().run(cpu));
        assertEquals(UNMAPPED, fault.address);
        assertEquals(TAIL + 4, cpu.pc);
        assertEquals(10, cpu.regs[1]);
        assertEquals(55, cpu.regs[2]);
        assertEquals(0, cpu.regs[5]);
    }

    @Test
    void aSingleBlockRegionLoopsOnItself() {
        IrBlock self = block(LOOP, 2, b -> {
            b.insnStart(LOOP, 4);
            b.set(1, b.add(b.get(1), b.constant(1)));
            b.insnStart(LOOP + 4, 4);
            b.exitIf(Cond.LTU, b.get(1), b.get(3), LOOP);
            b.gotoPc(0x2000);
        });
        CompiledRegion region = backend.compileRegion(List.of(self));
        Vcpu cpu = newCpu();
        cpu.regs[3] = 77;
        int exit = region.code().run(cpu);
        assertTrue(exit >= 0 && exit < region.exits());
        assertEquals(77, cpu.regs[1]);
        assertEquals(0x2000, cpu.pc);
        assertEquals(154, cpu.instret);
    }

    /** An endless guest loop still gives the vCPU back when an interrupt (a signal) is requested. */
    @Test
    void anInterruptRequestLeavesAnEndlessLoopAtItsHead() throws Exception {
        IrBlock spin = block(LOOP, 2, b -> {
            b.insnStart(LOOP, 4);
            b.set(1, b.add(b.get(1), b.constant(1)));
            b.insnStart(LOOP + 4, 4);
            b.exitIf(Cond.NE, b.get(3), b.constant(0), LOOP);
            b.gotoPc(0x2000);
        });
        CompiledRegion region = backend.compileRegion(List.of(spin));
        Vcpu cpu = newCpu();
        cpu.regs[3] = 1; // never changes: the loop has no way out of its own
        cpu.requestInterrupt();
        int exit = region.code().run(cpu); // requested before it starts: one iteration, then out
        assertTrue(exit >= 0 && exit < region.exits());
        assertEquals(LOOP, cpu.pc);
        assertEquals(1, cpu.regs[1]);
        assertEquals(2, cpu.instret);
        cpu.clearInterrupt();
        java.util.concurrent.CompletableFuture<Integer> run = java.util.concurrent.CompletableFuture.supplyAsync(() -> region.code().run(cpu));
        Thread.sleep(200); // let it spin (compiled by now or not, it must still see the flag)
        cpu.requestInterrupt();
        assertEquals(exit, assertTimeoutPreemptively(java.time.Duration.ofSeconds(20), () -> run.get()));
        assertEquals(LOOP, cpu.pc);
        assertEquals(cpu.regs[1] * 2, cpu.instret);
    }

    /** CALL jumps to FUNCTION, which returns through x2 to the block after CALL, which loops. */
    private CompiledRegion callRegion() {
        IrBlock call = block(0x1000, 1, b -> {
            b.insnStart(0x1000, 4);
            b.gotoPc(0x2000);
        });
        IrBlock function = block(0x2000, 2, b -> {
            b.insnStart(0x2000, 4);
            b.set(1, b.add(b.get(1), b.constant(1)));
            b.insnStart(0x2004, 4);
            b.gotoIndirect(b.get(2));
        });
        IrBlock returnSite = block(0x1004, 1, b -> {
            b.insnStart(0x1004, 4);
            b.exitIf(Cond.LT, b.get(1), b.get(3), 0x1000);
            b.gotoPc(0x3000);
        });
        return backend.compileRegion(List.of(call, function, returnSite));
    }

    @Test
    void aComputedJumpToAReturnSiteStaysInTheRegion() {
        CompiledRegion region = callRegion();
        Vcpu cpu = newCpu();
        cpu.regs[2] = 0x1004;
        cpu.regs[3] = 50;
        int exit = region.code().run(cpu);
        assertTrue(exit >= 0 && exit < region.exits());
        assertEquals(0x3000, cpu.pc);
        assertEquals(50, cpu.regs[1]);
        assertEquals(200, cpu.instret);

        Vcpu elsewhere = newCpu();
        elsewhere.regs[2] = 0x5000;
        assertEquals(CompiledBlock.INDIRECT, region.code().run(elsewhere));
        assertEquals(0x5000, elsewhere.pc);
        assertEquals(1, elsewhere.regs[1]);
        assertEquals(3, elsewhere.instret);
    }

    @Test
    void aRegionTooBigForTheJitIsCutShort() {
        List<IrBlock> blocks = new ArrayList<>();
        for (int k = 0; k < 100; k++) {
            long pc = 0x1000 + 0x100L * k;
            blocks.add(block(pc, 20, b -> {
                for (int i = 0; i < 20; i++) {
                    b.insnStart(pc + 4L * i, 4);
                    b.set(1 + i % 8, b.add(b.get(1 + (i + 3) % 8), b.constant(0x123456789L * i)));
                }
                b.gotoPc(pc + 0x100);
            }));
        }
        CompiledRegion region = backend.compileRegion(blocks);
        assertTrue(region.blocks() < 100 && region.blocks() >= 1, "blocks " + region.blocks());
        assertTrue(region.codeBytes() <= BytecodeBackend.REGION_CODE_LIMIT, "bytes " + region.codeBytes());
        Vcpu cpu = newCpu();
        region.code().run(cpu);
        assertEquals(0x1000 + 0x100L * region.blocks(), cpu.pc);
        assertEquals(20L * region.blocks(), cpu.instret);
    }
}
