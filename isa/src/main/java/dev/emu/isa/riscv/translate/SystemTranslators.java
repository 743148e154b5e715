package dev.emu.isa.riscv.translate;

import dev.emu.engine.ir.ExitReason;
import dev.emu.engine.ir.Helper;

import java.util.List;

import static dev.emu.isa.riscv.decode.Fields.pred;
import static dev.emu.isa.riscv.decode.Fields.succ;

/**
 * What hands control to the run loop (ecall, ebreak, fence.i), the memory fences, and the
 * instructions a user-mode program may not run: unimp and the privileged ones, which the
 * decoder already rejects (they are registered so that every canonical row has a translator).
 */
final class SystemTranslators {
    private SystemTranslators() {}

    private static final Helper FENCE = new Helper(AtomicHelpers.class, "fence", 0, false, false, false, false, false);
    private static final List<String> PRIVILEGED = List.of(
            "uret", "sret", "hret", "mret", "dret", "sfence.vm", "sfence.vma", "wfi");

    static void addTo(TranslatorRegistry r) {
        r.add("ecall", (c, w) -> c.b.exit(ExitReason.SYSCALL, c.nextPc()));
        r.add("ebreak", (c, w) -> c.b.exit(ExitReason.BREAKPOINT, c.pc));
        // Guest threads are host threads: a fence must also stop the JIT reordering plain
        // accesses across it. fence.tso is weaker than the full barrier, which covers it. With
        // an empty predecessor or successor set (pause is fence w,0) nothing is ordered.
        r.add("fence", (c, w) -> {
            if (pred(w) != 0 && succ(w) != 0) {
                c.b.call(FENCE);
            }
        });
        r.add("fence.tso", (c, w) -> c.b.call(FENCE));
        // Translated code may be stale: the run loop flushes, then continues after the fence.i.
        r.add("fence.i", (c, w) -> c.b.exit(ExitReason.FLUSH_CODE, c.nextPc()));
        r.add("unimp", SystemTranslators::illegal);
        for (String name : PRIVILEGED) {
            r.add(name, SystemTranslators::illegal);
        }
    }

    static void illegal(TranslationContext c, int word) {
        c.b.exit(ExitReason.ILLEGAL_INSTRUCTION, c.pc);
    }
}
