package dev.emu.isa.riscv.translate;

/**
 * Emits the IR of one decoded instruction. One per canonical mnemonic, registered in a
 * {@link TranslatorRegistry}; the body is a line or a few calling the shared generators.
 */
@FunctionalInterface
public interface InsnTranslator {
    /** Emits the IR of {@code word} (16-bit words in the low half) at {@code ctx.pc}. */
    void translate(TranslationContext ctx, int word);
}
