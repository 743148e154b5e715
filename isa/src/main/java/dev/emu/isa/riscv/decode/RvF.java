package dev.emu.isa.riscv.decode;

import java.util.List;

import static dev.emu.isa.riscv.decode.Extension.F;
import static dev.emu.isa.riscv.decode.Extension.ZICSR;

/**
 * RV64F, single-precision floating point, with the names objdump prints for it: the
 * {@code frflags} family of CSR aliases, the sign-injection aliases and the RV64-only
 * conversions. Row order follows objdump's, because the first matching row names the word.
 *
 * <p>Every instruction with a rounding-mode field has two rows: one with rm pinned to 111
 * (dynamic) and no rm operand, which objdump prints for the common case, then one with the
 * field open and an {@code rm} operand for the static modes. The reserved modes 5 and 6 print
 * as {@code unknown} and are rejected for execution because the syntax ends in {@code ,rm}.
 *
 * <p>Formats, most significant bit first: R is funct7 rs2 rs1 rm rd opcode; R4 (fused
 * multiply-add) is rs3 fmt rs2 rs1 rm rd opcode; fmt is 00 for single precision.
 */
public final class RvF implements EncodingTable {

    /** objdump's fmv.s/fneg.s/fabs.s: a sign injection whose two sources are one register. */
    private static final Constraint RS1_EQ_RS2 = w -> Fields.rs1(w) == Fields.rs2(w);

    @Override
    public List<Encoding> encodings() {
        return new TableBuilder(F, ZICSR)
                // FP CSR accesses on SYSTEM: csr fcsr=0x003, frm=0x002, fflags=0x001. These come
                // before Zicsr's csrr/csrw so the F names win.
                .alias("frcsr", "000000000011 00000 010 ..... 1110011", "rd")
                .alias("fscsr", "000000000011 ..... 001 00000 1110011", "rs1")
                .alias("fscsr", "000000000011 ..... 001 ..... 1110011", "rd,rs1")
                .alias("frrm", "000000000010 00000 010 ..... 1110011", "rd")
                .alias("fsrm", "000000000010 ..... 001 00000 1110011", "rs1")
                .alias("fsrm", "000000000010 ..... 001 ..... 1110011", "rd,rs1")
                // objdump lists the two-operand immediate form first, so it prints
                // "fsrmi zero,3": the one-operand rows below it are never chosen
                .alias("fsrmi", "000000000010 ..... 101 ..... 1110011", "rd,uimm")
                .alias("fsrmi", "000000000010 ..... 101 00000 1110011", "uimm")
                .alias("frflags", "000000000001 00000 010 ..... 1110011", "rd")
                .alias("fsflags", "000000000001 ..... 001 00000 1110011", "rs1")
                .alias("fsflags", "000000000001 ..... 001 ..... 1110011", "rd,rs1")
                .alias("fsflagsi", "000000000001 ..... 101 ..... 1110011", "rd,uimm")
                .alias("fsflagsi", "000000000001 ..... 101 00000 1110011", "uimm")
                .requires(F)
                // loads and stores (LOAD-FP / STORE-FP, width 010 = word)
                .insn("flw", "............ ..... 010 ..... 0000111", "frd,ofs(rs1)")
                .insn("fsw", "....... ..... ..... 010 ..... 0100111", "frs2,sofs(rs1)")
                // raw moves between the register files; the older .s names share the
                // encodings and, coming second, are never printed
                .insn("fmv.x.w", "1110000 00000 ..... 000 ..... 1010011", "rd,frs1")
                .insn("fmv.w.x", "1111000 00000 ..... 000 ..... 1010011", "frd,rs1")
                .insn("fmv.x.s", "1110000 00000 ..... 000 ..... 1010011", "rd,frs1")
                .insn("fmv.s.x", "1111000 00000 ..... 000 ..... 1010011", "frd,rs1")
                // sign injection (funct3 000 copy, 001 negate, 010 xor)
                .alias("fmv.s", "0010000 ..... ..... 000 ..... 1010011", "frd,frs1", RS1_EQ_RS2)
                .alias("fneg.s", "0010000 ..... ..... 001 ..... 1010011", "frd,frs1", RS1_EQ_RS2)
                .alias("fabs.s", "0010000 ..... ..... 010 ..... 1010011", "frd,frs1", RS1_EQ_RS2)
                .insn("fsgnj.s", "0010000 ..... ..... 000 ..... 1010011", "frd,frs1,frs2")
                .insn("fsgnjn.s", "0010000 ..... ..... 001 ..... 1010011", "frd,frs1,frs2")
                .insn("fsgnjx.s", "0010000 ..... ..... 010 ..... 1010011", "frd,frs1,frs2")
                // arithmetic
                .insn("fadd.s", "0000000 ..... ..... 111 ..... 1010011", "frd,frs1,frs2")
                .insn("fadd.s", "0000000 ..... ..... ... ..... 1010011", "frd,frs1,frs2,rm")
                .insn("fsub.s", "0000100 ..... ..... 111 ..... 1010011", "frd,frs1,frs2")
                .insn("fsub.s", "0000100 ..... ..... ... ..... 1010011", "frd,frs1,frs2,rm")
                .insn("fmul.s", "0001000 ..... ..... 111 ..... 1010011", "frd,frs1,frs2")
                .insn("fmul.s", "0001000 ..... ..... ... ..... 1010011", "frd,frs1,frs2,rm")
                .insn("fdiv.s", "0001100 ..... ..... 111 ..... 1010011", "frd,frs1,frs2")
                .insn("fdiv.s", "0001100 ..... ..... ... ..... 1010011", "frd,frs1,frs2,rm")
                .insn("fsqrt.s", "0101100 00000 ..... 111 ..... 1010011", "frd,frs1")
                .insn("fsqrt.s", "0101100 00000 ..... ... ..... 1010011", "frd,frs1,rm")
                .insn("fmin.s", "0010100 ..... ..... 000 ..... 1010011", "frd,frs1,frs2")
                .insn("fmax.s", "0010100 ..... ..... 001 ..... 1010011", "frd,frs1,frs2")
                // fused multiply-add: one major opcode each, fmt 00
                .insn("fmadd.s", "..... 00 ..... ..... 111 ..... 1000011", "frd,frs1,frs2,frs3")
                .insn("fmadd.s", "..... 00 ..... ..... ... ..... 1000011", "frd,frs1,frs2,frs3,rm")
                .insn("fnmadd.s", "..... 00 ..... ..... 111 ..... 1001111", "frd,frs1,frs2,frs3")
                .insn("fnmadd.s", "..... 00 ..... ..... ... ..... 1001111", "frd,frs1,frs2,frs3,rm")
                .insn("fmsub.s", "..... 00 ..... ..... 111 ..... 1000111", "frd,frs1,frs2,frs3")
                .insn("fmsub.s", "..... 00 ..... ..... ... ..... 1000111", "frd,frs1,frs2,frs3,rm")
                .insn("fnmsub.s", "..... 00 ..... ..... 111 ..... 1001011", "frd,frs1,frs2,frs3")
                .insn("fnmsub.s", "..... 00 ..... ..... ... ..... 1001011", "frd,frs1,frs2,frs3,rm")
                // conversions to and from 32-bit integers (rs2 00000 signed, 00001 unsigned)
                .insn("fcvt.w.s", "1100000 00000 ..... 111 ..... 1010011", "rd,frs1")
                .insn("fcvt.w.s", "1100000 00000 ..... ... ..... 1010011", "rd,frs1,rm")
                .insn("fcvt.wu.s", "1100000 00001 ..... 111 ..... 1010011", "rd,frs1")
                .insn("fcvt.wu.s", "1100000 00001 ..... ... ..... 1010011", "rd,frs1,rm")
                .insn("fcvt.s.w", "1101000 00000 ..... 111 ..... 1010011", "frd,rs1")
                .insn("fcvt.s.w", "1101000 00000 ..... ... ..... 1010011", "frd,rs1,rm")
                .insn("fcvt.s.wu", "1101000 00001 ..... 111 ..... 1010011", "frd,rs1")
                .insn("fcvt.s.wu", "1101000 00001 ..... ... ..... 1010011", "frd,rs1,rm")
                // classification and comparisons (fgt/fge are only assembler spellings of
                // flt/fle with swapped sources; objdump never prints them)
                .insn("fclass.s", "1110000 00000 ..... 001 ..... 1010011", "rd,frs1")
                .insn("feq.s", "1010000 ..... ..... 010 ..... 1010011", "rd,frs1,frs2")
                .insn("flt.s", "1010000 ..... ..... 001 ..... 1010011", "rd,frs1,frs2")
                .insn("fle.s", "1010000 ..... ..... 000 ..... 1010011", "rd,frs1,frs2")
                // RV64: conversions to and from 64-bit integers (rs2 00010 signed, 00011 unsigned)
                .insn("fcvt.l.s", "1100000 00010 ..... 111 ..... 1010011", "rd,frs1")
                .insn("fcvt.l.s", "1100000 00010 ..... ... ..... 1010011", "rd,frs1,rm")
                .insn("fcvt.lu.s", "1100000 00011 ..... 111 ..... 1010011", "rd,frs1")
                .insn("fcvt.lu.s", "1100000 00011 ..... ... ..... 1010011", "rd,frs1,rm")
                .insn("fcvt.s.l", "1101000 00010 ..... 111 ..... 1010011", "frd,rs1")
                .insn("fcvt.s.l", "1101000 00010 ..... ... ..... 1010011", "frd,rs1,rm")
                .insn("fcvt.s.lu", "1101000 00011 ..... 111 ..... 1010011", "frd,rs1")
                .insn("fcvt.s.lu", "1101000 00011 ..... ... ..... 1010011", "frd,rs1,rm")
                .build();
    }
}
