package dev.emu.isa.riscv.decode;

import java.util.Set;

/**
 * One row of a decode table: an instruction (or a printing alias of one) with its bit pattern,
 * the extra condition on its fields, the extensions it needs, and its assembly syntax.
 *
 * <p>The syntax names operands and the punctuation between them, as objdump prints them:
 * {@code "rd,ofs(rs1)"}. Operand names are those of
 * {@link dev.emu.isa.riscv.disas.Operand}; an empty syntax means no operands.
 *
 * <p>An <em>alias</em> row ({@code li}, {@code ret}, {@code add} with an immediate, the
 * expanded names of compressed instructions) only chooses how a word is printed. A canonical
 * row is a real instruction: the decoder hands it to the translator.
 *
 * @param legal execution-only condition beyond {@code when}: an encoding objdump still prints
 *              but the ISA reserves (c.addi16sp with a zero immediate, say) fails it
 */
public record Encoding(
        String name,
        BitPattern pattern,
        String syntax,
        Set<Extension> requires,
        boolean alias,
        Constraint when,
        Constraint legal) {

    public boolean matches(int word) {
        return pattern.matches(word) && when.test(word);
    }

    public boolean isCompressed() {
        return pattern.length() == 2;
    }

    public boolean supportedBy(Set<Extension> arch) {
        return arch.containsAll(requires);
    }

    /** True when the syntax has a rounding-mode operand, whose values 5 and 6 are reserved. */
    public boolean hasRoundingMode() {
        return syntax.endsWith(",rm");
    }

    @Override
    public String toString() {
        return name + (alias ? " (alias)" : "") + " " + syntax;
    }
}
