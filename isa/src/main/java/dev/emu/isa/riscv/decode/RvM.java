package dev.emu.isa.riscv.decode;

import java.util.List;

/**
 * RV64M, integer multiply and divide: the OP and OP-32 opcodes with funct7 = 0000001. objdump
 * has no aliases for them, and no base row shares funct7 = 1, so the rows need no order.
 */
public final class RvM implements EncodingTable {

    @Override
    public List<Encoding> encodings() {
        return new TableBuilder(Extension.M)
                // 64-bit operations (funct7 rs2 rs1 funct3 rd opcode)
                .insn("mul", "0000001 ..... ..... 000 ..... 0110011", "rd,rs1,rs2")
                .insn("mulh", "0000001 ..... ..... 001 ..... 0110011", "rd,rs1,rs2")
                .insn("mulhu", "0000001 ..... ..... 011 ..... 0110011", "rd,rs1,rs2")
                .insn("mulhsu", "0000001 ..... ..... 010 ..... 0110011", "rd,rs1,rs2")
                .insn("div", "0000001 ..... ..... 100 ..... 0110011", "rd,rs1,rs2")
                .insn("divu", "0000001 ..... ..... 101 ..... 0110011", "rd,rs1,rs2")
                .insn("rem", "0000001 ..... ..... 110 ..... 0110011", "rd,rs1,rs2")
                .insn("remu", "0000001 ..... ..... 111 ..... 0110011", "rd,rs1,rs2")
                // RV64 word operations; there is no mulhw, so funct3 001..011 stay unassigned
                .insn("mulw", "0000001 ..... ..... 000 ..... 0111011", "rd,rs1,rs2")
                .insn("divw", "0000001 ..... ..... 100 ..... 0111011", "rd,rs1,rs2")
                .insn("divuw", "0000001 ..... ..... 101 ..... 0111011", "rd,rs1,rs2")
                .insn("remw", "0000001 ..... ..... 110 ..... 0111011", "rd,rs1,rs2")
                .insn("remuw", "0000001 ..... ..... 111 ..... 0111011", "rd,rs1,rs2")
                .build();
    }
}
