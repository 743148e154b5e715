package dev.emu.isa.riscv.decode;

import java.util.List;

/**
 * Zicsr, the CSR access instructions, with the short forms objdump prints when rd or rs1 is
 * x0: {@code csrr} (read only), {@code csrw}/{@code csrs}/{@code csrc} (write only, register
 * or immediate source) and the register-named forms of the immediate instructions.
 *
 * <p>These rows share SYSTEM with the base table's {@code unimp} and counter reads and with
 * F's {@code frflags} family; those tables come first (see {@link RiscvEncodings}), so the
 * rows here only see what they left. The {@code csrwi}/{@code csrsi}/{@code csrci} aliases
 * are left out: the immediate {@code csrw}/{@code csrs}/{@code csrc} rows before them claim
 * every word they would match. Fields: csr rs1/uimm funct3 rd opcode.
 */
public final class Zicsr implements EncodingTable {

    @Override
    public List<Encoding> encodings() {
        return new TableBuilder(Extension.ZICSR)
                // x0 as rs1 (or uimm 0) of csrrs: a plain read
                .alias("csrr", "............ 00000 010 ..... 1110011", "rd,csr")
                // x0 as rd: the old value is dropped
                .alias("csrw", "............ ..... 001 00000 1110011", "csr,rs1")
                .alias("csrw", "............ ..... 101 00000 1110011", "csr,uimm")
                .alias("csrs", "............ ..... 010 00000 1110011", "csr,rs1")
                .alias("csrs", "............ ..... 110 00000 1110011", "csr,uimm")
                .alias("csrc", "............ ..... 011 00000 1110011", "csr,rs1")
                .alias("csrc", "............ ..... 111 00000 1110011", "csr,uimm")
                // the full forms; objdump names the immediate ones after the register ones
                .insn("csrrw", "............ ..... 001 ..... 1110011", "rd,csr,rs1")
                .alias("csrrw", "............ ..... 101 ..... 1110011", "rd,csr,uimm")
                .insn("csrrwi", "............ ..... 101 ..... 1110011", "rd,csr,uimm")
                .insn("csrrs", "............ ..... 010 ..... 1110011", "rd,csr,rs1")
                .alias("csrrs", "............ ..... 110 ..... 1110011", "rd,csr,uimm")
                .insn("csrrsi", "............ ..... 110 ..... 1110011", "rd,csr,uimm")
                .insn("csrrc", "............ ..... 011 ..... 1110011", "rd,csr,rs1")
                .alias("csrrc", "............ ..... 111 ..... 1110011", "rd,csr,uimm")
                .insn("csrrci", "............ ..... 111 ..... 1110011", "rd,csr,uimm")
                .build();
    }
}
