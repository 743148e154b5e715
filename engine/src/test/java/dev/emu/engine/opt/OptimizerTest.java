package dev.emu.engine.opt;

import dev.emu.engine.interp.IrInterpreter;
import dev.emu.engine.ir.IrBlock;
import dev.emu.engine.ir.IrBuilder;
import dev.emu.engine.ir.IrOp;
import dev.emu.engine.ir.Opcode;
import dev.emu.engine.testing.BlockOutcome;
import dev.emu.engine.testing.RandomIrBlocks;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The optimiser changes how a block computes, never what: checked on random blocks. */
class OptimizerTest {

    @Test
    void optimisedBlocksComputeTheSame() {
        SplittableRandom r = new SplittableRandom(42);
        int removed = 0;
        for (int n = 0; n < 20_000; n++) {
            long seed = r.nextLong();
            SplittableRandom g = new SplittableRandom(seed);
            IrBlock original = RandomIrBlocks.generate(g, 1 + g.nextInt(40));
            IrBlock optimised = copy(original);
            Optimizer.optimize(optimised);
            removed += original.ops.size() - optimised.ops.size();
            BlockOutcome expected = BlockOutcome.of(new IrInterpreter(original), seed);
            BlockOutcome actual = BlockOutcome.of(new IrInterpreter(optimised), seed);
            assertEquals(expected.toString(), actual.toString(), "block seed " + seed + "\n" + describe(original));
            assertEquals(expected, actual, "block seed " + seed);
        }
        System.out.println("optimiser: 20000 random blocks (memory, helpers, faults) agree; ops removed " + removed);
    }

    @Test
    void foldsConstantsAndForwardsRegisters() {
        IrBlock block = new IrBlock(0);
        IrBuilder b = new IrBuilder(block);
        b.insnStart(0, 4);
        int two = b.constant(2);
        int three = b.constant(3);
        b.set(5, b.add(two, three));
        int x = b.get(5);
        b.set(6, b.mul(x, x));
        b.set(5, b.constant(7));
        b.gotoPc(4);
        Optimizer.optimize(block);
        long consts = block.ops.stream().filter(o -> o.op == Opcode.CONST).count();
        long arithmetic = block.ops.stream().filter(o -> o.op == Opcode.ADD || o.op == Opcode.MUL || o.op == Opcode.GET).count();
        assertEquals(0, arithmetic, describe(block));
        // slot 5 := 5 is dead (overwritten by 7 with nothing in between that observes it)
        long sets = block.ops.stream().filter(o -> o.op == Opcode.SET).count();
        assertEquals(2, sets, describe(block));
        assertEquals(2, consts, describe(block));
    }

    private static String describe(IrBlock block) {
        return dev.emu.engine.ir.IrPrinter.print(block, i -> "r" + i);
    }

    static IrBlock copy(IrBlock src) {
        IrBlock dst = new IrBlock(src.startPc);
        dst.temps = src.temps;
        dst.guestInsns = src.guestInsns;
        dst.guestBytes = src.guestBytes;
        for (IrOp op : src.ops) {
            dst.ops.add(new IrOp(op.op, op.dst, Arrays.copyOf(op.args, op.args.length), op.imm, op.aux, op.helper));
        }
        return dst;
    }
}
