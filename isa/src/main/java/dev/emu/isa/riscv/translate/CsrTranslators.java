package dev.emu.isa.riscv.translate;

import dev.emu.engine.ir.Helper;

import static dev.emu.isa.riscv.decode.Fields.csr;
import static dev.emu.isa.riscv.decode.Fields.rd;
import static dev.emu.isa.riscv.decode.Fields.rs1;

/**
 * Zicsr as read-modify-write around {@link CsrHelpers}. As the specification requires, csrrw
 * with rd = x0 does not read the CSR, and csrrs/csrrc with rs1 = x0 (or a zero immediate) do
 * not write it, so {@code csrr} of a read-only counter is legal and {@code csrrs} with a
 * source register is not, whatever its value.
 */
final class CsrTranslators {
    private CsrTranslators() {}

    private static final Helper READ = new Helper(CsrHelpers.class, "read", 2, true, true, false, false, true);
    private static final Helper WRITE = new Helper(CsrHelpers.class, "write", 2, true, false, false, false, true);

    private enum Op { WRITE, SET, CLEAR }

    static void addTo(TranslatorRegistry r) {
        r.add("csrrw", (c, w) -> access(c, w, Op.WRITE, false));
        r.add("csrrs", (c, w) -> access(c, w, Op.SET, false));
        r.add("csrrc", (c, w) -> access(c, w, Op.CLEAR, false));
        r.add("csrrwi", (c, w) -> access(c, w, Op.WRITE, true));
        r.add("csrrsi", (c, w) -> access(c, w, Op.SET, true));
        r.add("csrrci", (c, w) -> access(c, w, Op.CLEAR, true));
    }

    /** The source is x[rs1], or for the immediate forms the 5-bit field itself (uimm). */
    private static void access(TranslationContext c, int w, Op op, boolean immediate) {
        int csr = c.constant(csr(w));
        int source = immediate ? c.constant(rs1(w)) : c.x(rs1(w));
        boolean reads = op != Op.WRITE || rd(w) != 0;
        boolean writes = op == Op.WRITE || rs1(w) != 0;
        // The translator loop counts the block's instructions so far: instret is exact mid-block.
        int old = reads ? c.b.call(READ, csr, c.constant(c.b.block().guestInsns)) : -1;
        if (writes) {
            int value = switch (op) {
                case WRITE -> source;
                case SET -> c.b.or(old, source);
                case CLEAR -> c.b.and(old, c.b.xor(source, c.constant(-1)));
            };
            c.b.call(WRITE, csr, value);
        }
        if (reads) {
            c.setRd(w, old);
        }
    }
}
