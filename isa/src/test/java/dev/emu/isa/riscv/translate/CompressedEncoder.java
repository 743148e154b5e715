package dev.emu.isa.riscv.translate;

import dev.emu.isa.riscv.decode.Fields;

/**
 * Direct encoders for the compressed control transfers the differential test places by the
 * thousand ({@link Asm} finds compressed words by searching all 65,536, too slow for that).
 * Each result is checked against the decoder's field extractors.
 */
final class CompressedEncoder {
    private CompressedEncoder() {}

    private static int bit(int value, int from, int to) {
        return ((value >> from) & 1) << to;
    }

    /** c.beqz or c.bnez rs1', offset (rs1 in x8..x15, offset even and within +-256). */
    static int branch(String name, int rs1, int offset) {
        int funct3 = switch (name) {
            case "c.beqz" -> 0b110;
            case "c.bnez" -> 0b111;
            default -> throw new IllegalArgumentException(name);
        };
        int w = funct3 << 13 | bit(offset, 8, 12) | bit(offset, 4, 11) | bit(offset, 3, 10) | (rs1 - 8) << 7
                | bit(offset, 7, 6) | bit(offset, 6, 5) | bit(offset, 2, 4) | bit(offset, 1, 3) | bit(offset, 5, 2) | 0b01;
        check(Fields.cBranchOffset(w) == offset && Fields.cRs1Prime(w) == rs1, name, offset);
        return w;
    }

    /** c.j offset (even, within +-2 KiB). */
    static int jump(int offset) {
        int w = 0b101 << 13 | bit(offset, 11, 12) | bit(offset, 4, 11) | bit(offset, 9, 10) | bit(offset, 8, 9)
                | bit(offset, 10, 8) | bit(offset, 6, 7) | bit(offset, 7, 6) | bit(offset, 3, 5) | bit(offset, 2, 4)
                | bit(offset, 1, 3) | bit(offset, 5, 2) | 0b01;
        check(Fields.cJumpOffset(w) == offset, "c.j", offset);
        return w;
    }

    /** c.jr rs1 or, with link, c.jalr rs1 (rs1 not x0). */
    static int jumpRegister(boolean link, int rs1) {
        return 0b100 << 13 | (link ? 1 : 0) << 12 | rs1 << 7 | 0b10;
    }

    private static void check(boolean ok, String name, int offset) {
        if (!ok) {
            throw new IllegalArgumentException(name + " cannot reach offset " + offset);
        }
    }
}
