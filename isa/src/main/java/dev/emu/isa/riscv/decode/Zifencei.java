package dev.emu.isa.riscv.decode;

import java.util.List;

/**
 * Zifencei: the instruction-fetch fence. Every field is fixed, as objdump matches it; a
 * MISC-MEM word with funct3 = 001 and any other bit set prints as {@code .4byte}.
 */
public final class Zifencei implements EncodingTable {

    @Override
    public List<Encoding> encodings() {
        return new TableBuilder(Extension.ZIFENCEI)
                // imm rs1 funct3 rd opcode
                .insn("fence.i", "000000000000 00000 001 00000 0001111", "")
                .build();
    }
}
