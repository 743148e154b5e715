package dev.emu.isa.riscv.translate;

import dev.emu.engine.ir.Cond;
import dev.emu.engine.ir.IrBuilder;

import static dev.emu.isa.riscv.decode.Fields.immB;
import static dev.emu.isa.riscv.decode.Fields.immI;
import static dev.emu.isa.riscv.decode.Fields.immJ;
import static dev.emu.isa.riscv.decode.Fields.immS;
import static dev.emu.isa.riscv.decode.Fields.immU;
import static dev.emu.isa.riscv.decode.Fields.rd;
import static dev.emu.isa.riscv.decode.Fields.rs1;
import static dev.emu.isa.riscv.decode.Fields.rs2;
import static dev.emu.isa.riscv.decode.Fields.shamt5;
import static dev.emu.isa.riscv.decode.Fields.shamt6;
import static dev.emu.isa.riscv.translate.Generators.aluImm;
import static dev.emu.isa.riscv.translate.Generators.aluImmW;
import static dev.emu.isa.riscv.translate.Generators.aluReg;
import static dev.emu.isa.riscv.translate.Generators.aluRegW;
import static dev.emu.isa.riscv.translate.Generators.branch;
import static dev.emu.isa.riscv.translate.Generators.jump;
import static dev.emu.isa.riscv.translate.Generators.jumpRegister;
import static dev.emu.isa.riscv.translate.Generators.load;
import static dev.emu.isa.riscv.translate.Generators.setConstant;
import static dev.emu.isa.riscv.translate.Generators.setIf;
import static dev.emu.isa.riscv.translate.Generators.store;

/**
 * RV64I: the base integer instructions (ecall, ebreak and the fences are in
 * {@link SystemTranslators}). Shifts by register rely on the IR's own 6-bit masking of the
 * amount; the W forms mask to 5 bits and work on the low word.
 */
final class IntegerTranslators {
    private IntegerTranslators() {}

    static void addTo(TranslatorRegistry r) {
        r.add("lui", (c, w) -> setConstant(c, rd(w), immU(w)));
        r.add("auipc", (c, w) -> setConstant(c, rd(w), c.pc + immU(w)));
        r.add("jal", (c, w) -> jump(c, rd(w), immJ(w)));
        r.add("jalr", (c, w) -> jumpRegister(c, rd(w), rs1(w), immI(w)));

        r.add("beq", (c, w) -> branch(c, Cond.EQ, rs1(w), rs2(w), immB(w)));
        r.add("bne", (c, w) -> branch(c, Cond.NE, rs1(w), rs2(w), immB(w)));
        r.add("blt", (c, w) -> branch(c, Cond.LT, rs1(w), rs2(w), immB(w)));
        r.add("bge", (c, w) -> branch(c, Cond.GE, rs1(w), rs2(w), immB(w)));
        r.add("bltu", (c, w) -> branch(c, Cond.LTU, rs1(w), rs2(w), immB(w)));
        r.add("bgeu", (c, w) -> branch(c, Cond.GEU, rs1(w), rs2(w), immB(w)));

        r.add("lb", (c, w) -> load(c, rd(w), rs1(w), immI(w), 1, true));
        r.add("lh", (c, w) -> load(c, rd(w), rs1(w), immI(w), 2, true));
        r.add("lw", (c, w) -> load(c, rd(w), rs1(w), immI(w), 4, true));
        r.add("ld", (c, w) -> load(c, rd(w), rs1(w), immI(w), 8, true));
        r.add("lbu", (c, w) -> load(c, rd(w), rs1(w), immI(w), 1, false));
        r.add("lhu", (c, w) -> load(c, rd(w), rs1(w), immI(w), 2, false));
        r.add("lwu", (c, w) -> load(c, rd(w), rs1(w), immI(w), 4, false));
        r.add("sb", (c, w) -> store(c, rs2(w), rs1(w), immS(w), 1));
        r.add("sh", (c, w) -> store(c, rs2(w), rs1(w), immS(w), 2));
        r.add("sw", (c, w) -> store(c, rs2(w), rs1(w), immS(w), 4));
        r.add("sd", (c, w) -> store(c, rs2(w), rs1(w), immS(w), 8));

        r.add("addi", (c, w) -> aluImm(c, rd(w), rs1(w), immI(w), IrBuilder::add));
        r.add("slti", (c, w) -> aluImm(c, rd(w), rs1(w), immI(w), setIf(Cond.LT)));
        r.add("sltiu", (c, w) -> aluImm(c, rd(w), rs1(w), immI(w), setIf(Cond.LTU)));
        r.add("xori", (c, w) -> aluImm(c, rd(w), rs1(w), immI(w), IrBuilder::xor));
        r.add("ori", (c, w) -> aluImm(c, rd(w), rs1(w), immI(w), IrBuilder::or));
        r.add("andi", (c, w) -> aluImm(c, rd(w), rs1(w), immI(w), IrBuilder::and));
        r.add("slli", (c, w) -> aluImm(c, rd(w), rs1(w), shamt6(w), IrBuilder::shl));
        r.add("srli", (c, w) -> aluImm(c, rd(w), rs1(w), shamt6(w), IrBuilder::shr));
        r.add("srai", (c, w) -> aluImm(c, rd(w), rs1(w), shamt6(w), IrBuilder::sar));

        r.add("add", (c, w) -> aluReg(c, rd(w), rs1(w), rs2(w), IrBuilder::add));
        r.add("sub", (c, w) -> aluReg(c, rd(w), rs1(w), rs2(w), IrBuilder::sub));
        r.add("sll", (c, w) -> aluReg(c, rd(w), rs1(w), rs2(w), IrBuilder::shl));
        r.add("slt", (c, w) -> aluReg(c, rd(w), rs1(w), rs2(w), setIf(Cond.LT)));
        r.add("sltu", (c, w) -> aluReg(c, rd(w), rs1(w), rs2(w), setIf(Cond.LTU)));
        r.add("xor", (c, w) -> aluReg(c, rd(w), rs1(w), rs2(w), IrBuilder::xor));
        r.add("srl", (c, w) -> aluReg(c, rd(w), rs1(w), rs2(w), IrBuilder::shr));
        r.add("sra", (c, w) -> aluReg(c, rd(w), rs1(w), rs2(w), IrBuilder::sar));
        r.add("or", (c, w) -> aluReg(c, rd(w), rs1(w), rs2(w), IrBuilder::or));
        r.add("and", (c, w) -> aluReg(c, rd(w), rs1(w), rs2(w), IrBuilder::and));

        r.add("addiw", (c, w) -> aluImmW(c, rd(w), rs1(w), immI(w), IrBuilder::add));
        r.add("slliw", (c, w) -> aluImmW(c, rd(w), rs1(w), shamt5(w), Generators::shl32));
        r.add("srliw", (c, w) -> aluImmW(c, rd(w), rs1(w), shamt5(w), Generators::shr32));
        r.add("sraiw", (c, w) -> aluImmW(c, rd(w), rs1(w), shamt5(w), Generators::sar32));
        r.add("addw", (c, w) -> aluRegW(c, rd(w), rs1(w), rs2(w), IrBuilder::add));
        r.add("subw", (c, w) -> aluRegW(c, rd(w), rs1(w), rs2(w), IrBuilder::sub));
        r.add("sllw", (c, w) -> aluRegW(c, rd(w), rs1(w), rs2(w), Generators::shl32));
        r.add("srlw", (c, w) -> aluRegW(c, rd(w), rs1(w), rs2(w), Generators::shr32));
        r.add("sraw", (c, w) -> aluRegW(c, rd(w), rs1(w), rs2(w), Generators::sar32));
    }
}
