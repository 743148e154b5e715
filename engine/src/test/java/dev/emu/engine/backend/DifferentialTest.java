package dev.emu.engine.backend;

import dev.emu.engine.cpu.Vcpu;
import dev.emu.engine.exec.CompiledBlock;
import dev.emu.engine.interp.IrInterpreter;
import dev.emu.engine.ir.IrBlock;
import dev.emu.engine.ir.IrPrinter;
import dev.emu.engine.mem.GuestMemory;
import dev.emu.engine.mem.Protection;
import dev.emu.engine.opt.Optimizer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Random blocks run by the IR interpreter and by their compiled class from the same state must
 * end in the same state: exit (or exception), pc, every register slot, FP flags, memory. Half
 * the blocks are optimised first, as the run loop does; some are compiled in batches.
 */
class DifferentialTest {
    private static final int BLOCKS = 4000;
    private static final int STATES = 3;

    private final BytecodeBackend backend = new BytecodeBackend();

    @Test
    void compiledBlocksAgreeWithTheInterpreter() {
        SplittableRandom r = new SplittableRandom(2024);
        int faults = 0;
        int runs = 0;
        List<IrBlock> pending = new ArrayList<>();
        List<Long> seeds = new ArrayList<>();
        for (int n = 0; n < BLOCKS; n++) {
            long seed = r.nextLong();
            SplittableRandom g = new SplittableRandom(seed);
            IrBlock block = RandomIrBlocks.generate(g, 1 + g.nextInt(30));
            if (g.nextBoolean()) {
                Optimizer.optimize(block);
            }
            pending.add(block);
            seeds.add(seed);
            // Every fourth group of blocks goes through the batch path.
            if (pending.size() == 8 || n == BLOCKS - 1) {
                List<CompiledBlock> compiled = (n / 8) % 4 == 0 ? backend.compileAll(pending)
                        : pending.stream().map(backend::compile).toList();
                for (int k = 0; k < pending.size(); k++) {
                    for (int s = 0; s < STATES; s++) {
                        long stateSeed = seeds.get(k) * 31 + s;
                        Outcome expected = Outcome.of(new IrInterpreter(pending.get(k)), stateSeed);
                        Outcome actual = Outcome.of(compiled.get(k), stateSeed);
                        if (!expected.equals(actual)) {
                            assertEquals(expected.toString(), actual.toString(), "block seed " + seeds.get(k)
                                    + ", state " + s + "\n" + IrPrinter.print(pending.get(k), i -> "r" + i));
                        }
                        faults += expected.exception.isEmpty() ? 0 : 1;
                        runs++;
                    }
                }
                pending.clear();
                seeds.clear();
            }
        }
        System.out.printf("backend: %d random runs agree with the interpreter, %d of them faulting%n", runs, faults);
    }

    /** Everything a block run can change. */
    record Outcome(int exit, String exception, long pc, long[] regs, int fpFlags, byte[] memory) {
        /**
         * One address space for every run (a new one costs about a megabyte): each run fills the
         * writable pages first; the read-only page never changes.
         */
        private static final GuestMemory MEMORY = new GuestMemory();
        private static final int WRITABLE = 0x2000;

        static {
            MEMORY.map(RandomIrBlocks.DATA, WRITABLE, Protection.RW);
            MEMORY.map(RandomIrBlocks.READ_ONLY, 0x1000, Protection.READ);
            byte[] fixed = new byte[0x1000];
            new SplittableRandom(99).nextBytes(fixed);
            MEMORY.poke(RandomIrBlocks.READ_ONLY, fixed, 0, fixed.length);
        }

        static Outcome of(CompiledBlock code, long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            GuestMemory memory = MEMORY;
            byte[] init = new byte[WRITABLE];
            r.nextBytes(init);
            memory.write(RandomIrBlocks.DATA, init, 0, init.length);
            Vcpu cpu = new Vcpu(0, RandomIrBlocks.SLOTS, memory);
            for (int i = 0; i < cpu.regs.length; i++) {
                cpu.regs[i] = RandomIrBlocks.interesting(r);
            }
            cpu.pc = 0x1000;
            int exit = Integer.MIN_VALUE;
            String exception = "";
            try {
                exit = code.run(cpu);
            } catch (RuntimeException e) {
                exception = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            byte[] after = new byte[init.length];
            memory.read(RandomIrBlocks.DATA, after, 0, after.length);
            return new Outcome(exit, exception, cpu.pc, cpu.regs, cpu.fpFlags, after);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Outcome x && exit == x.exit && exception.equals(x.exception) && pc == x.pc
                    && Arrays.equals(regs, x.regs) && fpFlags == x.fpFlags && Arrays.equals(memory, x.memory);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(regs);
        }

        @Override
        public String toString() {
            return "exit " + exit + " " + exception + " pc 0x" + Long.toHexString(pc) + " fflags " + fpFlags
                    + "\nregs " + Arrays.toString(regs) + "\nmemory hash " + Arrays.hashCode(memory);
        }
    }
}
