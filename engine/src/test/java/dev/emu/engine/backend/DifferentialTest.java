package dev.emu.engine.backend;

import dev.emu.engine.testing.BlockOutcome;
import dev.emu.engine.testing.RandomIrBlocks;

import dev.emu.engine.exec.CompiledBlock;
import dev.emu.engine.interp.IrInterpreter;
import dev.emu.engine.ir.IrBlock;
import dev.emu.engine.ir.IrPrinter;
import dev.emu.engine.opt.Optimizer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
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
                        BlockOutcome expected = BlockOutcome.of(new IrInterpreter(pending.get(k)), stateSeed);
                        BlockOutcome actual = BlockOutcome.of(compiled.get(k), stateSeed);
                        if (!expected.equals(actual)) {
                            assertEquals(expected.toString(), actual.toString(), "block seed " + seeds.get(k)
                                    + ", state " + s + "\n" + IrPrinter.print(pending.get(k), i -> "r" + i));
                        }
                        faults += expected.exception().isEmpty() ? 0 : 1;
                        runs++;
                    }
                }
                pending.clear();
                seeds.clear();
            }
        }
        System.out.printf("backend: %d random runs agree with the interpreter, %d of them faulting%n", runs, faults);
    }

}
