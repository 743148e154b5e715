package dev.emu.isa.riscv.decode;

import dev.emu.isa.riscv.disas.DisasOptions;
import dev.emu.isa.riscv.disas.RiscvDisassembler;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Execution decodes of F and D words whose outcome was worked out by hand from the encodings
 * (and checked once against objdump): the rounding-mode rules, the rm=000-only conversions,
 * and that printing aliases never reach the translator. The random-word differential test
 * covers the printed text at large; this pins the decoder's accept/reject decisions.
 */
class FloatDecodeTest {
    private final RiscvDecoder decoder = new RiscvDecoder(Extension.rv64gc());

    /** R-type OP-FP word: funct7 rs2 rs1 rm rd 1010011. */
    private static int opFp(int funct7, int rs2, int rs1, int rm, int rd) {
        return funct7 << 25 | rs2 << 20 | rs1 << 15 | rm << 12 | rd << 7 | 0b1010011;
    }

    /** R4-type fused multiply-add word: rs3 fmt rs2 rs1 rm rd opcode. */
    private static int r4(int rs3, int fmt, int rs2, int rs1, int rm, int rd, int opcode) {
        return rs3 << 27 | fmt << 25 | rs2 << 20 | rs1 << 15 | rm << 12 | rd << 7 | opcode;
    }

    private static String text(int word) {
        return new RiscvDisassembler(DisasOptions.defaults().withArch(Extension.rv64gc())).disassemble(0, word);
    }

    @Test
    void reservedRoundingModesAreIllegal() {
        // fadd.d ft0,ft0,ft0 with rm 5 and 6: objdump prints "unknown", execution traps
        assertEquals(0x02005053, opFp(0b0000001, 0, 0, 5, 0));
        assertNull(decoder.decode(opFp(0b0000001, 0, 0, 5, 0)));
        assertNull(decoder.decode(opFp(0b0000001, 0, 0, 6, 0)));
        assertEquals("fadd.d\tft0,ft0,ft0,unknown", text(0x02005053));
        // fmadd.s fa0,fa1,fa2,fa3 with rm 6
        assertNull(decoder.decode(r4(13, 0, 12, 11, 6, 10, 0b1000011)));
    }

    @Test
    void dynamicRoundingUsesTheRowWithoutRm() {
        int fmadd = r4(13, 0, 12, 11, 0b111, 10, 0b1000011);
        assertEquals(0x68c5f543, fmadd);
        Encoding e = decoder.decode(fmadd);
        assertNotNull(e);
        assertEquals("fmadd.s", e.name());
        assertEquals("frd,frs1,frs2,frs3", e.syntax());
        assertEquals("fmadd.s\tfa0,fa1,fa2,fa3", text(fmadd));

        Encoding rtz = decoder.decode(r4(13, 0, 12, 11, 0b001, 10, 0b1000011));
        assertNotNull(rtz);
        assertEquals("frd,frs1,frs2,frs3,rm", rtz.syntax());
        assertEquals("fcvt.w.s\ta0,fa0,rtz", text(opFp(0b1100000, 0, 10, 0b001, 10)));
    }

    @Test
    void exactConversionsRunWithAnyValidRoundingMode() {
        // fcvt.d.w fa0,a0: objdump 2.40 prints it only with rm 000 ...
        assertEquals("fcvt.d.w", decoder.decode(opFp(0b1101001, 0, 10, 0, 10)).name());
        assertEquals("fcvt.d.w\tfa0,a0", text(opFp(0b1101001, 0, 10, 0, 10)));
        assertEquals(".4byte\t0xd2057553", text(opFp(0b1101001, 0, 10, 0b111, 10)));
        // ... but the ISA (and qemu) execute it with any valid mode; 5 and 6 are reserved
        assertEquals("fcvt.d.w", decoder.decode(opFp(0b1101001, 0, 10, 0b111, 10)).name());
        assertNull(decoder.decode(opFp(0b1101001, 0, 10, 0b101, 10)));
        assertEquals("fcvt.d.s", decoder.decode(opFp(0b0100001, 0, 11, 0, 10)).name());
        assertEquals("fcvt.d.s", decoder.decode(opFp(0b0100001, 0, 11, 0b111, 10)).name());
        assertNull(decoder.decode(opFp(0b0100001, 0, 11, 0b110, 10)));
        // narrowing rounds, so it takes every valid mode
        assertEquals("fcvt.s.d", decoder.decode(opFp(0b0100000, 1, 11, 0b111, 10)).name());
        assertEquals("fcvt.s.d", decoder.decode(opFp(0b0100000, 1, 11, 0b100, 10)).name());
    }

    @Test
    void aliasesDecodeAsTheRealInstruction() {
        // fsgnj.s fa0,fa1,fa1 prints as fmv.s but executes as fsgnj.s
        int fmvS = opFp(0b0010000, 11, 11, 0b000, 10);
        assertEquals("fsgnj.s", decoder.decode(fmvS).name());
        assertEquals("fmv.s\tfa0,fa1", text(fmvS));
        assertEquals("fsgnjn.d", decoder.decode(opFp(0b0010001, 11, 11, 0b001, 10)).name());
        // fmv.x.w is the name objdump prints; the legacy fmv.x.s row is never reached
        assertEquals("fmv.x.w", decoder.decode(opFp(0b1110000, 0, 10, 0, 10)).name());
        assertEquals("fmv.w.x", decoder.decode(opFp(0b1111000, 0, 10, 0, 10)).name());
    }

    @Test
    void fixedFieldsMustMatch() {
        // fsqrt.s needs rs2 = 0; fmin.s has funct3 000/001 only; fmv.x.w and fclass need rs2 0
        assertNull(decoder.decode(opFp(0b0101100, 1, 11, 0b111, 10)));
        assertNull(decoder.decode(opFp(0b0010100, 12, 11, 0b010, 10)));
        assertNull(decoder.decode(opFp(0b1110000, 1, 10, 0, 10)));
        assertEquals("fclass.d", decoder.decode(opFp(0b1110001, 0, 10, 0b001, 10)).name());
    }

    @Test
    void loadsAndStores() {
        // flw fa0,-8(sp) and fsd fa0,-1(sp)
        assertEquals("flw", decoder.decode(0xff812507).name());
        assertEquals("flw\tfa0,-8(sp)", text(0xff812507));
        assertEquals("fsd", decoder.decode(0xfea13fa7).name());
        assertEquals("fsd\tfa0,-1(sp)", text(0xfea13fa7));
        // LOAD-FP width 100 (flq) is Q, not part of rv64gc
        assertNull(decoder.decode(0xff814507));
    }

    @Test
    void doubleRowsNeedD() {
        RiscvDecoder singleOnly = new RiscvDecoder(EnumSet.of(Extension.I, Extension.F, Extension.ZICSR));
        assertNull(singleOnly.decode(opFp(0b0000001, 0, 0, 0b111, 0)));
        assertEquals("fadd.s", singleOnly.decode(opFp(0b0000000, 0, 0, 0b111, 0)).name());
    }
}
