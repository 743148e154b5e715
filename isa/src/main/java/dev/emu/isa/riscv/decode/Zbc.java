package dev.emu.isa.riscv.decode;

import java.util.List;

/**
 * Zbc, carry-less multiplication: low, high and reversed halves of the 128-bit carry-less
 * product. They share OP funct7 0000101 with Zbb's min/max (funct3 001..011 here). Every row
 * needs Zbc, so plain rv64gc prints these words as {@code .4byte}.
 */
public final class Zbc implements EncodingTable {

    @Override
    public List<Encoding> encodings() {
        return new TableBuilder(Extension.ZBC)
                .insn("clmul", "0000101 ..... ..... 001 ..... 0110011", "rd,rs1,rs2")
                .insn("clmulh", "0000101 ..... ..... 011 ..... 0110011", "rd,rs1,rs2")
                .insn("clmulr", "0000101 ..... ..... 010 ..... 0110011", "rd,rs1,rs2")
                .build();
    }
}
