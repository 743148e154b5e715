package dev.emu.engine.opt;

import dev.emu.engine.ir.Cond;
import dev.emu.engine.ir.IrBlock;
import dev.emu.engine.ir.IrBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Random straight-line IR blocks over a few register slots, for differential tests of passes and tiers. */
final class RandomBlocks {
    static final int SLOTS = 8;
    private static final long[] INTERESTING = {0, 1, -1, 2, 63, 64, Long.MIN_VALUE, Long.MAX_VALUE,
        Integer.MIN_VALUE, Integer.MAX_VALUE, 0xffffffffL, 0x80000000L, 0xff, 0x8000};

    private RandomBlocks() {}

    static IrBlock generate(SplittableRandom r, int length) {
        IrBlock block = new IrBlock(0x1000);
        IrBuilder b = new IrBuilder(block);
        List<Integer> values = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            b.insnStart(0x1000 + 4L * i, 4);
            int kind = r.nextInt(10);
            if (values.size() < 2 || kind == 0) {
                values.add(r.nextBoolean() ? b.get(r.nextInt(SLOTS)) : b.constant(pick(r)));
                continue;
            }
            int x = values.get(r.nextInt(values.size()));
            int y = values.get(r.nextInt(values.size()));
            int v = switch (r.nextInt(24)) {
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
                case 22 -> b.select(x, y, values.get(r.nextInt(values.size())));
                default -> b.zext8(x);
            };
            values.add(v);
            if (r.nextInt(3) == 0) {
                b.set(r.nextInt(SLOTS), v);
            }
            if (r.nextInt(12) == 0) {
                b.exitIf(Cond.values()[r.nextInt(6)], v, values.get(r.nextInt(values.size())), 0x2000 + i);
            }
        }
        if (r.nextBoolean()) {
            b.gotoPc(0x3000);
        } else {
            b.gotoIndirect(values.get(r.nextInt(values.size())));
        }
        return block;
    }

    static long pick(SplittableRandom r) {
        return r.nextBoolean() ? INTERESTING[r.nextInt(INTERESTING.length)] : r.nextLong();
    }
}
