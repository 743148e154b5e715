package dev.emu.isa.riscv.translate;

import dev.emu.engine.ir.Cond;
import dev.emu.engine.ir.ExitReason;
import dev.emu.engine.ir.IrBuilder;

import static dev.emu.isa.riscv.decode.Fields.cAddi16spImm;
import static dev.emu.isa.riscv.decode.Fields.cAddi4spnImm;
import static dev.emu.isa.riscv.decode.Fields.cBranchOffset;
import static dev.emu.isa.riscv.decode.Fields.cImm;
import static dev.emu.isa.riscv.decode.Fields.cJumpOffset;
import static dev.emu.isa.riscv.decode.Fields.cLdOffset;
import static dev.emu.isa.riscv.decode.Fields.cLdspOffset;
import static dev.emu.isa.riscv.decode.Fields.cLuiImm;
import static dev.emu.isa.riscv.decode.Fields.cLwOffset;
import static dev.emu.isa.riscv.decode.Fields.cLwspOffset;
import static dev.emu.isa.riscv.decode.Fields.cRs1Prime;
import static dev.emu.isa.riscv.decode.Fields.cRs2;
import static dev.emu.isa.riscv.decode.Fields.cRs2Prime;
import static dev.emu.isa.riscv.decode.Fields.cSdspOffset;
import static dev.emu.isa.riscv.decode.Fields.cSwspOffset;
import static dev.emu.isa.riscv.decode.Fields.rd;
import static dev.emu.isa.riscv.translate.Generators.aluImm;
import static dev.emu.isa.riscv.translate.Generators.aluImmW;
import static dev.emu.isa.riscv.translate.Generators.aluReg;
import static dev.emu.isa.riscv.translate.Generators.aluRegW;
import static dev.emu.isa.riscv.translate.Generators.branch;
import static dev.emu.isa.riscv.translate.Generators.jump;
import static dev.emu.isa.riscv.translate.Generators.jumpRegister;
import static dev.emu.isa.riscv.translate.Generators.load;
import static dev.emu.isa.riscv.translate.Generators.loadFloat;
import static dev.emu.isa.riscv.translate.Generators.move;
import static dev.emu.isa.riscv.translate.Generators.setConstant;
import static dev.emu.isa.riscv.translate.Generators.store;
import static dev.emu.isa.riscv.translate.Generators.storeFloat;

/**
 * The C extension on RV64: each compressed instruction is its 32-bit expansion, through the same
 * generators, with the compressed operand fields ({@code rd'} registers are x8-x15) and the
 * length 2 the context carries. The HINT encodings the decoder passes (rd = x0 forms, and the
 * shift-by-zero *64 rows) do nothing.
 */
final class CompressedTranslators {
    private CompressedTranslators() {}

    private static final int RA = 1;
    private static final int SP = 2;

    static void addTo(TranslatorRegistry r) {
        r.add("c.unimp", (c, w) -> c.b.exit(ExitReason.ILLEGAL_INSTRUCTION, c.pc));
        r.add("c.ebreak", (c, w) -> c.b.exit(ExitReason.BREAKPOINT, c.pc));

        r.add("c.j", (c, w) -> jump(c, 0, cJumpOffset(w)));
        r.add("c.jr", (c, w) -> jumpRegister(c, 0, rd(w), 0));
        r.add("c.jalr", (c, w) -> jumpRegister(c, RA, rd(w), 0));
        r.add("c.beqz", (c, w) -> branch(c, Cond.EQ, cRs1Prime(w), 0, cBranchOffset(w)));
        r.add("c.bnez", (c, w) -> branch(c, Cond.NE, cRs1Prime(w), 0, cBranchOffset(w)));

        r.add("c.lw", (c, w) -> load(c, cRs2Prime(w), cRs1Prime(w), cLwOffset(w), 4, true));
        r.add("c.ld", (c, w) -> load(c, cRs2Prime(w), cRs1Prime(w), cLdOffset(w), 8, true));
        r.add("c.fld", (c, w) -> loadFloat(c, cRs2Prime(w), cRs1Prime(w), cLdOffset(w), 8));
        r.add("c.sw", (c, w) -> store(c, cRs2Prime(w), cRs1Prime(w), cLwOffset(w), 4));
        r.add("c.sd", (c, w) -> store(c, cRs2Prime(w), cRs1Prime(w), cLdOffset(w), 8));
        r.add("c.fsd", (c, w) -> storeFloat(c, cRs2Prime(w), cRs1Prime(w), cLdOffset(w), 8));
        r.add("c.lwsp", (c, w) -> load(c, rd(w), SP, cLwspOffset(w), 4, true));
        r.add("c.ldsp", (c, w) -> load(c, rd(w), SP, cLdspOffset(w), 8, true));
        r.add("c.fldsp", (c, w) -> loadFloat(c, rd(w), SP, cLdspOffset(w), 8));
        r.add("c.swsp", (c, w) -> store(c, cRs2(w), SP, cSwspOffset(w), 4));
        r.add("c.sdsp", (c, w) -> store(c, cRs2(w), SP, cSdspOffset(w), 8));
        r.add("c.fsdsp", (c, w) -> storeFloat(c, cRs2(w), SP, cSdspOffset(w), 8));

        r.add("c.li", (c, w) -> setConstant(c, rd(w), cImm(w)));
        r.add("c.lui", (c, w) -> setConstant(c, rd(w), cLuiImm(w)));
        r.add("c.mv", (c, w) -> move(c, rd(w), cRs2(w)));
        r.add("c.addi", (c, w) -> aluImm(c, rd(w), rd(w), cImm(w), IrBuilder::add));
        r.add("c.addiw", (c, w) -> aluImmW(c, rd(w), rd(w), cImm(w), IrBuilder::add));
        r.add("c.addi16sp", (c, w) -> aluImm(c, SP, SP, cAddi16spImm(w), IrBuilder::add));
        r.add("c.addi4spn", (c, w) -> aluImm(c, cRs2Prime(w), SP, cAddi4spnImm(w), IrBuilder::add));
        r.add("c.andi", (c, w) -> aluImm(c, cRs1Prime(w), cRs1Prime(w), cImm(w), IrBuilder::and));
        r.add("c.slli", (c, w) -> aluImm(c, rd(w), rd(w), shamt(w), IrBuilder::shl));
        r.add("c.srli", (c, w) -> aluImm(c, cRs1Prime(w), cRs1Prime(w), shamt(w), IrBuilder::shr));
        r.add("c.srai", (c, w) -> aluImm(c, cRs1Prime(w), cRs1Prime(w), shamt(w), IrBuilder::sar));
        r.add("c.slli64", (c, w) -> { });
        r.add("c.srli64", (c, w) -> { });
        r.add("c.srai64", (c, w) -> { });

        r.add("c.add", (c, w) -> aluReg(c, rd(w), rd(w), cRs2(w), IrBuilder::add));
        r.add("c.sub", (c, w) -> aluReg(c, cRs1Prime(w), cRs1Prime(w), cRs2Prime(w), IrBuilder::sub));
        r.add("c.and", (c, w) -> aluReg(c, cRs1Prime(w), cRs1Prime(w), cRs2Prime(w), IrBuilder::and));
        r.add("c.or", (c, w) -> aluReg(c, cRs1Prime(w), cRs1Prime(w), cRs2Prime(w), IrBuilder::or));
        r.add("c.xor", (c, w) -> aluReg(c, cRs1Prime(w), cRs1Prime(w), cRs2Prime(w), IrBuilder::xor));
        r.add("c.addw", (c, w) -> aluRegW(c, cRs1Prime(w), cRs1Prime(w), cRs2Prime(w), IrBuilder::add));
        r.add("c.subw", (c, w) -> aluRegW(c, cRs1Prime(w), cRs1Prime(w), cRs2Prime(w), IrBuilder::sub));
    }

    /** The CI-format shift amount: the 6-bit immediate, unsigned. */
    private static int shamt(int w) {
        return cImm(w) & 0x3f;
    }
}
