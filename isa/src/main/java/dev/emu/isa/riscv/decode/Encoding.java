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
 * <p>An {@link Kind#ALIAS} row ({@code li}, {@code ret}, {@code add} with an immediate, the
 * expanded names of compressed instructions) only chooses how a word is printed. A
 * {@link Kind#INSN} row is a real instruction: the decoder hands it to the translator. An
 * {@link Kind#EXECUTE_ONLY} row is a real instruction objdump does not print (it shows
 * {@code .4byte}), such as {@code fcvt.d.w} with a rounding mode other than 000, which
 * hardware and qemu execute.
 *
 * @param legal execution-only condition beyond {@code when}: an encoding objdump still prints
 *              but the ISA reserves (c.addi16sp with a zero immediate, say) fails it
 */
public record Encoding(
        String name,
        BitPattern pattern,
        String syntax,
        Set<Extension> requires,
        Kind kind,
        Constraint when,
        Constraint legal) {

    public enum Kind { INSN, ALIAS, EXECUTE_ONLY }

    public boolean alias() {
        return kind == Kind.ALIAS;
    }

    /** False for rows the disassembler must not use. */
    public boolean printable() {
        return kind != Kind.EXECUTE_ONLY;
    }

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
        return name + (kind == Kind.INSN ? "" : " (" + kind + ")") + " " + syntax;
    }
}
