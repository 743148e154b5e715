package dev.emu.isa.riscv.decode;

import java.util.List;

import static dev.emu.isa.riscv.decode.Extension.D;

/**
 * RV64D, double-precision floating point, with the names objdump prints for it. Row order
 * follows objdump's, because the first matching row names the word.
 *
 * <p>As in {@link RvF}, an instruction with a rounding-mode field has a row with rm pinned to
 * 111 (dynamic) and no rm operand, then a row with the field open and an {@code rm} operand.
 * The conversions that are always exact (int32 to double, single to double) have one row
 * only, with rm pinned to 000: objdump 2.40 recognises no other value there and prints such
 * words as {@code .4byte}, so emu treats them as illegal too.
 *
 * <p>Formats as in {@link RvF}; fmt is 01 for double precision.
 */
public final class RvD implements EncodingTable {

    /** objdump's fmv.d/fneg.d/fabs.d: a sign injection whose two sources are one register. */
    private static final Constraint RS1_EQ_RS2 = w -> Fields.rs1(w) == Fields.rs2(w);

    @Override
    public List<Encoding> encodings() {
        return new TableBuilder(D)
                // loads and stores (LOAD-FP / STORE-FP, width 011 = doubleword)
                .insn("fld", "............ ..... 011 ..... 0000111", "frd,ofs(rs1)")
                .insn("fsd", "....... ..... ..... 011 ..... 0100111", "frs2,sofs(rs1)")
                // sign injection (funct3 000 copy, 001 negate, 010 xor)
                .alias("fmv.d", "0010001 ..... ..... 000 ..... 1010011", "frd,frs1", RS1_EQ_RS2)
                .alias("fneg.d", "0010001 ..... ..... 001 ..... 1010011", "frd,frs1", RS1_EQ_RS2)
                .alias("fabs.d", "0010001 ..... ..... 010 ..... 1010011", "frd,frs1", RS1_EQ_RS2)
                .insn("fsgnj.d", "0010001 ..... ..... 000 ..... 1010011", "frd,frs1,frs2")
                .insn("fsgnjn.d", "0010001 ..... ..... 001 ..... 1010011", "frd,frs1,frs2")
                .insn("fsgnjx.d", "0010001 ..... ..... 010 ..... 1010011", "frd,frs1,frs2")
                // arithmetic
                .insn("fadd.d", "0000001 ..... ..... 111 ..... 1010011", "frd,frs1,frs2")
                .insn("fadd.d", "0000001 ..... ..... ... ..... 1010011", "frd,frs1,frs2,rm")
                .insn("fsub.d", "0000101 ..... ..... 111 ..... 1010011", "frd,frs1,frs2")
                .insn("fsub.d", "0000101 ..... ..... ... ..... 1010011", "frd,frs1,frs2,rm")
                .insn("fmul.d", "0001001 ..... ..... 111 ..... 1010011", "frd,frs1,frs2")
                .insn("fmul.d", "0001001 ..... ..... ... ..... 1010011", "frd,frs1,frs2,rm")
                .insn("fdiv.d", "0001101 ..... ..... 111 ..... 1010011", "frd,frs1,frs2")
                .insn("fdiv.d", "0001101 ..... ..... ... ..... 1010011", "frd,frs1,frs2,rm")
                .insn("fsqrt.d", "0101101 00000 ..... 111 ..... 1010011", "frd,frs1")
                .insn("fsqrt.d", "0101101 00000 ..... ... ..... 1010011", "frd,frs1,rm")
                .insn("fmin.d", "0010101 ..... ..... 000 ..... 1010011", "frd,frs1,frs2")
                .insn("fmax.d", "0010101 ..... ..... 001 ..... 1010011", "frd,frs1,frs2")
                // fused multiply-add: one major opcode each, fmt 01
                .insn("fmadd.d", "..... 01 ..... ..... 111 ..... 1000011", "frd,frs1,frs2,frs3")
                .insn("fmadd.d", "..... 01 ..... ..... ... ..... 1000011", "frd,frs1,frs2,frs3,rm")
                .insn("fnmadd.d", "..... 01 ..... ..... 111 ..... 1001111", "frd,frs1,frs2,frs3")
                .insn("fnmadd.d", "..... 01 ..... ..... ... ..... 1001111", "frd,frs1,frs2,frs3,rm")
                .insn("fmsub.d", "..... 01 ..... ..... 111 ..... 1000111", "frd,frs1,frs2,frs3")
                .insn("fmsub.d", "..... 01 ..... ..... ... ..... 1000111", "frd,frs1,frs2,frs3,rm")
                .insn("fnmsub.d", "..... 01 ..... ..... 111 ..... 1001011", "frd,frs1,frs2,frs3")
                .insn("fnmsub.d", "..... 01 ..... ..... ... ..... 1001011", "frd,frs1,frs2,frs3,rm")
                // conversions to and from 32-bit integers; int32 -> double is exact, rm 000 only
                .insn("fcvt.w.d", "1100001 00000 ..... 111 ..... 1010011", "rd,frs1")
                .insn("fcvt.w.d", "1100001 00000 ..... ... ..... 1010011", "rd,frs1,rm")
                .insn("fcvt.wu.d", "1100001 00001 ..... 111 ..... 1010011", "rd,frs1")
                .insn("fcvt.wu.d", "1100001 00001 ..... ... ..... 1010011", "rd,frs1,rm")
                .insn("fcvt.d.w", "1101001 00000 ..... 000 ..... 1010011", "frd,rs1")
                .insn("fcvt.d.wu", "1101001 00001 ..... 000 ..... 1010011", "frd,rs1")
                // between the precisions: widening is exact (rm 000 only), narrowing rounds
                .insn("fcvt.d.s", "0100001 00000 ..... 000 ..... 1010011", "frd,frs1")
                // Exact conversions: objdump 2.40 knows them only with rm=000, but the ISA lets
                // them carry any valid rounding mode (older assemblers wrote dyn) and hardware
                // and qemu run them. Reserved modes 5 and 6 stay illegal (RiscvDecoder).
                .executeOnly("fcvt.d.w", "1101001 00000 ..... ... ..... 1010011", "frd,rs1,rm")
                .executeOnly("fcvt.d.wu", "1101001 00001 ..... ... ..... 1010011", "frd,rs1,rm")
                .executeOnly("fcvt.d.s", "0100001 00000 ..... ... ..... 1010011", "frd,frs1,rm")
                .insn("fcvt.s.d", "0100000 00001 ..... 111 ..... 1010011", "frd,frs1")
                .insn("fcvt.s.d", "0100000 00001 ..... ... ..... 1010011", "frd,frs1,rm")
                // classification and comparisons (fgt/fge, flt/fle with swapped sources, are
                // never printed)
                .insn("fclass.d", "1110001 00000 ..... 001 ..... 1010011", "rd,frs1")
                .insn("feq.d", "1010001 ..... ..... 010 ..... 1010011", "rd,frs1,frs2")
                .insn("flt.d", "1010001 ..... ..... 001 ..... 1010011", "rd,frs1,frs2")
                .insn("fle.d", "1010001 ..... ..... 000 ..... 1010011", "rd,frs1,frs2")
                // RV64: raw moves and conversions to and from 64-bit integers
                .insn("fmv.x.d", "1110001 00000 ..... 000 ..... 1010011", "rd,frs1")
                .insn("fmv.d.x", "1111001 00000 ..... 000 ..... 1010011", "frd,rs1")
                .insn("fcvt.l.d", "1100001 00010 ..... 111 ..... 1010011", "rd,frs1")
                .insn("fcvt.l.d", "1100001 00010 ..... ... ..... 1010011", "rd,frs1,rm")
                .insn("fcvt.lu.d", "1100001 00011 ..... 111 ..... 1010011", "rd,frs1")
                .insn("fcvt.lu.d", "1100001 00011 ..... ... ..... 1010011", "rd,frs1,rm")
                .insn("fcvt.d.l", "1101001 00010 ..... 111 ..... 1010011", "frd,rs1")
                .insn("fcvt.d.l", "1101001 00010 ..... ... ..... 1010011", "frd,rs1,rm")
                .insn("fcvt.d.lu", "1101001 00011 ..... 111 ..... 1010011", "frd,rs1")
                .insn("fcvt.d.lu", "1101001 00011 ..... ... ..... 1010011", "frd,rs1,rm")
                .build();
    }
}
