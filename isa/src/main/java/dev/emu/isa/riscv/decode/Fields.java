package dev.emu.isa.riscv.decode;

/**
 * Operand fields of RISC-V instruction words, as the unprivileged specification lays them out.
 * Every method takes the raw instruction word (16-bit words in the low half) and returns the
 * field; immediates come back sign-extended where the encoding says they are signed.
 */
public final class Fields {
    private Fields() {}

    static int bits(int word, int hi, int lo) {
        return (word >>> lo) & ((1 << (hi - lo + 1)) - 1);
    }

    static int bit(int word, int pos) {
        return (word >>> pos) & 1;
    }

    /** Sign-extends the low {@code width} bits of {@code value}. */
    static int signExtend(int value, int width) {
        int shift = 32 - width;
        return (value << shift) >> shift;
    }

    // ---- 32-bit formats ----

    public static int rd(int w) { return bits(w, 11, 7); }
    public static int rs1(int w) { return bits(w, 19, 15); }
    public static int rs2(int w) { return bits(w, 24, 20); }
    public static int rs3(int w) { return bits(w, 31, 27); }
    public static int funct3(int w) { return bits(w, 14, 12); }
    public static int rm(int w) { return bits(w, 14, 12); }
    public static int csr(int w) { return bits(w, 31, 20); }
    public static int pred(int w) { return bits(w, 27, 24); }
    public static int succ(int w) { return bits(w, 23, 20); }
    public static int shamt6(int w) { return bits(w, 25, 20); }
    public static int shamt5(int w) { return bits(w, 24, 20); }

    public static int immI(int w) { return w >> 20; }

    public static int immS(int w) { return ((w >> 25) << 5) | bits(w, 11, 7); }

    public static int immB(int w) {
        int v = (bit(w, 31) << 12) | (bit(w, 7) << 11) | (bits(w, 30, 25) << 5) | (bits(w, 11, 8) << 1);
        return signExtend(v, 13);
    }

    /** The U-type immediate in place: bits 31..12 of the word, low 12 bits zero. */
    public static int immU(int w) { return w & 0xfffff000; }

    public static int immJ(int w) {
        int v = (bit(w, 31) << 20) | (bits(w, 19, 12) << 12) | (bit(w, 20) << 11) | (bits(w, 30, 21) << 1);
        return signExtend(v, 21);
    }

    // ---- 16-bit (C extension) formats ----

    /** Full register field at bits 6..2 (CR/CSS rs2). */
    public static int cRs2(int w) { return bits(w, 6, 2); }
    /** Compressed register x8..x15 at bits 9..7 (rs1'/rd'). */
    public static int cRs1Prime(int w) { return 8 + bits(w, 9, 7); }
    /** Compressed register x8..x15 at bits 4..2 (rs2'/rd'). */
    public static int cRs2Prime(int w) { return 8 + bits(w, 4, 2); }

    /** CI-format 6-bit signed immediate: imm[5] at bit 12, imm[4:0] at bits 6..2. */
    public static int cImm(int w) { return signExtend((bit(w, 12) << 5) | bits(w, 6, 2), 6); }

    /** c.lui: nzimm[17:12], sign-extended, in place (a multiple of 4096). */
    public static int cLuiImm(int w) { return cImm(w) << 12; }

    /** c.lw / c.flw offset: uimm[5:3] at 12..10, uimm[2] at 6, uimm[6] at 5. */
    public static int cLwOffset(int w) { return (bits(w, 12, 10) << 3) | (bit(w, 6) << 2) | (bit(w, 5) << 6); }

    /** c.ld / c.fld offset: uimm[5:3] at 12..10, uimm[7:6] at 6..5. */
    public static int cLdOffset(int w) { return (bits(w, 12, 10) << 3) | (bits(w, 6, 5) << 6); }

    /** c.lwsp offset: uimm[5] at 12, uimm[4:2] at 6..4, uimm[7:6] at 3..2. */
    public static int cLwspOffset(int w) { return (bit(w, 12) << 5) | (bits(w, 6, 4) << 2) | (bits(w, 3, 2) << 6); }

    /** c.ldsp offset: uimm[5] at 12, uimm[4:3] at 6..5, uimm[8:6] at 4..2. */
    public static int cLdspOffset(int w) { return (bit(w, 12) << 5) | (bits(w, 6, 5) << 3) | (bits(w, 4, 2) << 6); }

    /** c.swsp offset: uimm[5:2] at 12..9, uimm[7:6] at 8..7. */
    public static int cSwspOffset(int w) { return (bits(w, 12, 9) << 2) | (bits(w, 8, 7) << 6); }

    /** c.sdsp offset: uimm[5:3] at 12..10, uimm[8:6] at 9..7. */
    public static int cSdspOffset(int w) { return (bits(w, 12, 10) << 3) | (bits(w, 9, 7) << 6); }

    /** c.addi4spn: nzuimm[5:4] at 12..11, [9:6] at 10..7, [2] at 6, [3] at 5. */
    public static int cAddi4spnImm(int w) {
        return (bits(w, 12, 11) << 4) | (bits(w, 10, 7) << 6) | (bit(w, 6) << 2) | (bit(w, 5) << 3);
    }

    /** c.addi16sp: nzimm[9] at 12, [4] at 6, [6] at 5, [8:7] at 4..3, [5] at 2; signed. */
    public static int cAddi16spImm(int w) {
        int v = (bit(w, 12) << 9) | (bit(w, 6) << 4) | (bit(w, 5) << 6) | (bits(w, 4, 3) << 7) | (bit(w, 2) << 5);
        return signExtend(v, 10);
    }

    /** CB-format branch offset: [8] at 12, [4:3] at 11..10, [7:6] at 6..5, [2:1] at 4..3, [5] at 2. */
    public static int cBranchOffset(int w) {
        int v = (bit(w, 12) << 8) | (bits(w, 11, 10) << 3) | (bits(w, 6, 5) << 6) | (bits(w, 4, 3) << 1) | (bit(w, 2) << 5);
        return signExtend(v, 9);
    }

    /** CJ-format jump offset: [11|4|9:8|10|6|7|3:1|5] at bits 12..2. */
    public static int cJumpOffset(int w) {
        int v = (bit(w, 12) << 11) | (bit(w, 11) << 4) | (bits(w, 10, 9) << 8) | (bit(w, 8) << 10)
                | (bit(w, 7) << 6) | (bit(w, 6) << 7) | (bits(w, 5, 3) << 1) | (bit(w, 2) << 5);
        return signExtend(v, 12);
    }
}
