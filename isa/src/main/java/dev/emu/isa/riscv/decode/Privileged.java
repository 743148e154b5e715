package dev.emu.isa.riscv.decode;

import java.util.List;

/**
 * The privileged instructions objdump decodes for plain RV64GC (it files them under the base
 * ISA): the trap returns, the address-translation fences and wfi, all on SYSTEM with
 * funct3 = 000 beside ecall/ebreak. Some are long gone from the specification (uret with the
 * N extension, hret, sfence.vm from privileged 1.9) but objdump still prints them.
 *
 * <p>emu runs user-mode programs only, and every one of these traps as an illegal instruction
 * in U-mode (wfi too: with S-mode present the specification lets U-mode wfi trap), so the rows reject
 * every word for execution while still naming it for the disassembler.
 * Fields: funct7 rs2 rs1 funct3 rd opcode.
 */
public final class Privileged implements EncodingTable {

    /** Execution condition of every row here: never legal in U-mode. */
    private static final Constraint NOT_IN_USER_MODE = w -> false;

    @Override
    public List<Encoding> encodings() {
        Constraint any = Constraint.NONE;
        Constraint legal = NOT_IN_USER_MODE;
        return new TableBuilder(Extension.I)
                // trap returns: funct7 names the privilege level, rs2 = 00010
                .insn("uret", "0000000 00010 00000 000 00000 1110011", "", any, legal)
                .insn("sret", "0001000 00010 00000 000 00000 1110011", "", any, legal)
                .insn("hret", "0010000 00010 00000 000 00000 1110011", "", any, legal)
                .insn("mret", "0011000 00010 00000 000 00000 1110011", "", any, legal)
                // debug-mode return, csr-like number 0x7b2
                .insn("dret", "0111101 10010 00000 000 00000 1110011", "", any, legal)
                // privileged 1.9 fence: both forms are real rows, so even -M no-aliases drops x0
                .insn("sfence.vm", "0001000 00100 00000 000 00000 1110011", "", any, legal)
                .insn("sfence.vm", "0001000 00100 ..... 000 00000 1110011", "rs1", any, legal)
                // the current fence: x0 operands are omitted only as aliases
                .alias("sfence.vma", "0001001 00000 00000 000 00000 1110011", "")
                .alias("sfence.vma", "0001001 00000 ..... 000 00000 1110011", "rs1")
                .insn("sfence.vma", "0001001 ..... ..... 000 00000 1110011", "rs1,rs2", any, legal)
                .insn("wfi", "0001000 00101 00000 000 00000 1110011", "", any, legal)
                .build();
    }
}
