package dev.emu.isa.riscv.translate;

import dev.emu.engine.exec.FatalSignal;
import dev.emu.engine.ir.IrBlock;
import dev.emu.engine.ir.IrBuilder;
import dev.emu.engine.ir.IrOp;
import dev.emu.engine.ir.Opcode;
import dev.emu.isa.riscv.decode.Extension;
import dev.emu.isa.riscv.decode.RiscvDecoder;
import dev.emu.isa.riscv.fp.FpOps;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.emu.isa.riscv.translate.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * F and D: loads, stores and moves run as IR; the rest is checked as the call it becomes (which
 * FpOps method, which register slots in, which slot out, which rounding mode), and run once
 * FpOps exists.
 */
class FloatTranslatorsTest {
    private static final TranslatorRegistry REGISTRY = TranslatorRegistry.standard();
    private static final RiscvDecoder DECODER = new RiscvDecoder(Extension.all());
    private static final int F = TranslationContext.FPR_BASE;
    private static final long ONE_S = 0x3f80_0000L;
    private static final long BOX = 0xffff_ffff_0000_0000L;
    private static final long ONE_D = 0x3ff0_0000_0000_0000L;

    /** The call an instruction becomes: helper name, the slots its arguments come from (-1 for a constant), the rm constant, the slot written. */
    private record Call(String helper, List<Integer> argSlots, long rm, int resultSlot, boolean mayFault) {}

    private static Call call(int word) {
        IrBlock block = new IrBlock(0);
        REGISTRY.get(DECODER.decode(word).name()).translate(new TranslationContext(new IrBuilder(block), 0, 4), word);
        IrOp[] byTemp = new IrOp[block.temps];
        IrOp call = null;
        int resultSlot = -1;
        for (IrOp op : block.ops) {
            if (op.dst >= 0) {
                byTemp[op.dst] = op;
            }
            if (op.op == Opcode.CALL) {
                call = op;
            }
            if (op.op == Opcode.SET && call != null && op.args[0] == call.dst) {
                resultSlot = op.aux;
            }
        }
        List<Integer> slots = new ArrayList<>();
        long rm = -1;
        for (int arg : call.args) {
            IrOp def = byTemp[arg];
            slots.add(def.op == Opcode.GET ? def.aux : -1);
            if (def.op == Opcode.CONST) {
                rm = def.imm;
            }
        }
        assertEquals(FpOps.class, call.helper.owner());
        assertTrue(call.helper.takesVcpu());
        return new Call(call.helper.name(), slots, rm, resultSlot, call.helper.mayFault());
    }

    @Test
    void arithmeticPassesRegistersAndTheStaticRoundingMode() {
        assertEquals(new Call("fadd_d", List.of(F + 2, F + 3, -1), 1, F + 1, false), call(asm("fadd.d", 1, 2, 3, 1)));
        assertEquals(new Call("fmadd_s", List.of(F + 2, F + 3, F + 4, -1), 7, F + 1, true), call(asm("fmadd.s", 1, 2, 3, 4)));
        assertEquals(new Call("fsqrt_s", List.of(F + 5, -1), 0, F + 6, false), call(asm("fsqrt.s", 6, 5, 0)));
        assertEquals(new Call("fmin_d", List.of(F + 2, F + 3), -1, F + 1, false), call(asm("fmin.d", 1, 2, 3)));
    }

    @Test
    void conversionsAndComparisonsCrossRegisterFiles() {
        assertEquals(new Call("fcvt_w_d", List.of(F + 2, -1), 1, A0, false), call(asm("fcvt.w.d", A0, 2, 1)));
        assertEquals(new Call("fcvt_s_lu", List.of(A1, -1), 7, F + 4, true), call(asm("fcvt.s.lu", 4, A1)));
        assertEquals(new Call("feq_s", List.of(F + 1, F + 2), -1, A2, false), call(asm("feq.s", A2, 1, 2)));
        assertEquals(new Call("fclass_d", List.of(F + 9), -1, A3, false), call(asm("fclass.d", A3, 9)));
        // exact conversions still pass their rm field, 000 in the printed form
        assertEquals(new Call("fcvt_d_w", List.of(A1, -1), 0, F + 1, false), call(asm("fcvt.d.w", 1, A1)));
        assertEquals(new Call("fcvt_d_s", List.of(F + 2, -1), 3, F + 1, false), call(asm("fcvt.d.s", 1, 2, 3)));
    }

    @Test
    void aResultForX0IsDroppedButTheCallStays() {
        assertEquals(-1, call(asm("fcvt.l.d", ZERO, 2)).resultSlot());
    }

    @Test
    void loadsBoxSinglesAndStoresKeepRawBits() {
        Machine m = new Machine().x(A0, Machine.DATA).data(0, ONE_S, 4).data(8, ONE_D, 8)
                .f(3, 0x1234_5678_4000_0000L).f(4, ONE_D).code(
                asm("flw", 1, 0, A0), asm("fld", 2, 8, A0), asm("fsw", 3, 16, A0), asm("fsd", 4, 24, A0)).run();
        assertEquals(BOX | ONE_S, m.f(1));
        assertEquals(ONE_D, m.f(2));
        assertEquals(0x4000_0000L, m.load(Machine.DATA + 16, 8), "fsw stores the low word, boxed or not");
        assertEquals(ONE_D, m.load(Machine.DATA + 24, 8));
    }

    @Test
    void rawMoves() {
        Machine m = new Machine().x(A1, 0x1234_5678_bf80_0000L).x(A2, ONE_D).f(5, 0x0000_0000_c000_0000L).f(6, -3L).code(
                asm("fmv.w.x", 1, A1), asm("fmv.d.x", 2, A2), asm("fmv.x.w", A3, 5), asm("fmv.x.d", A4, 6)).run();
        assertEquals(BOX | 0xbf80_0000L, m.f(1), "fmv.w.x boxes the low word");
        assertEquals(ONE_D, m.f(2));
        assertEquals(0xffff_ffff_c000_0000L, m.x(A3), "fmv.x.w sign-extends, ignoring the boxing");
        assertEquals(-3L, m.x(A4));
    }

    @Test
    void arithmeticRunsThroughFpOps() {
        Assumptions.assumeTrue(FpOps.class.getDeclaredMethods().length > 0, "FpOps not written yet");
        Machine m = new Machine().f(1, 0x3ff8_0000_0000_0000L).f(2, 0x4002_0000_0000_0000L).code(   // 1.5, 2.25
                asm("fadd.d", 3, 1, 2), asm("fmul.d", 4, 1, 2), asm("fcvt.l.d", A0, 4, 1), asm("flt.d", A1, 1, 2),
                asm("fcvt.s.d", 5, 3), asm("fmv.x.w", A2, 5)).run();
        assertEquals(Double.doubleToRawLongBits(3.75), m.f(3));
        assertEquals(Double.doubleToRawLongBits(3.375), m.f(4));
        assertEquals(3, m.x(A0));
        assertEquals(1, m.x(A1));
        assertEquals(Float.floatToRawIntBits(3.75f), m.x(A2));
        assertEquals(1, m.cpu.fpFlags, "NX from the truncating fcvt.l.d only");
    }

    @Test
    void aReservedFrmMakesDynamicRoundingIllegal() {
        Assumptions.assumeTrue(FpOps.class.getDeclaredMethods().length > 0, "FpOps not written yet");
        Machine m = new Machine().f(1, ONE_D).f(2, ONE_D).code(asm("addi", A0, ZERO, 7), asm("fadd.d", 3, 1, 2));
        m.initialRoundingMode = 5;
        FatalSignal stop = assertInstanceOf(FatalSignal.class, m.runExpectingStop());
        assertEquals(FatalSignal.SIGILL, stop.signal);
        assertEquals(Machine.CODE + 4, stop.address);
        assertEquals(7, m.x(A0), "the instruction before it ran");
        // a static mode does not look at frm
        Machine ok = new Machine().f(1, ONE_D).f(2, ONE_D).code(asm("fadd.d", 3, 1, 2, 0));
        ok.initialRoundingMode = 5;
        assertEquals(0x4000_0000_0000_0000L, ok.run().f(3));
    }
}
