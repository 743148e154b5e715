package dev.emu.engine.linux;

import dev.emu.engine.cpu.Vcpu;
import dev.emu.engine.mem.GuestMemory;

import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static dev.emu.engine.linux.SyscallNumbers.*;

/**
 * The process as a whole: prctl, membarrier, process groups and sessions, and the calls about
 * other processes. emu runs one guest process in one JVM and cannot fork (see
 * {@link ThreadSyscalls#clone}), so there are never children: wait4 and waitid answer ECHILD
 * once their arguments check out. execve and execveat answer ENOSYS: replacing the running
 * image would need the loader to start over inside a live process, which emu does not do;
 * the guest sees a clean failure (a shell prints "Function not implemented") instead of a hang.
 * CPU time and resource usage are in {@link ResourceUsage}.
 */
final class ProcessControlSyscalls {
    private ProcessControlSyscalls() {}

    static final int PR_SET_PDEATHSIG = 1;
    static final int PR_GET_PDEATHSIG = 2;
    static final int PR_GET_DUMPABLE = 3;
    static final int PR_SET_DUMPABLE = 4;
    static final int PR_SET_NAME = 15;
    static final int PR_GET_NAME = 16;
    static final int PR_SET_TIMERSLACK = 29;
    static final int PR_GET_TIMERSLACK = 30;
    static final int PR_SET_NO_NEW_PRIVS = 38;
    static final int PR_GET_NO_NEW_PRIVS = 39;
    /** TASK_COMM_LEN: a thread name is at most 15 bytes and a NUL. */
    static final int COMM_LEN = 16;

    static final int MEMBARRIER_CMD_QUERY = 0;
    static final int MEMBARRIER_CMD_GLOBAL = 1;
    static final int MEMBARRIER_CMD_GLOBAL_EXPEDITED = 2;
    static final int MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED = 4;
    static final int MEMBARRIER_CMD_PRIVATE_EXPEDITED = 8;
    static final int MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED = 16;
    static final int MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE = 32;
    static final int MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE = 64;
    static final int MEMBARRIER_SUPPORTED = MEMBARRIER_CMD_GLOBAL | MEMBARRIER_CMD_GLOBAL_EXPEDITED
            | MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED | MEMBARRIER_CMD_PRIVATE_EXPEDITED
            | MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED | MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE
            | MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE;

    static final int WNOHANG = 1;
    static final int WUNTRACED = 2;
    static final int WEXITED = 4;
    static final int WCONTINUED = 8;
    static final int WNOWAIT = 0x01000000;
    static final int WNOTHREAD = 0x20000000;
    static final int WALL = 0x40000000;
    static final int WCLONE = 0x80000000;
    static final int P_ALL = 0;
    static final int P_PIDFD = 3;

    static void register(SyscallTable t) {
        t.define(PRCTL, "prctl(d,l,l,l,l)", ProcessControlSyscalls::prctl);
        t.define(MEMBARRIER, "membarrier(d,x,d)", ProcessControlSyscalls::membarrier);
        t.define(GETPGID, "getpgid(d)", (p, cpu, a) -> {
            ownProcess(p, a[0]);
            return p.settings().processGroup();
        });
        t.define(GETSID, "getsid(d)", (p, cpu, a) -> {
            ownProcess(p, a[0]);
            return p.settings().session();
        });
        t.define(SETPGID, "setpgid(d,d)", ProcessControlSyscalls::setpgid);
        t.define(SETSID, "setsid()", (p, cpu, a) -> p.settings().newSession(p.pid()));
        t.define(WAIT4, "wait4(d,p,d,p)", (p, cpu, a) -> {
            if ((a[2] & ~(WNOHANG | WUNTRACED | WCONTINUED | WNOTHREAD | WALL | WCLONE)) != 0) {
                throw new SyscallError(Errno.EINVAL);
            }
            throw new SyscallError(Errno.ECHILD);
        });
        t.define(WAITID, "waitid(d,d,p,d,p)", (p, cpu, a) -> {
            int options = (int) a[3];
            if ((int) a[0] < P_ALL || (int) a[0] > P_PIDFD
                    || (options & ~(WNOHANG | WUNTRACED | WEXITED | WCONTINUED | WNOWAIT | WNOTHREAD | WALL | WCLONE)) != 0
                    || (options & (WEXITED | WUNTRACED | WCONTINUED)) == 0) {
                throw new SyscallError(Errno.EINVAL);
            }
            throw new SyscallError(Errno.ECHILD);
        });
        t.define(EXECVE, "execve(s,p,p)", (p, cpu, a) -> unsupported(p, EXECVE));
        t.define(EXECVEAT, "execveat(f,s,p,p,a)", (p, cpu, a) -> unsupported(p, EXECVEAT));
    }

    /** A call emu knows and refuses: ENOSYS, and the -d unimp line as for one it does not know. */
    private static long unsupported(LinuxProcess p, int number) {
        p.logUnimplemented(number);
        throw new SyscallError(Errno.ENOSYS);
    }

    /** A pid argument of process-wide calls: 0 or this process; another that exists is not ours to see. */
    private static void ownProcess(LinuxProcess p, long pid) {
        if ((int) pid != 0 && (int) pid != p.pid()) {
            throw new SyscallError((int) pid < 0 ? Errno.EINVAL : Errno.ESRCH);
        }
    }

    /** setpgid on this process only, into its own group or the one it is in. */
    static long setpgid(LinuxProcess p, Vcpu cpu, long[] a) {
        ownProcess(p, a[0]);
        int pgid = (int) a[1] == 0 ? p.pid() : (int) a[1];
        if (pgid < 0) {
            throw new SyscallError(Errno.EINVAL);
        }
        if (pgid != p.pid() && pgid != p.settings().processGroup()) {
            throw new SyscallError(Errno.EPERM);
        }
        p.settings().setProcessGroup(p.pid(), pgid);
        return 0;
    }

    static long prctl(LinuxProcess p, Vcpu cpu, long[] a) {
        GuestThread self = p.thread(cpu);
        GuestMemory m = p.memory();
        return switch ((int) a[0]) {
            case PR_SET_PDEATHSIG -> {
                if (a[1] < 0 || a[1] > Signals.MAX) {
                    throw new SyscallError(Errno.EINVAL);
                }
                self.deathSignal = (int) a[1]; // the parent is the host's: it never dies before us here
                yield 0;
            }
            case PR_GET_PDEATHSIG -> {
                GuestMemory.store32(m, a[1], self.deathSignal);
                yield 0;
            }
            case PR_GET_DUMPABLE -> p.settings().dumpable() ? 1 : 0;
            case PR_SET_DUMPABLE -> {
                if (a[1] != 0 && a[1] != 1) {
                    throw new SyscallError(Errno.EINVAL);
                }
                p.settings().setDumpable(a[1] == 1);
                yield 0;
            }
            case PR_SET_NAME -> {
                // the first 15 bytes, NUL or not, as strncpy_from_user takes them
                byte[] raw = new byte[COMM_LEN - 1];
                int n = 0;
                while (n < raw.length && (raw[n] = (byte) GuestMemory.load8(m, a[1] + n)) != 0) {
                    n++;
                }
                self.name = Arrays.copyOf(raw, n);
                yield 0;
            }
            case PR_GET_NAME -> {
                UserMemory.write(m, a[1], Arrays.copyOf(threadName(p, self), COMM_LEN));
                yield 0;
            }
            case PR_GET_TIMERSLACK -> 50_000; // Linux's default, in nanoseconds
            case PR_SET_TIMERSLACK -> 0;
            case PR_GET_NO_NEW_PRIVS -> 0;
            default -> throw new SyscallError(Errno.EINVAL);
        };
    }

    /** The thread's comm: what PR_SET_NAME set, else the program file's name cut to 15 bytes. */
    static byte[] threadName(LinuxProcess p, GuestThread t) {
        byte[] name = t.name;
        if (name != null) {
            return name;
        }
        byte[] file = p.executable().getFileName().toString().getBytes(StandardCharsets.UTF_8);
        return Arrays.copyOf(file, Math.min(file.length, COMM_LEN - 1));
    }

    /**
     * membarrier: every command is a full fence on the host, which orders this thread's guest
     * accesses against all others (each vCPU's plain loads and stores are host accesses). The
     * private expedited commands need registering first (EPERM otherwise), as on Linux.
     */
    static long membarrier(LinuxProcess p, Vcpu cpu, long[] a) {
        int cmd = (int) a[0];
        if (a[1] != 0) {
            throw new SyscallError(Errno.EINVAL);
        }
        switch (cmd) {
            case MEMBARRIER_CMD_QUERY -> {
                return MEMBARRIER_SUPPORTED;
            }
            case MEMBARRIER_CMD_GLOBAL, MEMBARRIER_CMD_GLOBAL_EXPEDITED -> VarHandle.fullFence();
            case MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED, MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED,
                 MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE -> p.settings().registerMembarrier(cmd);
            case MEMBARRIER_CMD_PRIVATE_EXPEDITED, MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE -> {
                // each command's registration is the bit one place up
                if ((p.settings().membarrierRegistered() & (cmd << 1)) == 0) {
                    throw new SyscallError(Errno.EPERM);
                }
                VarHandle.fullFence();
            }
            default -> throw new SyscallError(Errno.EINVAL);
        }
        return 0;
    }
}
