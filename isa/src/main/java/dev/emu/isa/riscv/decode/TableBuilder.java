package dev.emu.isa.riscv.decode;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Collects the rows of a decode table in order; used by the per-extension tables. */
public final class TableBuilder {
    private final List<Encoding> rows = new ArrayList<>();
    private Set<Extension> requires;

    public TableBuilder(Extension first, Extension... more) {
        requires(first, more);
    }

    /** Rows added from now on need these extensions, all of them. */
    public TableBuilder requires(Extension first, Extension... more) {
        requires = EnumSet.of(first, more);
        return this;
    }

    public TableBuilder insn(String name, String pattern, String syntax) {
        return add(name, pattern, syntax, Encoding.Kind.INSN, Constraint.NONE, Constraint.NONE);
    }

    public TableBuilder insn(String name, String pattern, String syntax, Constraint when) {
        return add(name, pattern, syntax, Encoding.Kind.INSN, when, Constraint.NONE);
    }

    /** A real instruction that objdump prints even where the ISA reserves the encoding. */
    public TableBuilder insn(String name, String pattern, String syntax, Constraint when, Constraint legal) {
        return add(name, pattern, syntax, Encoding.Kind.INSN, when, legal);
    }

    public TableBuilder alias(String name, String pattern, String syntax) {
        return add(name, pattern, syntax, Encoding.Kind.ALIAS, Constraint.NONE, Constraint.NONE);
    }

    public TableBuilder alias(String name, String pattern, String syntax, Constraint when) {
        return add(name, pattern, syntax, Encoding.Kind.ALIAS, when, Constraint.NONE);
    }

    /** A real instruction objdump prints as {@code .4byte}: decoded for execution only. */
    public TableBuilder executeOnly(String name, String pattern, String syntax) {
        return add(name, pattern, syntax, Encoding.Kind.EXECUTE_ONLY, Constraint.NONE, Constraint.NONE);
    }

    private TableBuilder add(String name, String pattern, String syntax, Encoding.Kind kind,
                             Constraint when, Constraint legal) {
        rows.add(new Encoding(name, BitPattern.parse(pattern), syntax, requires, kind, when, legal));
        return this;
    }

    public List<Encoding> build() {
        return List.copyOf(rows);
    }
}
