package dev.emu.isa.riscv.translate;

import dev.emu.engine.ir.Helper;
import dev.emu.isa.riscv.fp.FpOps;

import java.util.List;

import static dev.emu.isa.riscv.decode.Fields.immI;
import static dev.emu.isa.riscv.decode.Fields.immS;
import static dev.emu.isa.riscv.decode.Fields.rd;
import static dev.emu.isa.riscv.decode.Fields.rm;
import static dev.emu.isa.riscv.decode.Fields.rs1;
import static dev.emu.isa.riscv.decode.Fields.rs2;
import static dev.emu.isa.riscv.decode.Fields.rs3;
import static dev.emu.isa.riscv.translate.Generators.loadFloat;
import static dev.emu.isa.riscv.translate.Generators.storeFloat;

/**
 * F and D. Loads, stores and the raw moves between register files are IR; everything that
 * rounds, compares, classifies or must see NaN boxing is one call of the {@link FpOps} method
 * named after the mnemonic ({@code fcvt.w.d} calls {@code fcvt_w_d}). Its parameters are the
 * vCPU, the source registers in order (f registers as raw bits, x registers as values) and, for
 * instructions with a rounding-mode field, that field's value (0-4, or 7 for frm).
 */
final class FloatTranslators {
    private FloatTranslators() {}

    /** Which register file an operand lives in. */
    private enum File { X, F }

    private static final File X = File.X;
    private static final File F = File.F;
    private static final long NAN_BOX = 0xffff_ffff_0000_0000L;

    static void addTo(TranslatorRegistry r) {
        r.add("flw", (c, w) -> loadFloat(c, rd(w), rs1(w), immI(w), 4));
        r.add("fld", (c, w) -> loadFloat(c, rd(w), rs1(w), immI(w), 8));
        r.add("fsw", (c, w) -> storeFloat(c, rs2(w), rs1(w), immS(w), 4));
        r.add("fsd", (c, w) -> storeFloat(c, rs2(w), rs1(w), immS(w), 8));

        // Raw moves: fmv.x.w sign-extends the low word whatever the boxing; fmv.w.x boxes.
        for (String name : List.of("fmv.x.w", "fmv.x.s")) {
            r.add(name, (c, w) -> c.setRd(w, c.b.sext32(c.frs1(w))));
        }
        for (String name : List.of("fmv.w.x", "fmv.s.x")) {
            r.add(name, (c, w) -> c.setFrd(w, c.b.or(c.b.zext32(c.rs1(w)), c.constant(NAN_BOX))));
        }
        r.add("fmv.x.d", (c, w) -> c.setRd(w, c.frs1(w)));
        r.add("fmv.d.x", (c, w) -> c.setFrd(w, c.rs1(w)));

        for (String p : List.of(".s", ".d")) {
            for (String op : List.of("fadd", "fsub", "fmul", "fdiv")) {
                rounded(r, op + p, F, F, F);
            }
            rounded(r, "fsqrt" + p, F, F);
            for (String op : List.of("fmadd", "fmsub", "fnmadd", "fnmsub")) {
                rounded(r, op + p, F, F, F, F);
            }
            for (String op : List.of("fsgnj", "fsgnjn", "fsgnjx", "fmin", "fmax")) {
                exact(r, op + p, F, F, F);
            }
            for (String op : List.of("feq", "flt", "fle")) {
                exact(r, op + p, X, F, F);
            }
            exact(r, "fclass" + p, X, F);
            for (String integer : List.of("w", "wu", "l", "lu")) {
                rounded(r, "fcvt." + integer + p, X, F);
                rounded(r, "fcvt" + p + "." + integer, F, X);
            }
        }
        rounded(r, "fcvt.s.d", F, F);
        rounded(r, "fcvt.d.s", F, F);
    }

    /**
     * An instruction with a rounding-mode field: {@code dest = op(sources..., rm)}. With rm = 7
     * the helper reads frm and throws IllegalInstruction when it holds a reserved mode, so that
     * call may fault; a static mode cannot (the decoder rejects 5 and 6).
     */
    private static void rounded(TranslatorRegistry r, String name, File dest, File... sources) {
        Helper staticMode = helper(name, sources.length + 1, false);
        Helper dynamicMode = helper(name, sources.length + 1, true);
        r.add(name, (c, w) -> {
            int[] args = operands(c, w, sources, true);
            int mode = rm(w);
            args[sources.length] = c.constant(mode);
            write(c, w, dest, c.b.call(mode == 7 ? dynamicMode : staticMode, args));
        });
    }

    /** An instruction without a rounding mode: {@code dest = op(sources...)}. */
    private static void exact(TranslatorRegistry r, String name, File dest, File... sources) {
        Helper helper = helper(name, sources.length, false);
        r.add(name, (c, w) -> write(c, w, dest, c.b.call(helper, operands(c, w, sources, false))));
    }

    /** The source registers rs1, rs2, rs3 read from their files, with room for rm when asked. */
    private static int[] operands(TranslationContext c, int w, File[] sources, boolean withRoundingMode) {
        int[] args = new int[sources.length + (withRoundingMode ? 1 : 0)];
        for (int i = 0; i < sources.length; i++) {
            int reg = switch (i) {
                case 0 -> rs1(w);
                case 1 -> rs2(w);
                default -> rs3(w);
            };
            args[i] = sources[i] == F ? c.f(reg) : c.x(reg);
        }
        return args;
    }

    private static void write(TranslationContext c, int w, File dest, int value) {
        if (dest == F) {
            c.setFrd(w, value);
        } else {
            c.setRd(w, value);
        }
    }

    private static Helper helper(String mnemonic, int arity, boolean mayFault) {
        return new Helper(FpOps.class, mnemonic.replace('.', '_'), arity, true, true, false, false, mayFault);
    }
}
