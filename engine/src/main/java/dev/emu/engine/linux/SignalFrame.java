package dev.emu.engine.linux;

import dev.emu.engine.cpu.Vcpu;
import dev.emu.engine.mem.GuestMemory;

/**
 * The frame Linux pushes on the stack to run a signal handler (struct rt_sigframe of the
 * asm-generic ISAs): siginfo_t (128 bytes), then the ucontext the handler's third argument
 * points to and rt_sigreturn reads back:
 *
 * <pre>
 *   ucontext +0    uc_flags (0)          +8  uc_link (0)
 *            +16   uc_stack: ss_sp, ss_flags (int), ss_size
 *            +40   uc_sigmask: the mask to restore on return
 *            +48   unused, to 1024 bits of sigset
 *            +176  uc_mcontext, 16-byte aligned: the ISA's registers ({@link MachineContext})
 * </pre>
 *
 * The frame starts 16-byte aligned below the interrupted stack pointer (or at the top of the
 * alternate stack), so on riscv64 it is the 1088 bytes AT_MINSIGSTKSZ announces.
 */
final class SignalFrame {
    private SignalFrame() {}

    static final int UCONTEXT = SignalInfo.SIZE;
    static final int UC_STACK = 16;
    static final int UC_SIGMASK = 40;
    static final int UC_MCONTEXT = 176;
    static final long ALIGN = 16;

    static long size(MachineContext context) {
        return UCONTEXT + UC_MCONTEXT + context.size();
    }

    /** Where a frame goes for a stack pointer (already moved to the alternate stack if so). */
    static long place(long sp, MachineContext context) {
        return (sp - size(context)) & -ALIGN;
    }

    /**
     * Writes the frame at {@code frame}: the signal's info, the stack_t of the alternate stack
     * as it was ({@code stackFlags} already says whether sp was on it), the mask, the registers.
     */
    static void write(GuestMemory m, long frame, Vcpu cpu, MachineContext context, SignalInfo info, long mask,
                      GuestThread t, int stackFlags) {
        info.write(m, frame);
        long uc = frame + UCONTEXT;
        for (long off = 0; off < UC_MCONTEXT; off += 8) {
            GuestMemory.store64(m, uc + off, 0);
        }
        GuestMemory.store64(m, uc + UC_STACK, t.altStackBase);
        GuestMemory.store32(m, uc + UC_STACK + 8, stackFlags);
        GuestMemory.store64(m, uc + UC_STACK + 16, t.altStackSize);
        GuestMemory.store64(m, uc + UC_SIGMASK, mask);
        context.save(cpu, m, uc + UC_MCONTEXT);
    }

    static long mask(GuestMemory m, long frame) {
        return GuestMemory.load64(m, frame + UCONTEXT + UC_SIGMASK);
    }

    /** The saved stack_t: {ss_sp, ss_flags, ss_size}. */
    static long[] altStack(GuestMemory m, long frame) {
        long uc = frame + UCONTEXT + UC_STACK;
        return new long[] {GuestMemory.load64(m, uc), (int) GuestMemory.load32(m, uc + 8), GuestMemory.load64(m, uc + 16)};
    }

    static void restoreRegisters(GuestMemory m, long frame, Vcpu cpu, MachineContext context) {
        context.restore(cpu, m, frame + UCONTEXT + UC_MCONTEXT);
    }
}
