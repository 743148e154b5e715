package dev.emu.engine.testing;

import dev.emu.engine.ir.Cond;
import dev.emu.engine.ir.ExitReason;
import dev.emu.engine.ir.Helper;
import dev.emu.engine.ir.IrBlock;
import dev.emu.engine.ir.IrBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random blocks using every op kind: arithmetic on interesting values, loads and stores (some to
 * unmapped or read-only pages, some across a page boundary), every kind of helper, register
 * reads after writes, early exits, and each way of ending a block.
 */
public final class RandomIrBlocks {
    public static final int SLOTS = TestHelpers.SLOTS;
    public static final long DATA = 0x10000;      // two RW pages
    public static final long READ_ONLY = 0x12000; // one R page
    public static final long UNMAPPED = 0x40000;
    private static final long[] INTERESTING = {0, 1, -1, 2, 63, 64, Long.MIN_VALUE, Long.MAX_VALUE,
        Integer.MIN_VALUE, Integer.MAX_VALUE, 0xffffffffL, 0x80000000L, 0xff, 0x8000};
    private static final Helper[] HELPERS = {TestHelpers.MIX, TestHelpers.ACCRUE, TestHelpers.SUM_REGS,
        TestHelpers.SCRAMBLE, TestHelpers.CHECKED, TestHelpers.WRITE_THEN_FAULT};

    private RandomIrBlocks() {}

    public static IrBlock generate(SplittableRandom r, int length) {
        long pc = 0x1000;
        IrBlock block = new IrBlock(pc);
        IrBuilder b = new IrBuilder(block);
        List<Integer> values = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            int size = r.nextInt(4) == 0 ? 2 : 4;
            b.insnStart(pc, size);
            block.guestInsns++;
            block.guestBytes += size;
            int ops = 1 + r.nextInt(4);
            for (int k = 0; k < ops; k++) {
                step(r, b, values);
            }
            if (values.size() > 1 && r.nextInt(10) == 0) {
                b.exitIf(Cond.values()[r.nextInt(6)], pick(r, values), pick(r, values), 0x2000 + 4L * i);
            }
            pc += size;
        }
        switch (r.nextInt(values.isEmpty() ? 2 : 3)) {
            case 0 -> b.gotoPc(pc);
            case 1 -> b.exit(ExitReason.values()[r.nextInt(ExitReason.values().length)], pc - 4);
            default -> b.gotoIndirect(pick(r, values));
        }
        return block;
    }

    private static void step(SplittableRandom r, IrBuilder b, List<Integer> values) {
        int kind = r.nextInt(20);
        if (values.size() < 2 || kind < 3) {
            values.add(r.nextBoolean() ? b.get(r.nextInt(SLOTS)) : b.constant(interesting(r)));
            return;
        }
        int x = pick(r, values);
        int y = pick(r, values);
        int v = switch (kind) {
            case 3, 4 -> b.load(address(r, b, x, false), 1 << r.nextInt(4), r.nextBoolean());
            case 5 -> {
                b.store(address(r, b, x, true), y, 1 << r.nextInt(4));
                yield -1;
            }
            case 6 -> call(r, b, values);
            default -> arithmetic(r, b, x, y, pick(r, values));
        };
        if (v >= 0) {
            values.add(v);
            if (r.nextInt(3) == 0) {
                b.set(r.nextInt(SLOTS), v);
            }
        }
    }

    private static int arithmetic(SplittableRandom r, IrBuilder b, int x, int y, int z) {
        return switch (r.nextInt(24)) {
            case 0 -> b.add(x, y);
            case 1 -> b.sub(x, y);
            case 2 -> b.mul(x, y);
            case 3 -> b.mulh(x, y);
            case 4 -> b.mulhu(x, y);
            case 5 -> b.mulhsu(x, y);
            case 6 -> b.div(x, y);
            case 7 -> b.divu(x, y);
            case 8 -> b.rem(x, y);
            case 9 -> b.remu(x, y);
            case 10 -> b.and(x, y);
            case 11 -> b.or(x, y);
            case 12 -> b.xor(x, y);
            case 13 -> b.shl(x, y);
            case 14 -> b.shr(x, y);
            case 15 -> b.sar(x, y);
            case 16 -> b.sext8(x);
            case 17 -> b.sext16(x);
            case 18 -> b.sext32(x);
            case 19 -> b.zext32(x);
            case 20 -> b.zext16(x);
            case 21 -> b.setcc(Cond.values()[r.nextInt(6)], x, y);
            case 22 -> b.select(x, y, z);
            default -> b.zext8(x);
        };
    }

    /** Mostly inside the data pages (from a value, masked), sometimes where the access faults. */
    private static int address(SplittableRandom r, IrBuilder b, int value, boolean store) {
        int roll = r.nextInt(40);
        if (roll == 0) {
            return b.constant(UNMAPPED + r.nextInt(64));
        }
        if (roll == 1) {
            return b.constant(READ_ONLY + r.nextInt(64)); // a store faults
        }
        if (roll == 2) {
            return b.constant(DATA + 0x1000 - 1 - r.nextInt(7)); // straddles the page boundary
        }
        int masked = b.and(value, b.constant(0x1ff7));
        return b.add(masked, b.constant(store ? DATA : (r.nextBoolean() ? DATA : READ_ONLY - 0x1000)));
    }

    private static int call(SplittableRandom r, IrBuilder b, List<Integer> values) {
        Helper h = HELPERS[r.nextInt(HELPERS.length)];
        int[] args = new int[h.arity()];
        for (int k = 0; k < args.length; k++) {
            args[k] = pick(r, values);
        }
        return b.call(h, args);
    }

    private static int pick(SplittableRandom r, List<Integer> values) {
        // Favour recent values, as real code does.
        int n = values.size();
        return values.get(r.nextBoolean() ? n - 1 - r.nextInt(Math.min(n, 4)) : r.nextInt(n));
    }

    public static long interesting(SplittableRandom r) {
        return r.nextBoolean() ? INTERESTING[r.nextInt(INTERESTING.length)] : r.nextLong();
    }
}
