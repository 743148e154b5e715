package dev.emu.isa.riscv.translate;

import dev.emu.engine.backend.BytecodeBackend;
import dev.emu.engine.cpu.Vcpu;
import dev.emu.engine.exec.ExecutionLoop;
import dev.emu.engine.exec.ExecutionOptions;
import dev.emu.engine.mem.GuestMemory;
import dev.emu.engine.mem.Protection;
import dev.emu.isa.riscv.decode.RiscvDecoder;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A small guest for execution tests: code at {@link #CODE}, a read-write data page at
 * {@link #DATA}, registers set by the test. {@link #run} appends an {@code ecall}, runs the
 * program through the engine's run loop (translator loop, optimiser, IR interpreter) until that
 * ecall, and checks that one instruction per block, and blocks compiled to bytecode, give the
 * same registers, memory and pc: every test also covers the optimiser's forwarding against
 * single-stepping, and the bytecode backend against the interpreter.
 */
final class Machine {
    static final long CODE = 0x10000;
    static final long DATA = 0x20000;
    static final int DATA_SIZE = GuestMemory.PAGE_SIZE;

    private static final RiscvFrontend FRONTEND = new RiscvFrontend();
    private static final int ECALL = 0x00000073;

    final long[] initialRegs = new long[TranslationContext.SLOTS];
    private final byte[] initialData = new byte[DATA_SIZE];
    private byte[] program = new byte[0];
    int initialFpFlags;
    int initialRoundingMode;

    GuestMemory memory;
    Vcpu cpu;

    /** Sets x[reg] (0-31) or, with {@link #f}, an f register before the run. */
    Machine x(int reg, long value) {
        initialRegs[reg] = value;
        return this;
    }

    Machine f(int reg, long bits) {
        initialRegs[TranslationContext.FPR_BASE + reg] = bits;
        return this;
    }

    Machine data(int offset, long value, int size) {
        for (int i = 0; i < size; i++) {
            initialData[offset + i] = (byte) (value >>> (8 * i));
        }
        return this;
    }

    /** Instructions from {@link Asm#asm}; compressed ones take two bytes. */
    Machine code(int... words) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(program);
        for (int w : words) {
            int len = RiscvDecoder.length(w & 0xffff);
            for (int i = 0; i < len; i++) {
                out.write(w >>> (8 * i));
            }
        }
        program = out.toByteArray();
        return this;
    }

    /** The address of the next instruction {@link #code} would add. */
    long here() {
        return CODE + program.length;
    }

    /** Runs to the closing ecall in blocks and single-stepped; returns this, left in block mode's end state. */
    Machine run() {
        Result stepped = runWith(1, false);
        Result compiled = runWith(ExecutionOptions.defaults().maxBlockInsns(), true);
        assertSame(stepped, compiled, "single-step vs compiled blocks");
        Result blocks = runWith(ExecutionOptions.defaults().maxBlockInsns(), false);
        assertSame(stepped, blocks, "single-step vs interpreted blocks");
        return this;
    }

    private static void assertSame(Result expected, Result actual, String what) {
        assertArrayEquals(expected.regs, actual.regs, "registers: " + what);
        assertArrayEquals(expected.data, actual.data, "data page: " + what);
        assertEquals(expected.pc, actual.pc, "pc: " + what);
    }

    /** Runs to the closing ecall in blocks only: for programs that read clocks or counters. */
    Machine runInBlocks() {
        runWith(ExecutionOptions.defaults().maxBlockInsns(), false);
        return this;
    }

    /**
     * Runs in blocks, compiled and interpreted, until the guest stops with a signal (or another
     * exception) before the closing ecall; both must stop the same way. Returns what stopped it.
     */
    RuntimeException runExpectingStop() {
        RuntimeException compiled = stop(true);
        RuntimeException interpreted = stop(false);
        assertEquals(compiled.getClass(), interpreted.getClass(), "compiled vs interpreted");
        assertEquals(compiled.getMessage(), interpreted.getMessage(), "compiled vs interpreted");
        return interpreted;
    }

    private RuntimeException stop(boolean compile) {
        try {
            runWith(ExecutionOptions.defaults().maxBlockInsns(), compile);
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("the program ran to its end");
    }

    private record Result(long[] regs, byte[] data, long pc) {}

    /** Thrown by the syscall handler at the closing ecall. */
    static final class End extends RuntimeException {
        End() {
            super(null, null, false, false);
        }
    }

    private static final BytecodeBackend BACKEND = new BytecodeBackend(null);

    /** Runs with blocks of up to maxBlockInsns, in the interpreter or compiled before their first run. */
    private Result runWith(int maxBlockInsns, boolean compile) {
        memory = new GuestMemory();
        memory.map(CODE, GuestMemory.PAGE_SIZE * 2L, Protection.RX);
        memory.map(DATA, DATA_SIZE, Protection.RW);
        byte[] code = Arrays.copyOf(program, program.length + 4);
        code[program.length] = (byte) ECALL;
        code[program.length + 1] = (byte) (ECALL >>> 8);
        memory.poke(CODE, code, 0, code.length);
        memory.poke(DATA, initialData, 0, DATA_SIZE);
        cpu = new Vcpu(0, FRONTEND.registerSlots(), memory);
        System.arraycopy(initialRegs, 0, cpu.regs, 0, initialRegs.length);
        cpu.fpFlags = initialFpFlags;
        cpu.fpRoundingMode = initialRoundingMode;
        cpu.pc = CODE;
        long end = CODE + program.length;
        ExecutionOptions options = ExecutionOptions.defaults().withMaxBlockInsns(maxBlockInsns)
                .withHotThreshold(compile ? 0 : Integer.MAX_VALUE).withLog(Set.of(), System.err);
        ExecutionLoop loop = new ExecutionLoop(FRONTEND, compile ? BACKEND : null, c -> {
            if (c.pc == end + 4) { // the run loop resumes after the ecall
                throw new End();
            }
            throw new AssertionError("unexpected ecall at 0x" + Long.toHexString(c.pc));
        }, options, memory);
        try {
            loop.run(cpu);
        } catch (End e) {
            // the closing ecall
        }
        byte[] data = new byte[DATA_SIZE];
        memory.read(DATA, data, 0, DATA_SIZE);
        return new Result(cpu.regs.clone(), data, cpu.pc);
    }

    long x(int reg) {
        return cpu.regs[reg];
    }

    long f(int reg) {
        return cpu.regs[TranslationContext.FPR_BASE + reg];
    }

    long load(long addr, int size) {
        long v = 0;
        byte[] b = new byte[size];
        memory.read(addr, b, 0, size);
        for (int i = 0; i < size; i++) {
            v |= (b[i] & 0xffL) << (8 * i);
        }
        return v;
    }
}
