package dev.emu.engine.ir;

/** Comparison conditions of SETCC and EXIT_IF. */
public enum Cond {
    EQ, NE, LT, GE, LTU, GEU;

    public boolean test(long a, long b) {
        return switch (this) {
            case EQ -> a == b;
            case NE -> a != b;
            case LT -> a < b;
            case GE -> a >= b;
            case LTU -> Long.compareUnsigned(a, b) < 0;
            case GEU -> Long.compareUnsigned(a, b) >= 0;
        };
    }

    public Cond negate() {
        return switch (this) {
            case EQ -> NE;
            case NE -> EQ;
            case LT -> GE;
            case GE -> LT;
            case LTU -> GEU;
            case GEU -> LTU;
        };
    }
}
