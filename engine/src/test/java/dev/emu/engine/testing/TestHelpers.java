package dev.emu.engine.testing;

import dev.emu.engine.cpu.IllegalInstruction;
import dev.emu.engine.cpu.Vcpu;
import dev.emu.engine.ir.Helper;

/** Helpers for backend tests, one of each kind: pure, status-only, register readers and writers, faulting. */
public final class TestHelpers {
    private TestHelpers() {}

    /** Slots the register-reading and -writing helpers look at. */
    public static final int SLOTS = 12;

    public static final Helper MIX = Helper.pure(TestHelpers.class, "mix", 2);
    public static final Helper ACCRUE = Helper.withVcpu(TestHelpers.class, "accrue", 1);
    public static final Helper SUM_REGS = new Helper(TestHelpers.class, "sumRegs", 0, true, true, true, false, false);
    public static final Helper SCRAMBLE = new Helper(TestHelpers.class, "scramble", 1, true, false, true, true, false);
    public static final Helper CHECKED = new Helper(TestHelpers.class, "checked", 1, false, true, false, false, true);
    public static final Helper WRITE_THEN_FAULT = new Helper(TestHelpers.class, "writeThenFault", 1, true, false, false, true, true);
    public static final Helper NOTE = new Helper(TestHelpers.class, "note", 1, false, false, false, false, false);

    public static long mix(long a, long b) {
        return a * 31 ^ b;
    }

    public static long accrue(Vcpu cpu, long a) {
        cpu.fpFlags |= (int) (a & 31);
        return a + 1;
    }

    /** Depends on every slot, so a value not written back before the call shows. */
    public static long sumRegs(Vcpu cpu) {
        long sum = 0;
        for (int i = 0; i < SLOTS; i++) {
            sum = sum * 1_000_003 + cpu.regs[i];
        }
        return sum;
    }

    public static void scramble(Vcpu cpu, long v) {
        int slot = (int) (v & 7);
        cpu.regs[slot] = cpu.regs[slot] * 3 + v;
    }

    public static long checked(long v) {
        if ((v & 7) == 0) {
            throw new IllegalInstruction("checked(" + v + ")");
        }
        return v ^ 0x5555;
    }

    /** Writes slot 1, then faults when v's low bits are clear: the write must survive. */
    public static void writeThenFault(Vcpu cpu, long v) {
        cpu.regs[1] = v;
        if ((v & 3) == 0) {
            throw new IllegalInstruction("writeThenFault(" + v + ")");
        }
    }

    public static long noted;

    public static void note(long v) {
        noted = v;
    }
}
