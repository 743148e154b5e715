package dev.emu.isa.riscv.decode;

/**
 * A fixed-bit pattern written the way the specification draws encodings, most significant bit
 * first: {@code 0} and {@code 1} are fixed bits, {@code .} is an operand bit, and spaces only
 * group fields for the reader ({@code "0000000 ..... ..... 000 ..... 0110011"}). A 16-character
 * pattern describes a compressed instruction, a 32-character one a full-size instruction.
 */
public record BitPattern(int match, int mask, int length) {

    public static BitPattern parse(String text) {
        int match = 0;
        int mask = 0;
        int bits = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ' || c == '_') {
                continue;
            }
            match <<= 1;
            mask <<= 1;
            switch (c) {
                case '0' -> mask |= 1;
                case '1' -> { mask |= 1; match |= 1; }
                case '.' -> { }
                default -> throw new IllegalArgumentException("bad character '" + c + "' in pattern " + text);
            }
            bits++;
        }
        if (bits != 16 && bits != 32) {
            throw new IllegalArgumentException("pattern has " + bits + " bits, not 16 or 32: " + text);
        }
        return new BitPattern(match, mask, bits / 8);
    }

    /** The same pattern with more bits fixed: used to pin a field ({@code rd=1}) for an alias. */
    public BitPattern with(int extraMatch, int extraMask) {
        if ((extraMatch & ~extraMask) != 0) {
            throw new IllegalArgumentException("match bits outside mask");
        }
        if (((match ^ extraMatch) & mask & extraMask) != 0) {
            throw new IllegalArgumentException("pinned bits contradict the pattern");
        }
        return new BitPattern(match | extraMatch, mask | extraMask, length);
    }

    public boolean matches(int word) {
        return ((word ^ match) & mask) == 0;
    }

    /** True when some word matches both patterns. */
    public boolean overlaps(BitPattern other) {
        return length == other.length && ((match ^ other.match) & mask & other.mask) == 0;
    }

    /** The major-opcode bucket: bits 6..0 of a full-size word, bits 1..0 of a compressed one. */
    public int bucket() {
        return length == 2 ? match & 0x3 : match & 0x7f;
    }
}
