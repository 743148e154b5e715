package dev.emu.engine.cpu;

import dev.emu.engine.mem.GuestMemory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One virtual CPU: the guest's architectural state that translated code reads and writes, and
 * the memory it sees. The ISA decides what the register slots mean (for RISC-V: slots 0-31 are
 * x0-x31, 32-63 are f0-f31 as raw bits); the engine only moves them between this array and the
 * JVM locals of a translated block.
 *
 * <p>Owned by the host thread that runs it; other threads may only read it while it is paused,
 * and set {@link #interruptRequest}.
 */
public final class Vcpu {
    /** Register slots, indexed by the ISA's global numbers. */
    public final long[] regs;
    /** The address of the next instruction to run, valid whenever translated code is not running. */
    public long pc;
    /** Accrued floating-point exception flags (RISC-V fflags layout: NV DZ OF UF NX = bits 4..0). */
    public int fpFlags;
    /** The dynamic rounding mode (RISC-V frm encoding: 0 RNE, 1 RTZ, 2 RDN, 3 RUP, 4 RMM). */
    public int fpRoundingMode;
    /** Load-reserved address for LR/SC, or -1 when no reservation is held. */
    public long reservation = -1;
    /** The value seen by the load-reserved, so SC can compare and swap against it. */
    public long reservationValue;
    /** Instructions retired, kept by the run loop at block granularity. */
    public long instret;
    public final int index;
    public final GuestMemory memory;
    /**
     * Plugins' scoreboard rows of this vCPU, by scoreboard id (inline operations compile to
     * {@code scoreboards[id][slot]}), and the plugins' dispatcher: both null when no plugin is
     * installed. Set on the vCPU's own thread before it runs (see Instrumentation.vcpuInit).
     */
    public long[][] scoreboards;
    public dev.emu.engine.instrument.Instrumentation instrumentation;
    /**
     * Non-zero when the OS layer wants this vCPU back at its next block boundary (a signal
     * arrived, another thread ends the process): any thread may set it; the run loop reads it
     * once per dispatch and regions at their loop back edges. Opaque access is a plain load on
     * the host yet may not be hoisted out of a loop, which a plain read could be once the JIT
     * inlines a block; volatile would also order it, which nothing here needs.
     */
    @SuppressWarnings("unused")
    private int interrupt;
    private static final VarHandle INTERRUPT;

    static {
        try {
            INTERRUPT = MethodHandles.lookup().findVarHandle(Vcpu.class, "interrupt", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    public Vcpu(int index, int registerSlots, GuestMemory memory) {
        this.index = index;
        this.regs = new long[registerSlots];
        this.memory = memory;
    }

    /** Whether an interrupt is requested (the run loop's per-dispatch check). */
    public boolean interruptRequested() {
        return (int) INTERRUPT.getOpaque(this) != 0;
    }

    /** Asks the vCPU to stop at its next block boundary; callable from any thread. */
    public void requestInterrupt() {
        INTERRUPT.setVolatile(this, 1);
    }

    /** Called by the vCPU's own thread before it looks at what was requested. */
    public void clearInterrupt() {
        INTERRUPT.setVolatile(this, 0);
    }

    /**
     * A new vCPU with this one's registers, pc and floating-point state (a new thread's, which
     * then changes what differs); no reservation, no pending request, no instructions retired.
     */
    public Vcpu copy(int newIndex) {
        Vcpu c = new Vcpu(newIndex, regs.length, memory);
        System.arraycopy(regs, 0, c.regs, 0, regs.length);
        c.pc = pc;
        c.fpFlags = fpFlags;
        c.fpRoundingMode = fpRoundingMode;
        return c;
    }
}
