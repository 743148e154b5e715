package dev.emu.engine.linux;

import dev.emu.engine.cpu.Vcpu;
import dev.emu.engine.mem.GuestMemory;

import static dev.emu.engine.linux.SyscallNumbers.*;

/**
 * Signal dispositions, masks and sending: rt_sigaction and rt_sigprocmask record what the
 * guest asks (delivery to handlers comes with signal frames), sigaltstack records the
 * alternate stack, kill/tkill/tgkill to the process itself act on the signal at once (abort()
 * ends here). Signals to other host processes are not forwarded.
 */
final class SignalSyscalls {
    private SignalSyscalls() {}

    static final int SIG_BLOCK = 0;
    static final int SIG_UNBLOCK = 1;
    static final int SIG_SETMASK = 2;
    static final int SIGSET_SIZE = 8;
    /** The asm-generic MINSIGSTKSZ, below which sigaltstack refuses a stack. */
    static final int MINSIGSTKSZ = 2048;
    private static final long UNBLOCKABLE = Signals.bit(Signals.SIGKILL) | Signals.bit(Signals.SIGSTOP);

    static void register(SyscallTable t) {
        t.define(RT_SIGACTION, "rt_sigaction(d,p,p,u)", SignalSyscalls::rtSigaction);
        t.define(RT_SIGPROCMASK, "rt_sigprocmask(d,p,p,u)", SignalSyscalls::rtSigprocmask);
        t.define(SIGALTSTACK, "sigaltstack(p,p)", SignalSyscalls::sigaltstack);
        t.define(KILL, "kill(d,d)", SignalSyscalls::kill);
        t.define(TKILL, "tkill(d,d)", (p, cpu, a) -> signalThread(p, cpu, p.pid(), (int) a[0], (int) a[1]));
        t.define(TGKILL, "tgkill(d,d,d)", (p, cpu, a) -> signalThread(p, cpu, (int) a[0], (int) a[1], (int) a[2]));
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
            thread.blockedSignals = mask & ~UNBLOCKABLE;
        }
        if (a[2] != 0) {
            GuestMemory.store64(p.memory(), a[2], old);
        }
        p.signals().deliverUnblocked(thread);
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
        if (a[1] != 0) {
            GuestMemory.store64(m, a[1], t.altStackBase);
            GuestMemory.store32(m, a[1] + 8, t.altStackFlags);
            GuestMemory.store32(m, a[1] + 12, 0);
            GuestMemory.store64(m, a[1] + 16, t.altStackSize);
        }
        if (a[0] != 0) {
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
            p.signals().raise(p.thread(cpu), signal);
        }
        return 0;
    }

    static long signalThread(LinuxProcess p, Vcpu cpu, int tgid, int tid, int signal) {
        if (tgid <= 0 || tid <= 0 || signal < 0 || signal > Signals.MAX) {
            throw new SyscallError(Errno.EINVAL);
        }
        GuestThread self = p.thread(cpu);
        if (tgid != p.pid() || tid != self.tid) {
            throw new SyscallError(Errno.ESRCH);
        }
        if (signal != 0) {
            p.signals().raise(self, signal);
        }
        return 0;
    }
}
