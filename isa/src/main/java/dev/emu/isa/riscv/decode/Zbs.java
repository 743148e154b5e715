package dev.emu.isa.riscv.decode;

import java.util.List;

/**
 * Zbs, single-bit clear/set/invert/extract, in register (OP) and immediate (OP-IMM, 6-bit
 * shamt on RV64) forms. objdump names each immediate form after its register form
 * ({@code bclr rd,rs1,0x5}) unless {@code -M no-aliases}, hence the alias row before each
 * {@code ...i} row. Every row needs Zbs, so plain rv64gc prints these words as {@code .4byte}.
 */
public final class Zbs implements EncodingTable {

    @Override
    public List<Encoding> encodings() {
        return new TableBuilder(Extension.ZBS)
                .insn("bclr", "0100100 ..... ..... 001 ..... 0110011", "rd,rs1,rs2")
                .alias("bclr", "010010 ...... ..... 001 ..... 0010011", "rd,rs1,shamt")
                .insn("bclri", "010010 ...... ..... 001 ..... 0010011", "rd,rs1,shamt")
                .insn("bset", "0010100 ..... ..... 001 ..... 0110011", "rd,rs1,rs2")
                .alias("bset", "001010 ...... ..... 001 ..... 0010011", "rd,rs1,shamt")
                .insn("bseti", "001010 ...... ..... 001 ..... 0010011", "rd,rs1,shamt")
                .insn("binv", "0110100 ..... ..... 001 ..... 0110011", "rd,rs1,rs2")
                .alias("binv", "011010 ...... ..... 001 ..... 0010011", "rd,rs1,shamt")
                .insn("binvi", "011010 ...... ..... 001 ..... 0010011", "rd,rs1,shamt")
                // bit extract shares funct7/funct6 with bclr but sits on funct3 101
                .insn("bext", "0100100 ..... ..... 101 ..... 0110011", "rd,rs1,rs2")
                .alias("bext", "010010 ...... ..... 101 ..... 0010011", "rd,rs1,shamt")
                .insn("bexti", "010010 ...... ..... 101 ..... 0010011", "rd,rs1,shamt")
                .build();
    }
}
