package dev.emu.engine.linux;

import dev.emu.engine.cpu.Vcpu;
import dev.emu.engine.mem.GuestMemory;

import static dev.emu.engine.linux.SyscallNumbers.*;

/**
 * Signal dispositions, masks, sending and waiting: rt_sigaction, rt_sigprocmask, sigaltstack;
 * kill/tkill/tgkill/rt_sigqueueinfo to the process itself (signals to other host processes are
 * not sent); rt_sigsuspend, rt_sigtimedwait, rt_sigpending; rt_sigreturn, which returns from a
 * handler ({@link SignalDelivery}). A signal sent here is acted on when the syscall returns.
 */
final class SignalSyscalls {
    private SignalSyscalls() {}

    static final int SIG_BLOCK = 0;
    static final int SIG_UNBLOCK = 1;
    static final int SIG_SETMASK = 2;
    static final int SIGSET_SIZE = 8;
    /** The asm-generic MINSIGSTKSZ, below which sigaltstack refuses a stack. */
    static final int MINSIGSTKSZ = 2048;
    private static final long UNBLOCKABLE = SignalState.UNBLOCKABLE;
    static final int RT_SIGQUEUEINFO = 138;

    static void register(SyscallTable t) {
        t.define(RT_SIGACTION, "rt_sigaction(d,p,p,u)", SignalSyscalls::rtSigaction);
        t.define(RT_SIGPROCMASK, "rt_sigprocmask(d,p,p,u)", SignalSyscalls::rtSigprocmask);
        t.define(SIGALTSTACK, "sigaltstack(p,p)", SignalSyscalls::sigaltstack);
        t.define(KILL, "kill(d,d)", SignalSyscalls::kill);
        t.define(TKILL, "tkill(d,d)", (p, cpu, a) -> signalThread(p, cpu, p.pid(), (int) a[0], (int) a[1]));
        t.define(TGKILL, "tgkill(d,d,d)", (p, cpu, a) -> signalThread(p, cpu, (int) a[0], (int) a[1], (int) a[2]));
        t.define(RT_SIGQUEUEINFO, "rt_sigqueueinfo(d,d,p)", SignalSyscalls::rtSigqueueinfo);
        t.define(RT_SIGRETURN, "rt_sigreturn()", (p, cpu, a) -> p.delivery().sigreturn(cpu));
        t.define(RT_SIGSUSPEND, "rt_sigsuspend(p,u)", SignalSyscalls::rtSigsuspend);
        t.define(RT_SIGPENDING, "rt_sigpending(p,u)", SignalSyscalls::rtSigpending);
        t.define(RT_SIGTIMEDWAIT, "rt_sigtimedwait(p,p,p,u)", SignalSyscalls::rtSigtimedwait);
        SignalTimers.register(t);
    }

    static long rtSigaction(LinuxProcess p, Vcpu cpu, long[] a) {
        int signal = (int) a[0];
        if (a[3] != SIGSET_SIZE || !Signals.isValid(signal) || a[1] != 0 && Signals.isUncatchable(signal)) {
            throw new SyscallError(Errno.EINVAL);
        }
        GuestMemory m = p.memory();
        boolean restorer = p.target().sigactionHasRestorer();
        int maskOffset = restorer ? 24 : 16;
        SignalState.Action old = p.signals().action(signal);
        if (a[1] != 0) {
            long handler = GuestMemory.load64(m, a[1]);
            long flags = GuestMemory.load64(m, a[1] + 8);
            long restorerAddr = restorer ? GuestMemory.load64(m, a[1] + 16) : 0;
            long mask = GuestMemory.load64(m, a[1] + maskOffset) & ~UNBLOCKABLE;
            p.signals().setAction(signal, new SignalState.Action(handler, flags, restorerAddr, mask));
            SignalForwarding.follow(p, signal, handler);
        }
        if (a[2] != 0) {
            GuestMemory.store64(m, a[2], old.handler());
            GuestMemory.store64(m, a[2] + 8, old.flags());
            if (restorer) {
                GuestMemory.store64(m, a[2] + 16, old.restorer());
            }
            GuestMemory.store64(m, a[2] + maskOffset, old.mask());
        }
        return 0;
    }

    static long rtSigprocmask(LinuxProcess p, Vcpu cpu, long[] a) {
        if (a[3] != SIGSET_SIZE) {
            throw new SyscallError(Errno.EINVAL);
        }
        GuestThread thread = p.thread(cpu);
        long old = thread.blockedSignals;
        if (a[1] != 0) {
            long set = GuestMemory.load64(p.memory(), a[1]);
            long mask = switch ((int) a[0]) {
                case SIG_BLOCK -> old | set;
                case SIG_UNBLOCK -> old & ~set;
                case SIG_SETMASK -> set;
                default -> throw new SyscallError(Errno.EINVAL);
            };
            if (a[2] != 0) {
                GuestMemory.store64(p.memory(), a[2], old);
            }
            p.signals().setBlocked(thread, mask);
        } else if (a[2] != 0) {
            GuestMemory.store64(p.memory(), a[2], old);
        }
        return 0;
    }

    /** stack_t: ss_sp at 0, ss_flags (int) at 8, ss_size at 16. */
    static long sigaltstack(LinuxProcess p, Vcpu cpu, long[] a) {
        GuestMemory m = p.memory();
        GuestThread t = p.thread(cpu);
        long newBase = 0;
        long newSize = 0;
        int newFlags = 0;
        if (a[0] != 0) {
            newBase = GuestMemory.load64(m, a[0]);
            newFlags = (int) GuestMemory.load32(m, a[0] + 8);
            newSize = GuestMemory.load64(m, a[0] + 16);
            int mode = newFlags & ~GuestThread.SS_AUTODISARM;
            if (mode != 0 && mode != GuestThread.SS_DISABLE && mode != GuestThread.SS_ONSTACK) {
                throw new SyscallError(Errno.EINVAL);
            }
            if (mode != GuestThread.SS_DISABLE && newSize < MINSIGSTKSZ) {
                throw new SyscallError(Errno.ENOMEM);
            }
        }
        long sp = cpu.regs[p.target().stackPointerSlot()];
        boolean onStack = t.onAltStack(sp);
        if (a[1] != 0) {
            int flags = t.altStackFlags;
            if (onStack) {
                flags = GuestThread.SS_ONSTACK | t.altStackFlags & GuestThread.SS_AUTODISARM;
            }
            GuestMemory.store64(m, a[1], t.altStackBase);
            GuestMemory.store32(m, a[1] + 8, flags);
            GuestMemory.store32(m, a[1] + 12, 0);
            GuestMemory.store64(m, a[1] + 16, t.altStackSize);
        }
        if (a[0] != 0) {
            if (onStack) {
                throw new SyscallError(Errno.EPERM); // the stack one is running on cannot change
            }
            boolean disable = (newFlags & GuestThread.SS_DISABLE) != 0;
            t.altStackBase = disable ? 0 : newBase;
            t.altStackSize = disable ? 0 : newSize;
            t.altStackFlags = disable ? GuestThread.SS_DISABLE : newFlags & GuestThread.SS_AUTODISARM;
        }
        return 0;
    }

    /** kill: to this process (its pid, or 0 for its own group); other processes are not reachable. */
    static long kill(LinuxProcess p, Vcpu cpu, long[] a) {
        int pid = (int) a[0];
        int signal = (int) a[1];
        if (signal < 0 || signal > Signals.MAX) {
            throw new SyscallError(Errno.EINVAL);
        }
        if (pid != p.pid() && pid != 0 && pid != -p.pid()) {
            throw new SyscallError(pid > 0 && ProcessHandle.of(pid).isEmpty() ? Errno.ESRCH : Errno.EPERM);
        }
        if (signal != 0) {
            p.signals().sendToProcess(p.threadList(), fromSelf(p, signal, SignalInfo.SI_USER));
        }
        return 0;
    }

    private static SignalInfo fromSelf(LinuxProcess p, int signal, int code) {
        return SignalInfo.fromProcess(signal, code, p.pid(), p.uid());
    }

    static long signalThread(LinuxProcess p, Vcpu cpu, int tgid, int tid, int signal) {
        if (tgid <= 0 || tid <= 0 || signal < 0 || signal > Signals.MAX) {
            throw new SyscallError(Errno.EINVAL);
        }
        GuestThread target = tgid == p.pid() ? p.threadList().stream().filter(t -> t.tid == tid).findFirst().orElse(null) : null;
        if (target == null) {
            throw new SyscallError(Errno.ESRCH);
        }
        if (signal != 0) {
            p.signals().sendToThread(target, fromSelf(p, signal, SignalInfo.SI_TKILL));
        }
        return 0;
    }

    /** rt_sigqueueinfo to this process: the guest's siginfo, whose si_code must not claim the kernel. */
    static long rtSigqueueinfo(LinuxProcess p, Vcpu cpu, long[] a) {
        int signal = (int) a[1];
        if (!Signals.isValid(signal)) {
            throw new SyscallError(Errno.EINVAL);
        }
        SignalInfo info = SignalInfo.read(p.memory(), a[2], signal);
        if (info.code() >= 0 || info.code() == SignalInfo.SI_TKILL) {
            throw new SyscallError(Errno.EPERM);
        }
        if ((int) a[0] != p.pid()) {
            throw new SyscallError(Errno.ESRCH);
        }
        p.signals().sendToProcess(p.threadList(), info);
        return 0;
    }

    /** Waits with the given mask until a handler is due; the old mask comes back with the handler's return. */
    static long rtSigsuspend(LinuxProcess p, Vcpu cpu, long[] a) {
        if (a[1] != SIGSET_SIZE) {
            throw new SyscallError(Errno.EINVAL);
        }
        GuestThread t = p.thread(cpu);
        long mask = GuestMemory.load64(p.memory(), a[0]);
        t.savedMask = t.blockedSignals;
        t.hasSavedMask = true;
        p.signals().setBlocked(t, mask);
        p.signals().park(t, Long.MAX_VALUE);
        throw new SyscallError(SignalDelivery.ERESTARTNOHAND);
    }

    static long rtSigpending(LinuxProcess p, Vcpu cpu, long[] a) {
        if (a[1] > SIGSET_SIZE) {
            throw new SyscallError(Errno.EINVAL);
        }
        long set = p.signals().pendingBlocked(p.thread(cpu));
        for (int i = 0; i < a[1]; i++) {
            GuestMemory.store8(p.memory(), a[0] + i, (byte) (set >>> 8 * i));
        }
        return 0;
    }

    /**
     * Takes a pending signal of the set (normally blocked ones) and returns its number, with its
     * siginfo when asked; waits for one until the timeout (EAGAIN), or EINTR when a signal not
     * in the set is handled meanwhile.
     */
    static long rtSigtimedwait(LinuxProcess p, Vcpu cpu, long[] a) {
        if (a[3] != SIGSET_SIZE) {
            throw new SyscallError(Errno.EINVAL);
        }
        GuestMemory m = p.memory();
        GuestThread t = p.thread(cpu);
        long set = GuestMemory.load64(m, a[0]) & ~UNBLOCKABLE;
        long deadline = a[2] == 0 ? Long.MAX_VALUE : System.nanoTime() + TimeSyscalls.readTimespec(m, a[2]);
        SignalState signals = p.signals();
        try {
            signals.setWaitingFor(t, set);
            while (true) {
                SignalInfo info = signals.take(t, set);
                if (info != null) {
                    if (a[1] != 0) {
                        info.write(m, a[1]);
                    }
                    return info.signal();
                }
                if (!signals.park(t, deadline)) {
                    throw new SyscallError(Errno.EAGAIN);
                }
                if (signals.hasDeliverableOutside(t, set)) {
                    throw new SyscallError(SignalDelivery.ERESTARTNOHAND);
                }
            }
        } finally {
            signals.setWaitingFor(t, 0);
        }
    }
}
