package dev.emu.isa.riscv.translate;

import dev.emu.engine.ir.IrBuilder;

import static dev.emu.isa.riscv.decode.Fields.rd;
import static dev.emu.isa.riscv.decode.Fields.rs1;
import static dev.emu.isa.riscv.decode.Fields.rs2;
import static dev.emu.isa.riscv.translate.Generators.aluReg;
import static dev.emu.isa.riscv.translate.Generators.aluRegW;

/**
 * RV64M. The IR's division is total the way RISC-V's is (x/0 = all ones, x%0 = x, the
 * overflowing MIN/-1 gives MIN and 0), so the 64-bit forms map one to one. The word forms
 * divide the sign- or zero-extended low words in 64 bits, where nothing overflows: INT32_MIN/-1
 * is +2^31, whose low word sign-extends back to INT32_MIN as the specification wants, and
 * division by zero still gives all ones or the (extended) dividend.
 */
final class MulDivTranslators {
    private MulDivTranslators() {}

    static void addTo(TranslatorRegistry r) {
        r.add("mul", (c, w) -> aluReg(c, rd(w), rs1(w), rs2(w), IrBuilder::mul));
        r.add("mulh", (c, w) -> aluReg(c, rd(w), rs1(w), rs2(w), IrBuilder::mulh));
        r.add("mulhsu", (c, w) -> aluReg(c, rd(w), rs1(w), rs2(w), IrBuilder::mulhsu));
        r.add("mulhu", (c, w) -> aluReg(c, rd(w), rs1(w), rs2(w), IrBuilder::mulhu));
        r.add("div", (c, w) -> aluReg(c, rd(w), rs1(w), rs2(w), IrBuilder::div));
        r.add("divu", (c, w) -> aluReg(c, rd(w), rs1(w), rs2(w), IrBuilder::divu));
        r.add("rem", (c, w) -> aluReg(c, rd(w), rs1(w), rs2(w), IrBuilder::rem));
        r.add("remu", (c, w) -> aluReg(c, rd(w), rs1(w), rs2(w), IrBuilder::remu));

        r.add("mulw", (c, w) -> aluRegW(c, rd(w), rs1(w), rs2(w), IrBuilder::mul));
        r.add("divw", (c, w) -> aluRegW(c, rd(w), rs1(w), rs2(w), (b, x, y) -> b.div(b.sext32(x), b.sext32(y))));
        r.add("divuw", (c, w) -> aluRegW(c, rd(w), rs1(w), rs2(w), (b, x, y) -> b.divu(b.zext32(x), b.zext32(y))));
        r.add("remw", (c, w) -> aluRegW(c, rd(w), rs1(w), rs2(w), (b, x, y) -> b.rem(b.sext32(x), b.sext32(y))));
        r.add("remuw", (c, w) -> aluRegW(c, rd(w), rs1(w), rs2(w), (b, x, y) -> b.remu(b.zext32(x), b.zext32(y))));
    }
}
