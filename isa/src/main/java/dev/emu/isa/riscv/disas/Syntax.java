package dev.emu.isa.riscv.disas;

import java.util.ArrayList;
import java.util.List;

/**
 * A decode table's syntax string compiled into printers: operand names become
 * {@link Operand}s, the punctuation between them stays literal text.
 */
final class Syntax {
    private final Object[] parts;

    private Syntax(Object[] parts) {
        this.parts = parts;
    }

    /** Compiles {@code text}; throws when it names an operand that has no printer. */
    static Syntax compile(String text) {
        List<Object> parts = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                int end = i;
                while (end < text.length() && Character.isLetterOrDigit(text.charAt(end))) {
                    end++;
                }
                String name = text.substring(i, end);
                Operand operand = Operand.byName(name);
                if (operand == null) {
                    throw new IllegalArgumentException("no printer for operand '" + name + "' in \"" + text + "\"");
                }
                parts.add(operand);
                i = end;
            } else {
                parts.add(String.valueOf(c));
                i++;
            }
        }
        return new Syntax(parts.toArray());
    }

    boolean isEmpty() {
        return parts.length == 0;
    }

    void print(Printer p, int word) {
        for (Object part : parts) {
            if (part instanceof Operand operand) {
                operand.print(p, word);
            } else {
                p.text((String) part);
            }
        }
    }
}
