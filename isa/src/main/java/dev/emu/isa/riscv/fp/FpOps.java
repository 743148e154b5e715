package dev.emu.isa.riscv.fp;

/**
 * The F and D instructions' semantics as static helpers that translated code calls, one method
 * per mnemonic ({@code fadd.s} is {@link #fadd_s}). (Being written.)
 */
public final class FpOps {
    private FpOps() {}
}
