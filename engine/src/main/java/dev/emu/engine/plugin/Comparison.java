package dev.emu.engine.plugin;

/** How a conditional callback compares a scoreboard slot with a constant (unsigned). */
public enum Comparison {
    EQ, NE, LT, LE, GT, GE;

    /** Whether {@code slot} compares with {@code value} as this says, as unsigned 64-bit numbers. */
    public boolean test(long slot, long value) {
        int c = Long.compareUnsigned(slot, value);
        return switch (this) {
            case EQ -> c == 0;
            case NE -> c != 0;
            case LT -> c < 0;
            case LE -> c <= 0;
            case GT -> c > 0;
            case GE -> c >= 0;
        };
    }
}
