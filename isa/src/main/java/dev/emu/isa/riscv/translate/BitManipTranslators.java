package dev.emu.isa.riscv.translate;

import dev.emu.engine.ir.Cond;
import dev.emu.engine.ir.Helper;
import dev.emu.engine.ir.IrBuilder;

import static dev.emu.isa.riscv.decode.Fields.rd;
import static dev.emu.isa.riscv.decode.Fields.rs1;
import static dev.emu.isa.riscv.decode.Fields.rs2;
import static dev.emu.isa.riscv.decode.Fields.shamt5;
import static dev.emu.isa.riscv.decode.Fields.shamt6;
import static dev.emu.isa.riscv.translate.Generators.aluImm;
import static dev.emu.isa.riscv.translate.Generators.aluReg;
import static dev.emu.isa.riscv.translate.Generators.unary;

/**
 * Zba, Zbb, Zbc and Zbs. Operations a few IR ops express (shift-and-add, min/max, inverted
 * logic, single bits, extensions) are IR; counts, rotates, byte tricks and carry-less products
 * call {@link BitManipHelpers}.
 */
final class BitManipTranslators {
    private BitManipTranslators() {}

    static void addTo(TranslatorRegistry r) {
        // Zba
        for (int n = 1; n <= 3; n++) {
            int shift = n;
            r.add("sh" + n + "add", (c, w) -> aluReg(c, rd(w), rs1(w), rs2(w), (b, x, y) -> b.add(b.shl(x, b.constant(shift)), y)));
            r.add("sh" + n + "add.uw", (c, w) -> aluReg(c, rd(w), rs1(w), rs2(w), (b, x, y) -> b.add(b.shl(b.zext32(x), b.constant(shift)), y)));
        }
        r.add("add.uw", (c, w) -> aluReg(c, rd(w), rs1(w), rs2(w), (b, x, y) -> b.add(b.zext32(x), y)));
        r.add("slli.uw", (c, w) -> aluImm(c, rd(w), rs1(w), shamt6(w), (b, x, n) -> b.shl(b.zext32(x), n)));

        // Zbb
        r.add("andn", (c, w) -> aluReg(c, rd(w), rs1(w), rs2(w), (b, x, y) -> b.and(x, not(b, y))));
        r.add("orn", (c, w) -> aluReg(c, rd(w), rs1(w), rs2(w), (b, x, y) -> b.or(x, not(b, y))));
        r.add("xnor", (c, w) -> aluReg(c, rd(w), rs1(w), rs2(w), (b, x, y) -> not(b, b.xor(x, y))));
        r.add("min", (c, w) -> aluReg(c, rd(w), rs1(w), rs2(w), pick(Cond.LT)));
        r.add("minu", (c, w) -> aluReg(c, rd(w), rs1(w), rs2(w), pick(Cond.LTU)));
        r.add("max", (c, w) -> aluReg(c, rd(w), rs1(w), rs2(w), pick(Cond.GE)));
        r.add("maxu", (c, w) -> aluReg(c, rd(w), rs1(w), rs2(w), pick(Cond.GEU)));
        r.add("sext.b", (c, w) -> unary(c, rd(w), rs1(w), IrBuilder::sext8));
        r.add("sext.h", (c, w) -> unary(c, rd(w), rs1(w), IrBuilder::sext16));
        r.add("zext.h", (c, w) -> unary(c, rd(w), rs1(w), IrBuilder::zext16));
        for (String name : new String[] {"clz", "ctz", "cpop", "clzw", "ctzw", "cpopw", "orc.b", "rev8"}) {
            Helper h = helper(name, 1);
            r.add(name, (c, w) -> c.setRd(w, c.b.call(h, c.rs1(w))));
        }
        for (String name : new String[] {"rol", "ror", "rolw", "rorw", "clmul", "clmulh", "clmulr"}) {
            Helper h = helper(name, 2);
            r.add(name, (c, w) -> c.setRd(w, c.b.call(h, c.rs1(w), c.rs2(w))));
        }
        Helper ror = helper("ror", 2);
        Helper rorw = helper("rorw", 2);
        r.add("rori", (c, w) -> c.setRd(w, c.b.call(ror, c.rs1(w), c.constant(shamt6(w)))));
        r.add("roriw", (c, w) -> c.setRd(w, c.b.call(rorw, c.rs1(w), c.constant(shamt5(w)))));

        // Zbs: the bit index is the low 6 bits of rs2 or the shamt; the IR's shift masks it
        r.add("bclr", (c, w) -> aluReg(c, rd(w), rs1(w), rs2(w), (b, x, n) -> b.and(x, not(b, bit(b, n)))));
        r.add("bset", (c, w) -> aluReg(c, rd(w), rs1(w), rs2(w), (b, x, n) -> b.or(x, bit(b, n))));
        r.add("binv", (c, w) -> aluReg(c, rd(w), rs1(w), rs2(w), (b, x, n) -> b.xor(x, bit(b, n))));
        r.add("bext", (c, w) -> aluReg(c, rd(w), rs1(w), rs2(w), (b, x, n) -> b.and(b.shr(x, n), b.constant(1))));
        r.add("bclri", (c, w) -> aluImm(c, rd(w), rs1(w), ~(1L << shamt6(w)), IrBuilder::and));
        r.add("bseti", (c, w) -> aluImm(c, rd(w), rs1(w), 1L << shamt6(w), IrBuilder::or));
        r.add("binvi", (c, w) -> aluImm(c, rd(w), rs1(w), 1L << shamt6(w), IrBuilder::xor));
        r.add("bexti", (c, w) -> aluImm(c, rd(w), rs1(w), shamt6(w), (b, x, n) -> b.and(b.shr(x, n), b.constant(1))));
    }

    private static int not(IrBuilder b, int x) {
        return b.xor(x, b.constant(-1));
    }

    private static int bit(IrBuilder b, int n) {
        return b.shl(b.constant(1), n);
    }

    /** min/max: x when {@code x cond y}, else y. */
    private static Generators.BinaryOp pick(Cond cond) {
        return (b, x, y) -> b.select(b.setcc(cond, x, y), x, y);
    }

    /** A BitManipHelpers method: the mnemonic with dots as underscores. */
    private static Helper helper(String mnemonic, int arity) {
        return Helper.pure(BitManipHelpers.class, mnemonic.replace('.', '_'), arity);
    }
}
