package dev.emu.isa.riscv.translate;

import dev.emu.engine.ir.Helper;

import java.util.List;

/**
 * RV64A: every LR, SC and AMO is one call of an {@link AtomicHelpers} method named after the
 * operation and width ({@code amoadd.w.aq} calls {@code amoadd_w}); the ordering suffixes share
 * the helper, whose accesses are already sequentially consistent.
 */
final class AtomicTranslators {
    private AtomicTranslators() {}

    private static final List<String> ORDERINGS = List.of("", ".aq", ".rl", ".aqrl");
    private static final List<String> READ_MODIFY_WRITE = List.of(
            "sc", "amoswap", "amoadd", "amoand", "amoor", "amoxor", "amomin", "amomax", "amominu", "amomaxu");

    static void addTo(TranslatorRegistry r) {
        for (String width : List.of("w", "d")) {
            Helper lr = helper("lr_" + width, 1);
            for (String ordering : ORDERINGS) {
                r.add("lr." + width + ordering, (c, w) -> c.setRd(w, c.b.call(lr, c.rs1(w))));
            }
            for (String stem : READ_MODIFY_WRITE) {
                Helper op = helper(stem + "_" + width, 2);
                for (String ordering : ORDERINGS) {
                    r.add(stem + "." + width + ordering, (c, w) -> c.setRd(w, c.b.call(op, c.rs1(w), c.rs2(w))));
                }
            }
        }
    }

    /** An AtomicHelpers method: takes the vCPU (for memory and the reservation), may fault. */
    static Helper helper(String name, int arity) {
        return new Helper(AtomicHelpers.class, name, arity, true, true, false, false, true);
    }
}
