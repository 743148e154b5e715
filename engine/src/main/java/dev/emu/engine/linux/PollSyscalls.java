package dev.emu.engine.linux;

import dev.emu.engine.cpu.Vcpu;
import dev.emu.engine.mem.GuestMemory;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;

import static dev.emu.engine.linux.SyscallNumbers.*;

/**
 * Waiting for descriptors: ppoll and pselect6 (glibc's poll and select call them). Each round
 * asks every file for its readiness ({@link OpenFile#poll}); when none is ready and time is
 * left, the files register with one {@link PollWaiter} and the call sleeps until one of them
 * may have changed, then looks again. The remaining time is written back, as Linux does.
 *
 * <p>Signals: the call's mask argument is in force while it waits; the wait looks for signals
 * every 10 ms, and one the thread can take ends it (EINTR once its handler is set up).
 */
final class PollSyscalls {
    private PollSyscalls() {}

    static final int POLLIN = 0x1;
    static final int POLLPRI = 0x2;
    static final int POLLOUT = 0x4;
    static final int POLLERR = 0x8;
    static final int POLLHUP = 0x10;
    static final int POLLNVAL = 0x20;
    static final int POLLRDNORM = 0x40;
    static final int POLLRDBAND = 0x80;
    static final int POLLWRNORM = 0x100;
    static final int POLLWRBAND = 0x200;
    static final int POLLRDHUP = 0x2000;
    /** What a file without its own poll reports: readable and writable. */
    static final int DEFAULT_MASK = POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM;
    /** select's sets, as Linux maps poll bits onto them. */
    static final int SELECT_IN = POLLRDNORM | POLLRDBAND | POLLIN | POLLHUP | POLLERR;
    static final int SELECT_OUT = POLLWRBAND | POLLWRNORM | POLLOUT | POLLERR;
    static final int SELECT_EX = POLLPRI;

    static void register(SyscallTable t) {
        t.define(PPOLL, "ppoll(l,l,l,l,l,l)", PollSyscalls::ppoll);
        t.define(PSELECT6, "pselect6(l,l,l,l,l,l)", PollSyscalls::pselect6);
    }

    static long ppoll(LinuxProcess p, Vcpu cpu, long[] a) throws IOException {
        GuestMemory m = p.memory();
        if (Long.compareUnsigned(a[1], FdTable.MAX_FDS) > 0) {
            throw new SyscallError(Errno.EINVAL);
        }
        int n = (int) a[1];
        byte[] raw = UserMemory.read(m, a[0], n * 8);
        int[] fds = new int[n];
        int[] events = new int[n];
        for (int i = 0; i < n; i++) {
            fds[i] = (raw[i * 8] & 0xff) | (raw[i * 8 + 1] & 0xff) << 8 | (raw[i * 8 + 2] & 0xff) << 16 | raw[i * 8 + 3] << 24;
            events[i] = (raw[i * 8 + 4] & 0xff) | (raw[i * 8 + 5] & 0xff) << 8;
        }
        long deadline = deadline(m, a[2]);
        int[] revents = new int[n];
        GuestThread self = p.thread(cpu);
        swapMask(p, self, a[3], a[4]);
        int ready = waitFor(p, self, fds, deadline, () -> {
            int count = 0;
            for (int i = 0; i < n; i++) {
                revents[i] = fds[i] < 0 ? 0 : readiness(p, fds[i], events[i] | POLLERR | POLLHUP);
                count += revents[i] != 0 ? 1 : 0;
            }
            return count;
        });
        restoreMask(p, self);
        for (int i = 0; i < n; i++) {
            GuestMemory.store16(m, a[0] + i * 8L + 6, revents[i]);
        }
        writeRemaining(m, a[2], deadline);
        return ready;
    }

    static long pselect6(LinuxProcess p, Vcpu cpu, long[] a) throws IOException {
        GuestMemory m = p.memory();
        int nfds = (int) a[0];
        if (nfds < 0) {
            throw new SyscallError(Errno.EINVAL);
        }
        nfds = Math.min(nfds, FdTable.MAX_FDS);
        int words = (nfds + 63) / 64;
        long[][] sets = new long[3][];
        for (int s = 0; s < 3; s++) {
            if (a[s + 1] != 0) {
                sets[s] = new long[words];
                for (int w = 0; w < words; w++) {
                    sets[s][w] = GuestMemory.load64(m, a[s + 1] + w * 8L);
                }
            }
        }
        Set<Integer> wanted = new LinkedHashSet<>();
        for (int fd = 0; fd < nfds; fd++) {
            for (long[] set : sets) {
                if (set != null && (set[fd >> 6] & 1L << fd) != 0) {
                    p.files().get(fd); // EBADF for the whole call
                    wanted.add(fd);
                }
            }
        }
        int[] fds = wanted.stream().mapToInt(Integer::intValue).toArray();
        long deadline = deadline(m, a[4]);
        long[][] out = new long[3][words];
        int[] masks = {SELECT_IN, SELECT_OUT, SELECT_EX};
        GuestThread self = p.thread(cpu);
        if (a[5] != 0) { // { const sigset_t *ss; size_t ss_len }
            swapMask(p, self, GuestMemory.load64(m, a[5]), GuestMemory.load64(m, a[5] + 8));
        }
        int ready = waitFor(p, self, fds, deadline, () -> {
            int count = 0;
            for (int fd : fds) {
                int r = readiness(p, fd, SELECT_IN | SELECT_OUT | SELECT_EX);
                for (int s = 0; s < 3; s++) {
                    if (sets[s] != null && (sets[s][fd >> 6] & 1L << fd) != 0 && (r & masks[s]) != 0) {
                        out[s][fd >> 6] |= 1L << fd;
                        count++;
                    }
                }
            }
            return count;
        });
        restoreMask(p, self);
        for (int s = 0; s < 3; s++) {
            for (int w = 0; sets[s] != null && w < words; w++) {
                GuestMemory.store64(m, a[s + 1] + w * 8L, out[s][w]);
            }
        }
        writeRemaining(m, a[4], deadline);
        return ready;
    }

    /** One look at every watched file; returns how many count as ready. */
    @FunctionalInterface
    interface Scan {
        int run() throws IOException;
    }

    /** Registers the watched files with a call's waiter. */
    @FunctionalInterface
    interface Watch {
        void with(PollWaiter waiter) throws IOException;
    }

    /**
     * The call's signal mask (ppoll's sigmask, pselect6's): in force while it waits, like
     * rt_sigsuspend's; put back when it returns, or once a handler is set up when a signal ends it.
     */
    static void swapMask(LinuxProcess p, GuestThread t, long maskAddr, long size) {
        if (maskAddr == 0) {
            return;
        }
        if (size != SignalSyscalls.SIGSET_SIZE) {
            throw new SyscallError(Errno.EINVAL);
        }
        t.savedMask = t.blockedSignals;
        t.hasSavedMask = true;
        p.signals().setBlocked(t, GuestMemory.load64(p.memory(), maskAddr));
    }

    static void restoreMask(LinuxProcess p, GuestThread t) {
        if (t.hasSavedMask) {
            t.hasSavedMask = false;
            p.signals().setBlocked(t, t.savedMask);
        }
    }

    /** How often a wait looks for signals: the files' wake-ups do not include a signal's unpark. */
    private static final long SIGNAL_CHECK_NANOS = 10_000_000;

    /**
     * Scans until something is ready or the deadline passes, sleeping on the files between scans;
     * a signal the thread can take ends the wait (ERESTARTNOHAND: EINTR when a handler ran).
     */
    private static int waitFor(LinuxProcess p, GuestThread self, int[] fds, long deadline, Scan scan) throws IOException {
        return waitFor(p, self, waiter -> {
            for (int fd : fds) {
                if (fd >= 0) {
                    watch(p, fd, waiter);
                }
            }
        }, deadline, scan);
    }

    /** As above, for files that the caller registers itself (epoll's interest list). */
    static int waitFor(LinuxProcess p, GuestThread self, Watch watch, long deadline, Scan scan) throws IOException {
        int ready = scan.run();
        if (ready > 0 || deadline != Long.MAX_VALUE && System.nanoTime() >= deadline) {
            return ready;
        }
        try (PollWaiter waiter = new PollWaiter()) {
            watch.with(waiter);
            while (true) {
                if (p.signals().interruptsWait(self)) {
                    throw new SyscallError(SignalDelivery.ERESTARTNOHAND);
                }
                long slice = System.nanoTime() + SIGNAL_CHECK_NANOS;
                waiter.await(deadline - slice < 0 ? deadline : slice);
                ready = scan.run();
                if (ready > 0 || deadline != Long.MAX_VALUE && System.nanoTime() >= deadline) {
                    return ready;
                }
            }
        }
    }

    private static void watch(LinuxProcess p, int fd, PollWaiter waiter) throws IOException {
        try {
            p.files().get(fd).watch(waiter);
        } catch (SyscallError e) {
            // closed meanwhile: the next scan reports POLLNVAL
        }
    }

    /** The file's readiness masked by what was asked; POLLNVAL for a descriptor that is not open. */
    private static int readiness(LinuxProcess p, int fd, int mask) throws IOException {
        OpenFile f;
        try {
            f = p.files().get(fd);
        } catch (SyscallError e) {
            return POLLNVAL;
        }
        return f.poll() & mask;
    }

    /** The absolute System.nanoTime deadline of a timespec argument; NULL waits forever. */
    static long deadline(GuestMemory m, long timespec) {
        if (timespec == 0) {
            return Long.MAX_VALUE;
        }
        long nanos = TimeSyscalls.readTimespec(m, timespec);
        long now = System.nanoTime();
        return nanos > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + nanos;
    }

    private static void writeRemaining(GuestMemory m, long timespec, long deadline) {
        if (timespec == 0 || deadline == Long.MAX_VALUE) {
            return;
        }
        long left = Math.max(0, deadline - System.nanoTime());
        GuestMemory.store64(m, timespec, left / 1_000_000_000L);
        GuestMemory.store64(m, timespec + 8, left % 1_000_000_000L);
    }
}
