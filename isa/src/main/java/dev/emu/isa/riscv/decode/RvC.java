package dev.emu.isa.riscv.decode;

import java.util.List;

import static dev.emu.isa.riscv.decode.Extension.C;
import static dev.emu.isa.riscv.decode.Extension.D;

/**
 * The compressed (C) extension on RV64: every 16-bit encoding, with the names objdump prints for
 * it. Compressed words meet only this table, so its row order is the whole trial order for
 * 16-bit words, and it follows objdump's: first the aliases that print the expanded 32-bit name
 * ({@code ld}, {@code add}, {@code beqz}, ...), then the two D-and-C load/store aliases
 * ({@code fld}, {@code fsd}), then the canonical {@code c.*} rows, which are all
 * {@code -M no-aliases} sees and all the execution decoder sees.
 *
 * <p>Patterns are drawn the way the specification draws the compressed formats (CR: funct4 rd/rs1
 * rs2 op; CI: funct3 imm rd/rs1 imm op; CSS: funct3 imm rs2 op; CIW: funct3 imm rd' op;
 * CL/CS: funct3 imm rs1' imm rd'/rs2' op; CA: funct6 rd'/rs1' funct2 rs2' op; CB: funct3 offset
 * rs1' offset op; CJ: funct3 target op).
 *
 * <p>Things a reader might not expect, all of them what objdump 2.40 does:
 * <ul>
 *   <li>Immediate forms print under the register-form name: {@code c.addi} is
 *       {@code add a0,a0,1}, {@code c.andi} is {@code and}, {@code c.addiw} is {@code addw}, and
 *       the {@code addi}/{@code andi}/{@code addiw} spellings are never reached.</li>
 *   <li>HINT encodings (the spec's rd=0 or zero-immediate forms of c.li, c.lui, c.mv, c.add,
 *       c.addi, c.slli and the zero-shift c.srli/c.srai) have no expanded alias and print as
 *       {@code c.*}, e.g. {@code c.nop 5}, {@code c.li zero,3}, {@code c.slli64 ra}.</li>
 *   <li>Encodings the ISA reserves are mostly rejected by the match conditions and print as
 *       {@code .2byte}: c.addi4spn with a zero immediate, c.lui with a zero immediate, c.lwsp,
 *       c.ldsp and c.addiw with rd=0, c.jr with rs1=0. Two are printed anyway, and carry an
 *       execution-only {@code legal} condition here: c.addi16sp with a zero immediate, and the
 *       all-zero word (c.unimp), which the spec defines as illegal.</li>
 * </ul>
 * The RV32-only rows (c.jal, and c.flw/c.fsw with their stack forms) do not exist on RV64.
 */
public final class RvC implements EncodingTable {

    /** The spec reserves c.addi16sp with nzimm=0 (objdump still prints it). */
    private static final Constraint C_ADDI16SP_NONZERO = w -> Fields.cAddi16spImm(w) != 0;
    /** The all-zero halfword is defined to be an illegal instruction. */
    private static final Constraint NEVER = w -> false;

    @Override
    public List<Encoding> encodings() {
        return new TableBuilder(C)
                // ---- aliases printing the expanded name, in objdump's order ----
                .alias("unimp", "000 00000000 000 00", "")
                .alias("ebreak", "100 1 00000 00000 10", "")
                .alias("ret", "100 0 00001 00000 10", "")
                .alias("jr", "100 0 ..... 00000 10", "rd", Constraint.RD_NONZERO)
                .alias("jalr", "100 1 ..... 00000 10", "rd", Constraint.RD_NONZERO)
                .alias("j", "101 ........... 01", "cjtarget")
                .alias("nop", "000 0 00000 00000 01", "")
                .alias("lui", "011 . ..... ..... 01", "rd,chi20", Constraint.C_LUI_RD_NONZERO)
                .alias("li", "010 . ..... ..... 01", "rd,cimm", Constraint.RD_NONZERO)
                .alias("mv", "100 0 ..... ..... 10", "rd,crs2", Constraint.RD_AND_C_RS2_NONZERO)
                .alias("and", "100 0 11 ... 11 ... 01", "crs1p,crs1p,crs2p")
                .alias("and", "100 . 10 ... ..... 01", "crs1p,crs1p,cimm")
                .alias("beqz", "110 ... ... ..... 01", "crs1p,cbtarget")
                .alias("bnez", "111 ... ... ..... 01", "crs1p,cbtarget")
                .alias("add", "100 1 ..... ..... 10", "rd,crs1rd,crs2", Constraint.RD_AND_C_RS2_NONZERO)
                .alias("add", "000 . ..... ..... 01", "rd,crs1rd,cimm", Constraint.RD_NONZERO)
                .alias("add", "000 ........ ... 00", "crs2p,sp,caddi4spn", Constraint.C_ADDI4SPN_NONZERO)
                .alias("add", "011 . 00010 ..... 01", "sp,sp,caddi16sp")
                .alias("sll", "000 . ..... ..... 10", "rd,crs1rd,cshamt", Constraint.RD_AND_C_IMM_NONZERO)
                .alias("srl", "100 . 00 ... ..... 01", "crs1p,crs1p,cshamt", Constraint.C_IMM_NONZERO)
                .alias("sra", "100 . 01 ... ..... 01", "crs1p,crs1p,cshamt", Constraint.C_IMM_NONZERO)
                .alias("sub", "100 0 11 ... 00 ... 01", "crs1p,crs1p,crs2p")
                .alias("lw", "010 . ..... ..... 10", "rd,clwspofs(sp)", Constraint.RD_NONZERO)
                .alias("lw", "010 ... ... .. ... 00", "crs2p,clwofs(crs1p)")
                .alias("or", "100 0 11 ... 10 ... 01", "crs1p,crs1p,crs2p")
                .alias("sw", "110 ...... ..... 10", "crs2,cswspofs(sp)")
                .alias("sw", "110 ... ... .. ... 00", "crs2p,clwofs(crs1p)")
                .alias("xor", "100 0 11 ... 01 ... 01", "crs1p,crs1p,crs2p")
                .alias("ld", "011 . ..... ..... 10", "rd,cldspofs(sp)", Constraint.RD_NONZERO)
                .alias("ld", "011 ... ... .. ... 00", "crs2p,cldofs(crs1p)")
                .alias("sd", "111 ...... ..... 10", "crs2,csdspofs(sp)")
                .alias("sd", "111 ... ... .. ... 00", "crs2p,cldofs(crs1p)")
                .alias("sext.w", "001 0 ..... 00000 01", "rd,crs1rd", Constraint.RD_NONZERO)
                .alias("addw", "100 1 11 ... 01 ... 01", "crs1p,crs1p,crs2p")
                .alias("addw", "001 . ..... ..... 01", "rd,crs1rd,cimm", Constraint.RD_NONZERO)
                .alias("subw", "100 1 11 ... 00 ... 01", "crs1p,crs1p,crs2p")
                // objdump lists these with the D loads and stores, after all the base aliases
                .requires(D, C)
                .alias("fld", "001 . ..... ..... 10", "frd,cldspofs(sp)")
                .alias("fld", "001 ... ... .. ... 00", "cfrs2p,cldofs(crs1p)")
                .alias("fsd", "101 ...... ..... 10", "cfrs2,csdspofs(sp)")
                .alias("fsd", "101 ... ... .. ... 00", "cfrs2p,cldofs(crs1p)")

                // ---- the canonical instructions ----
                .requires(C)
                .insn("c.unimp", "000 00000000 000 00", "", Constraint.NONE, NEVER)
                .insn("c.ebreak", "100 1 00000 00000 10", "")
                .insn("c.jr", "100 0 ..... 00000 10", "rd", Constraint.RD_NONZERO)
                .insn("c.jalr", "100 1 ..... 00000 10", "rd", Constraint.RD_NONZERO)
                .insn("c.j", "101 ........... 01", "cjtarget")
                .insn("c.beqz", "110 ... ... ..... 01", "crs1p,cbtarget")
                .insn("c.bnez", "111 ... ... ..... 01", "crs1p,cbtarget")
                .insn("c.lwsp", "010 . ..... ..... 10", "rd,clwspofs(sp)", Constraint.RD_NONZERO)
                .insn("c.lw", "010 ... ... .. ... 00", "crs2p,clwofs(crs1p)")
                .insn("c.swsp", "110 ...... ..... 10", "crs2,cswspofs(sp)")
                .insn("c.sw", "110 ... ... .. ... 00", "crs2p,clwofs(crs1p)")
                // c.nop is only a printing name of c.addi with rd=0: -M no-aliases says c.addi zero,..
                .alias("c.nop", "000 0 00000 00000 01", "")
                .alias("c.nop", "000 . 00000 ..... 01", "cimm")
                // rd=0 is a HINT for c.mv, c.lui, c.li, c.add; rd=sp belongs to c.addi16sp
                .insn("c.mv", "100 0 ..... ..... 10", "rd,crs2", Constraint.C_RS2_NONZERO)
                .insn("c.lui", "011 . ..... ..... 01", "rd,chi20", Constraint.C_LUI)
                .insn("c.li", "010 . ..... ..... 01", "rd,cimm")
                .insn("c.addi4spn", "000 ........ ... 00", "crs2p,sp,caddi4spn", Constraint.C_ADDI4SPN_NONZERO)
                .insn("c.addi16sp", "011 . 00010 ..... 01", "sp,caddi16sp", Constraint.NONE, C_ADDI16SP_NONZERO)
                .insn("c.addi", "000 . ..... ..... 01", "rd,cimm")
                .insn("c.add", "100 1 ..... ..... 10", "rd,crs2", Constraint.C_RS2_NONZERO)
                .insn("c.sub", "100 0 11 ... 00 ... 01", "crs1p,crs2p")
                .insn("c.and", "100 0 11 ... 11 ... 01", "crs1p,crs2p")
                .insn("c.or", "100 0 11 ... 10 ... 01", "crs1p,crs2p")
                .insn("c.xor", "100 0 11 ... 01 ... 01", "crs1p,crs2p")
                // a zero shift is its own row (the RV128 shift by 64, a HINT on RV64)
                .insn("c.slli", "000 . ..... ..... 10", "rd,cshamt", Constraint.C_IMM_NONZERO)
                .insn("c.srli", "100 . 00 ... ..... 01", "crs1p,cshamt", Constraint.C_IMM_NONZERO)
                .insn("c.srai", "100 . 01 ... ..... 01", "crs1p,cshamt", Constraint.C_IMM_NONZERO)
                .insn("c.slli64", "000 0 ..... 00000 10", "rd")
                .insn("c.srli64", "100 0 00 ... 00000 01", "crs1p")
                .insn("c.srai64", "100 0 01 ... 00000 01", "crs1p")
                .insn("c.andi", "100 . 10 ... ..... 01", "crs1p,cimm")
                .insn("c.addiw", "001 . ..... ..... 01", "rd,cimm", Constraint.RD_NONZERO)
                .insn("c.addw", "100 1 11 ... 01 ... 01", "crs1p,crs2p")
                .insn("c.subw", "100 1 11 ... 00 ... 01", "crs1p,crs2p")
                .insn("c.ldsp", "011 . ..... ..... 10", "rd,cldspofs(sp)", Constraint.RD_NONZERO)
                .insn("c.ld", "011 ... ... .. ... 00", "crs2p,cldofs(crs1p)")
                .insn("c.sdsp", "111 ...... ..... 10", "crs2,csdspofs(sp)")
                .insn("c.sd", "111 ... ... .. ... 00", "crs2p,cldofs(crs1p)")
                .requires(D, C)
                .insn("c.fldsp", "001 . ..... ..... 10", "frd,cldspofs(sp)")
                .insn("c.fld", "001 ... ... .. ... 00", "cfrs2p,cldofs(crs1p)")
                .insn("c.fsdsp", "101 ...... ..... 10", "cfrs2,csdspofs(sp)")
                .insn("c.fsd", "101 ... ... .. ... 00", "cfrs2p,cldofs(crs1p)")
                .build();
    }
}
