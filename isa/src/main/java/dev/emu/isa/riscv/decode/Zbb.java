package dev.emu.isa.riscv.decode;

import java.util.List;

/**
 * Zbb, basic bit manipulation, RV64 forms only: counts, min/max, sign and zero extension,
 * negated logic, rotates, {@code orc.b} and {@code rev8}. Rows are in objdump's order (the
 * unary ops, then the ones Zbkb shares: andn ... roriw), which matters only for the rotate
 * aliases: objdump names {@code rori}/{@code roriw} {@code ror}/{@code rorw} unless
 * {@code -M no-aliases}. Every row needs Zbb, so plain rv64gc prints these words as
 * {@code .4byte}.
 */
public final class Zbb implements EncodingTable {

    @Override
    public List<Encoding> encodings() {
        return new TableBuilder(Extension.ZBB)
                // unary ops: OP-IMM, funct7 0110000, funct3 001, the rs2 field selects the op
                .insn("clz", "0110000 00000 ..... 001 ..... 0010011", "rd,rs1")
                .insn("ctz", "0110000 00001 ..... 001 ..... 0010011", "rd,rs1")
                .insn("cpop", "0110000 00010 ..... 001 ..... 0010011", "rd,rs1")
                // OP, funct7 0000101 (shared with Zbc's clmul*): funct3 100..111
                .insn("min", "0000101 ..... ..... 100 ..... 0110011", "rd,rs1,rs2")
                .insn("max", "0000101 ..... ..... 110 ..... 0110011", "rd,rs1,rs2")
                .insn("minu", "0000101 ..... ..... 101 ..... 0110011", "rd,rs1,rs2")
                .insn("maxu", "0000101 ..... ..... 111 ..... 0110011", "rd,rs1,rs2")
                .insn("sext.b", "0110000 00100 ..... 001 ..... 0010011", "rd,rs1")
                .insn("sext.h", "0110000 00101 ..... 001 ..... 0010011", "rd,rs1")
                // on RV64 zext.h is Zbkb's packw with rs2 = zero; a real Zbb instruction, not
                // an alias, so -M no-aliases prints it too (packw itself needs Zbkb)
                .insn("zext.h", "0000100 00000 ..... 100 ..... 0111011", "rd,rs1")
                // OP-IMM funct3 101 with funct6 001010 and the fixed shamt 000111
                .insn("orc.b", "001010 000111 ..... 101 ..... 0010011", "rd,rs1")
                // word forms of the counts, OP-IMM-32
                .insn("clzw", "0110000 00000 ..... 001 ..... 0011011", "rd,rs1")
                .insn("ctzw", "0110000 00001 ..... 001 ..... 0011011", "rd,rs1")
                .insn("cpopw", "0110000 00010 ..... 001 ..... 0011011", "rd,rs1")
                // logic with an inverted operand: OP, funct7 0100000 beside sub and sra
                .insn("andn", "0100000 ..... ..... 111 ..... 0110011", "rd,rs1,rs2")
                .insn("orn", "0100000 ..... ..... 110 ..... 0110011", "rd,rs1,rs2")
                .insn("xnor", "0100000 ..... ..... 100 ..... 0110011", "rd,rs1,rs2")
                // rotates: funct7 0110000, left on funct3 001, right on 101
                .insn("rol", "0110000 ..... ..... 001 ..... 0110011", "rd,rs1,rs2")
                .insn("ror", "0110000 ..... ..... 101 ..... 0110011", "rd,rs1,rs2")
                .alias("ror", "011000 ...... ..... 101 ..... 0010011", "rd,rs1,shamt")
                .insn("rori", "011000 ...... ..... 101 ..... 0010011", "rd,rs1,shamt")
                // byte reverse: funct6 011010 with shamt 111000 (63 & ~7) for 64 bits
                .insn("rev8", "011010 111000 ..... 101 ..... 0010011", "rd,rs1")
                .insn("rolw", "0110000 ..... ..... 001 ..... 0111011", "rd,rs1,rs2")
                .insn("rorw", "0110000 ..... ..... 101 ..... 0111011", "rd,rs1,rs2")
                .alias("rorw", "0110000 ..... ..... 101 ..... 0011011", "rd,rs1,shamtw")
                .insn("roriw", "0110000 ..... ..... 101 ..... 0011011", "rd,rs1,shamtw")
                .build();
    }
}
