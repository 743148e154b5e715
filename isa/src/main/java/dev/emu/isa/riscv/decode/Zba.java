package dev.emu.isa.riscv.decode;

import java.util.List;

/**
 * Zba, address generation: shift-and-add ({@code shNadd}), their {@code .uw} forms that first
 * zero-extend the low word of rs1, {@code add.uw} and {@code slli.uw}. RV64 forms only. objdump
 * prints these only when the file's arch enables Zba; for plain rv64gc they stay {@code .4byte},
 * which the {@code requires(ZBA)} of every row gives for free.
 */
public final class Zba implements EncodingTable {

    @Override
    public List<Encoding> encodings() {
        return new TableBuilder(Extension.ZBA)
                // OP, funct7 0010000: funct3 picks the shift (1, 2, 3 -> 010, 100, 110)
                .insn("sh1add", "0010000 ..... ..... 010 ..... 0110011", "rd,rs1,rs2")
                .insn("sh2add", "0010000 ..... ..... 100 ..... 0110011", "rd,rs1,rs2")
                .insn("sh3add", "0010000 ..... ..... 110 ..... 0110011", "rd,rs1,rs2")
                // the same on OP-32, with rs1 zero-extended from 32 bits
                .insn("sh1add.uw", "0010000 ..... ..... 010 ..... 0111011", "rd,rs1,rs2")
                .insn("sh2add.uw", "0010000 ..... ..... 100 ..... 0111011", "rd,rs1,rs2")
                .insn("sh3add.uw", "0010000 ..... ..... 110 ..... 0111011", "rd,rs1,rs2")
                // add.uw with rs2 = zero is the zero-extension objdump names zext.w
                .alias("zext.w", "0000100 00000 ..... 000 ..... 0111011", "rd,rs1")
                .insn("add.uw", "0000100 ..... ..... 000 ..... 0111011", "rd,rs1,rs2")
                // OP-IMM-32 with a 6-bit shift amount, unlike slliw
                .insn("slli.uw", "000010 ...... ..... 001 ..... 0011011", "rd,rs1,shamt")
                .build();
    }
}
