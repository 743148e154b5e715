package dev.emu.isa.riscv.decode;

import java.util.List;

/**
 * RV64A, atomic memory operations: load-reserved, store-conditional and the AMOs, for words
 * (funct3 = 010) and doublewords (funct3 = 011). The aq and rl bits (26 and 25) are not
 * operands in objdump's notation but part of the mnemonic, so each operation appears four
 * times: plain, {@code .aq}, {@code .rl} and {@code .aqrl}. No two rows overlap, so their order
 * does not matter; they are listed width by width, ordering by ordering.
 */
public final class RvA implements EncodingTable {

    /** An operation: its funct5 (bits 31..27), whether rs2 is a source, its mnemonic stem. */
    private record Op(String stem, String funct5, boolean hasRs2) {}

    private static final List<Op> OPS = List.of(
            new Op("lr", "00010", false),
            new Op("sc", "00011", true),
            new Op("amoadd", "00000", true),
            new Op("amoswap", "00001", true),
            new Op("amoand", "01100", true),
            new Op("amoor", "01000", true),
            new Op("amoxor", "00100", true),
            new Op("amomax", "10100", true),
            new Op("amomaxu", "11100", true),
            new Op("amomin", "10000", true),
            new Op("amominu", "11000", true));

    /** Mnemonic suffix for each value of the aq,rl bit pair. */
    private static final String[] ORDERING_SUFFIX = {"", ".rl", ".aq", ".aqrl"};
    /** The order objdump lists them in (aq,rl = 00, 10, 01, 11); kept for easy comparison. */
    private static final int[] ORDERINGS = {0b00, 0b10, 0b01, 0b11};

    @Override
    public List<Encoding> encodings() {
        TableBuilder t = new TableBuilder(Extension.A);
        add(t, "w", "010");
        add(t, "d", "011");
        return t.build();
    }

    private static void add(TableBuilder t, String width, String funct3) {
        for (int ordering : ORDERINGS) {
            String aqrl = (ordering >> 1) + "" + (ordering & 1);
            for (Op op : OPS) {
                // funct5 aq rl rs2 rs1 funct3 rd opcode; lr has no source, so rs2 must be zero
                String rs2 = op.hasRs2() ? "....." : "00000";
                String pattern = op.funct5() + " " + aqrl + " " + rs2 + " ..... " + funct3 + " ..... 0101111";
                String name = op.stem() + "." + width + ORDERING_SUFFIX[ordering];
                t.insn(name, pattern, op.hasRs2() ? "rd,rs2,(rs1)" : "rd,(rs1)");
            }
        }
    }
}
