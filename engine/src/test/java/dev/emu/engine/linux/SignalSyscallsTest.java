package dev.emu.engine.linux;

import dev.emu.engine.exec.FatalSignal;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Optional;

import static dev.emu.engine.linux.SyscallNumbers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Recording dispositions and masks, sending signals to self, and how a fatal one is reported. */
class SignalSyscallsTest {
    @Test
    void rtSigactionRecordsAndReturnsTheOldAction() throws IOException {
        GuestHarness g = new GuestHarness();
        long act = g.scratch;
        long old = g.scratch + 0x100;
        g.store64(act, 0x12345);        // sa_handler
        g.store64(act + 8, 0x04000000); // sa_flags
        g.store64(act + 16, -1L);       // sa_mask (riscv64: no sa_restorer before it)
        assertEquals(0, g.call(RT_SIGACTION, Signals.SIGUSR1, act, old, 8));
        assertEquals(SignalState.SIG_DFL, g.load64(old));
        SignalState.Action a = g.process.signals().action(Signals.SIGUSR1);
        assertEquals(0x12345, a.handler());
        assertEquals(0x04000000, a.flags());
        assertEquals(-1L & ~(Signals.bit(Signals.SIGKILL) | Signals.bit(Signals.SIGSTOP)), a.mask(),
                "SIGKILL and SIGSTOP cannot be masked");
        assertEquals(0, g.call(RT_SIGACTION, Signals.SIGUSR1, 0, old, 8));
        assertEquals(0x12345, g.load64(old));
        assertEquals(0x04000000, g.load64(old + 8));
        assertEquals(-Errno.EINVAL, g.call(RT_SIGACTION, Signals.SIGKILL, act, 0, 8));
        assertEquals(0, g.call(RT_SIGACTION, Signals.SIGKILL, 0, old, 8), "reading SIGKILL's action is fine");
        assertEquals(-Errno.EINVAL, g.call(RT_SIGACTION, 65, 0, old, 8));
        assertEquals(-Errno.EINVAL, g.call(RT_SIGACTION, Signals.SIGUSR1, act, old, 16), "sigsetsize");
        assertEquals(-Errno.EFAULT, g.call(RT_SIGACTION, Signals.SIGUSR1, 0x1000, 0, 8));
    }

    @Test
    void rtSigprocmaskBlocksUnblocksAndSets() throws IOException {
        GuestHarness g = new GuestHarness();
        long set = g.scratch;
        long old = g.scratch + 8;
        g.store64(set, Signals.bit(Signals.SIGUSR1) | Signals.bit(Signals.SIGKILL));
        assertEquals(0, g.call(RT_SIGPROCMASK, 0, set, old, 8));
        assertEquals(0, g.load64(old));
        assertEquals(Signals.bit(Signals.SIGUSR1), g.process.thread(g.cpu).blockedSignals());
        g.store64(set, Signals.bit(Signals.SIGUSR2));
        assertEquals(0, g.call(RT_SIGPROCMASK, 2, set, old, 8));
        assertEquals(Signals.bit(Signals.SIGUSR1), g.load64(old));
        assertEquals(0, g.call(RT_SIGPROCMASK, 1, set, 0, 8));
        assertEquals(0, g.process.thread(g.cpu).blockedSignals());
        assertEquals(-Errno.EINVAL, g.call(RT_SIGPROCMASK, 7, set, 0, 8));
        assertEquals(0, g.call(RT_SIGPROCMASK, 7, 0, old, 8), "how is ignored without a new set");
    }

    @Test
    void abortRaisingSigabrtEndsTheProcess() throws IOException {
        GuestHarness g = new GuestHarness();
        long pid = g.call(GETPID);
        FatalSignal f = assertThrows(FatalSignal.class, () -> g.call(TGKILL, pid, g.call(GETTID), Signals.SIGABRT));
        assertEquals(Signals.SIGABRT, f.signal);
        assertEquals(134, f.exitStatus());
        assertEquals(Optional.of("emu: uncaught target signal 6 (Aborted) - core dumped"), Signals.report(f.signal));
        assertEquals(-Errno.ESRCH, g.call(TGKILL, pid, pid + 12345, Signals.SIGABRT));
        assertEquals(-Errno.EINVAL, g.call(TGKILL, pid, pid, 65));
        assertEquals(0, g.call(TGKILL, pid, pid, 0), "signal 0 only checks");
    }

    @Test
    void killSelfFollowsTheDisposition() throws IOException {
        GuestHarness g = new GuestHarness();
        long pid = g.call(GETPID);
        assertEquals(0, g.call(KILL, pid, Signals.SIGCHLD), "ignored by default");
        assertEquals(0, g.call(KILL, pid, Signals.SIGWINCH));
        long act = g.scratch;
        g.store64(act, SignalState.SIG_IGN);
        g.call(RT_SIGACTION, Signals.SIGTERM, act, 0, 8);
        assertEquals(0, g.call(KILL, pid, Signals.SIGTERM), "ignored by the guest");
        g.store64(act, 0x10000);
        g.call(RT_SIGACTION, Signals.SIGUSR1, act, 0, 8);
        long set = g.scratch + 0x100;
        g.store64(set, Signals.bit(Signals.SIGUSR1));
        g.call(RT_SIGPROCMASK, 0, set, 0, 8);
        assertEquals(0, g.call(KILL, 0, Signals.SIGUSR1), "blocked: stays pending");
        assertEquals(Signals.bit(Signals.SIGUSR1), g.process.signals().pending());
        assertEquals(0, g.call(RT_SIGPENDING, set, 8));
        assertEquals(Signals.bit(Signals.SIGUSR1), g.load64(set), "rt_sigpending reports it");
        FatalSignal f = assertThrows(FatalSignal.class, () -> g.call(KILL, pid, Signals.SIGUSR2));
        assertEquals(140, f.exitStatus());
        assertEquals(Optional.empty(), Signals.report(f.signal), "terminating without a core: no message");
        assertEquals(-Errno.EINVAL, g.call(KILL, pid, -1));
    }

    @Test
    void aBlockedFatalSignalWaitsForUnblocking() throws IOException {
        GuestHarness g = new GuestHarness();
        long set = g.scratch;
        g.store64(set, Signals.bit(Signals.SIGTERM));
        g.call(RT_SIGPROCMASK, 0, set, 0, 8);
        assertEquals(0, g.call(KILL, g.call(GETPID), Signals.SIGTERM));
        FatalSignal f = assertThrows(FatalSignal.class, () -> g.call(RT_SIGPROCMASK, 1, set, 0, 8));
        assertEquals(Signals.SIGTERM, f.signal);
        assertEquals(143, f.exitStatus());
    }

    @Test
    void sigaltstackSetsAndReports() throws IOException {
        GuestHarness g = new GuestHarness();
        long ss = g.scratch;
        long old = g.scratch + 0x100;
        assertEquals(0, g.call(SIGALTSTACK, 0, old));
        assertEquals(GuestThread.SS_DISABLE, g.load32(old + 8));
        g.store64(ss, 0x5000_0000L);
        g.store64(ss + 8, 0);
        g.store64(ss + 16, 65536);
        assertEquals(0, g.call(SIGALTSTACK, ss, old));
        assertEquals(0, g.call(SIGALTSTACK, 0, old));
        assertEquals(0x5000_0000L, g.load64(old));
        assertEquals(0, g.load32(old + 8));
        assertEquals(65536, g.load64(old + 16));
        g.store64(ss + 16, 1024);
        assertEquals(-Errno.ENOMEM, g.call(SIGALTSTACK, ss, 0), "smaller than MINSIGSTKSZ");
        g.store64(ss + 8, 77);
        assertEquals(-Errno.EINVAL, g.call(SIGALTSTACK, ss, 0));
    }

    @Test
    void fatalSignalReportsAsQemuDoes() {
        assertEquals(139, new FatalSignal(Signals.SIGSEGV, 0x10).exitStatus());
        assertEquals(Optional.of("emu: uncaught target signal 11 (Segmentation fault) - core dumped"),
                Signals.report(Signals.SIGSEGV));
        assertEquals(Optional.of("emu: uncaught target signal 4 (Illegal instruction) - core dumped"),
                Signals.report(Signals.SIGILL));
        assertEquals(Optional.empty(), Signals.report(Signals.SIGPIPE));
        assertEquals("Real-time signal 2", Signals.description(34));
    }
}
