package dev.emu.engine.linux;

import dev.emu.engine.cpu.Vcpu;
import dev.emu.engine.exec.FatalSignal;
import dev.emu.engine.exec.GuestTrap;
import dev.emu.engine.mem.GuestMemory;
import dev.emu.engine.mem.MemoryFault;
import dev.emu.engine.mem.Protection;

/**
 * Acting on signals, on the thread that takes them: the run loop calls in at a block boundary
 * when the vCPU was flagged ({@link #interrupted}) and when an instruction traps
 * ({@link #trap}). A signal is ignored, ends the process ({@link FatalSignal}), or runs its
 * handler: a {@link SignalFrame} is pushed (on the alternate stack with SA_ONSTACK), the
 * handler's mask applied, and the vCPU pointed at the handler with its return address at the
 * sigreturn trampoline, a page of the ISA's code mapped on first use (riscv64's glibc sets no
 * sa_restorer; Linux has the vDSO's, which emu does not provide). {@link #sigreturn} undoes it.
 *
 * <p>Interrupted syscalls: a blocking call that a signal cuts short fails with an ERESTART*
 * code, which {@link #syscallInterrupted} turns into EINTR while remembering it; once the
 * signals are handled the call is restarted (pc back on the syscall instruction, first
 * argument back in place) when no handler ran, or when the handler has SA_RESTART and the
 * call allows it, as Linux's signal code does.
 */
final class SignalDelivery {
    /** Restart if the handler has SA_RESTART, else EINTR. */
    static final int ERESTARTSYS = 512;
    /** Always restart. */
    static final int ERESTARTNOINTR = 513;
    /** Restart only if no handler ran (pause, sigsuspend, sigtimedwait). */
    static final int ERESTARTNOHAND = 514;
    /** As ERESTARTNOHAND (nanosleep; Linux restarts it with the time left). */
    static final int ERESTART_RESTARTBLOCK = 516;

    private final LinuxProcess process;
    private final SignalState state;
    private final MachineContext context;
    private long trampoline;

    SignalDelivery(LinuxProcess process) {
        this.process = process;
        this.state = process.signals();
        this.context = process.target().machineContext();
    }

    static boolean isRestartCode(long result) {
        return result <= -ERESTARTSYS && result >= -ERESTART_RESTARTBLOCK;
    }

    /** A syscall ended with ERESTART*: remembered until the signals are handled. */
    void syscallInterrupted(Vcpu cpu, int code, long arg0) {
        GuestThread t = process.thread(cpu);
        t.interruptedSyscall = code;
        t.interruptedArg0 = arg0;
        cpu.requestInterrupt();
    }

    /** The vCPU stopped at a block boundary: act on every signal it does not block. */
    void interrupted(Vcpu cpu) {
        cpu.clearInterrupt();
        GuestThread t = process.thread(cpu);
        t.cpu = cpu;
        SignalInfo info;
        while ((info = state.take(t, ~t.blockedSignals)) != null) {
            act(cpu, t, info);
        }
        if (t.interruptedSyscall != 0) {
            restart(cpu, t); // no handler ran: the call goes on as if nothing happened
        }
        if (t.hasSavedMask) {
            t.hasSavedMask = false;
            state.setBlocked(t, t.savedMask);
        }
    }

    /** A fault or trap at cpu.pc: its handler runs unless it is blocked, ignored or unset. */
    void trap(Vcpu cpu, GuestTrap trap, long address) {
        GuestThread t = process.thread(cpu);
        t.cpu = cpu;
        SignalState.Action action = state.action(trap.signal);
        boolean blocked = (t.blockedSignals & Signals.bit(trap.signal)) != 0;
        if (blocked || action.handler() == SignalState.SIG_DFL || action.handler() == SignalState.SIG_IGN
                || context == null) {
            throw new FatalSignal(trap.signal, address); // Linux forces the default action
        }
        runHandler(cpu, t, SignalInfo.fault(trap.signal, trap.code, address), action);
    }

    private void act(Vcpu cpu, GuestThread t, SignalInfo info) {
        int signal = info.signal();
        SignalState.Action action = state.action(signal);
        if (action.handler() == SignalState.SIG_IGN) {
            return;
        }
        if (action.handler() == SignalState.SIG_DFL || context == null) {
            switch (Signals.defaultAction(signal)) {
                // A stop cannot be emulated inside one host process: it is ignored, like continue.
                case IGNORE, STOP, CONTINUE -> { }
                case TERMINATE, CORE_DUMP -> throw new FatalSignal(signal, info.first());
            }
            return;
        }
        runHandler(cpu, t, info, action);
    }

    private void runHandler(Vcpu cpu, GuestThread t, SignalInfo info, SignalState.Action action) {
        int signal = info.signal();
        if (t.interruptedSyscall != 0) {
            boolean again = t.interruptedSyscall == ERESTARTNOINTR
                    || t.interruptedSyscall == ERESTARTSYS && (action.flags() & SignalState.SA_RESTART) != 0;
            if (again) {
                restart(cpu, t);
            } else {
                t.interruptedSyscall = 0; // a0 already holds -EINTR
            }
        }
        GuestMemory m = process.memory();
        int spSlot = process.target().stackPointerSlot();
        long sp = cpu.regs[spSlot];
        boolean wasOnAltStack = t.onAltStack(sp);
        if ((action.flags() & SignalState.SA_ONSTACK) != 0 && t.altStackSize != 0 && !wasOnAltStack) {
            sp = t.altStackBase + t.altStackSize;
        }
        long frame = SignalFrame.place(sp, context);
        if (wasOnAltStack && !t.onAltStack(frame)) {
            throw new FatalSignal(Signals.SIGSEGV, frame); // the alternate stack overflowed
        }
        long mask = t.hasSavedMask ? t.savedMask : t.blockedSignals;
        t.hasSavedMask = false;
        int stackFlags = t.altStackSize == 0 ? GuestThread.SS_DISABLE : wasOnAltStack ? GuestThread.SS_ONSTACK : 0;
        try {
            SignalFrame.write(m, frame, cpu, context, info, mask, t, stackFlags | t.altStackFlags & GuestThread.SS_AUTODISARM);
        } catch (MemoryFault e) {
            throw new FatalSignal(Signals.SIGSEGV, e.address); // no room for the frame: Linux forces SIGSEGV
        }
        if ((t.altStackFlags & GuestThread.SS_AUTODISARM) != 0) {
            disarmAltStack(t);
        }
        boolean ownRestorer = (action.flags() & SignalState.SA_RESTORER) != 0 && process.target().sigactionHasRestorer();
        long returnAddress = ownRestorer ? action.restorer() : trampoline();
        long ucontext = frame + SignalFrame.UCONTEXT;
        context.enterHandler(cpu, action.handler(), signal, frame, ucontext, frame, returnAddress);
        cpu.reservation = -1; // a trap ends any LR reservation
        long deferred = (action.flags() & SignalState.SA_NODEFER) != 0 ? 0 : Signals.bit(signal);
        state.setBlocked(t, t.blockedSignals | action.mask() | deferred);
        if ((action.flags() & SignalState.SA_RESETHAND) != 0) {
            state.setAction(signal, SignalState.Action.DEFAULT);
        }
    }

    private static void disarmAltStack(GuestThread t) {
        t.altStackBase = 0;
        t.altStackSize = 0;
        t.altStackFlags = GuestThread.SS_DISABLE;
    }

    private void restart(Vcpu cpu, GuestThread t) {
        cpu.pc -= context != null ? context.syscallInstructionLength() : 0;
        cpu.regs[process.target().syscallAbi().resultSlot()] = t.interruptedArg0;
        t.interruptedSyscall = 0;
    }

    /**
     * rt_sigreturn: registers, pc, mask and alternate stack back from the frame at sp. Returns
     * the restored result register, which the syscall layer then writes back unchanged.
     */
    long sigreturn(Vcpu cpu) {
        GuestThread t = process.thread(cpu);
        GuestMemory m = process.memory();
        long frame = cpu.regs[process.target().stackPointerSlot()];
        if (context == null) {
            throw new FatalSignal(Signals.SIGSEGV, frame);
        }
        try {
            long mask = SignalFrame.mask(m, frame);
            long[] stack = SignalFrame.altStack(m, frame);
            SignalFrame.restoreRegisters(m, frame, cpu, context);
            restoreAltStack(t, stack, cpu.regs[process.target().stackPointerSlot()]);
            state.setBlocked(t, mask);
        } catch (MemoryFault e) {
            throw new FatalSignal(Signals.SIGSEGV, e.address); // a bad frame: Linux forces SIGSEGV
        }
        t.interruptedSyscall = 0;
        return cpu.regs[process.target().syscallAbi().resultSlot()];
    }

    /** As sigaltstack with the saved stack_t would, errors ignored (Linux's restore_altstack). */
    private static void restoreAltStack(GuestThread t, long[] stack, long sp) {
        int flags = (int) stack[1];
        if (t.onAltStack(sp)) {
            return; // sigaltstack refuses to change the stack one is running on
        }
        if ((flags & GuestThread.SS_DISABLE) != 0) {
            disarmAltStack(t);
        } else if (stack[2] >= SignalSyscalls.MINSIGSTKSZ) {
            t.altStackBase = stack[0];
            t.altStackSize = stack[2];
            t.altStackFlags = flags & GuestThread.SS_AUTODISARM;
        }
    }

    /** The page holding the ISA's sigreturn code, mapped read-execute the first time a handler runs. */
    private synchronized long trampoline() {
        if (trampoline == 0) {
            AddressSpace as = process.addressSpace();
            long page;
            try {
                page = as.mmap(0, GuestMemory.PAGE_SIZE, Protection.RW,
                        AddressSpace.MAP_PRIVATE | AddressSpace.MAP_ANONYMOUS, null, 0);
            } catch (java.io.IOException | SyscallError e) {
                throw new FatalSignal(Signals.SIGSEGV, 0); // no room for one page: the frame cannot be set up
            }
            UserMemory.write(process.memory(), page, context.sigreturnCode());
            as.mprotect(page, GuestMemory.PAGE_SIZE, Protection.READ | Protection.EXEC);
            trampoline = page;
        }
        return trampoline;
    }
}
