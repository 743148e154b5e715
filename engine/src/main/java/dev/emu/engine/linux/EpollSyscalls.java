package dev.emu.engine.linux;

import dev.emu.engine.cpu.Vcpu;
import dev.emu.engine.mem.GuestMemory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static dev.emu.engine.linux.SyscallNumbers.*;

/**
 * epoll_create1, epoll_ctl, epoll_pwait and epoll_pwait2 over {@link EpollFile}, with the
 * argument checks in Linux's order. A wait scans the interest list and sleeps between scans as
 * ppoll does ({@link PollSyscalls#waitFor}): a signal the thread can take ends it, and it is
 * never restarted (ERESTARTNOHAND: EINTR once a handler ran, SA_RESTART or not, as Linux's
 * epoll_wait gives EINTR).
 *
 * <p>struct epoll_event is {u32 events; u64 data} with natural alignment on riscv64 (16
 * bytes; only x86-64 packs it).
 */
final class EpollSyscalls {
    private EpollSyscalls() {}

    static final int EPOLL_CTL_ADD = 1;
    static final int EPOLL_CTL_DEL = 2;
    static final int EPOLL_CTL_MOD = 3;
    static final int EVENT_SIZE = 16;
    /** Linux's EP_MAX_EVENTS: INT_MAX / sizeof(struct epoll_event). */
    static final int MAX_EVENTS = Integer.MAX_VALUE / EVENT_SIZE;
    /** What EPOLLEXCLUSIVE may come with. */
    private static final int EXCLUSIVE_OK = PollSyscalls.POLLIN | PollSyscalls.POLLOUT | PollSyscalls.POLLERR
            | PollSyscalls.POLLHUP | EpollFile.EPOLLWAKEUP | EpollFile.EPOLLET | EpollFile.EPOLLEXCLUSIVE;

    static void register(SyscallTable t) {
        t.define(EPOLL_CREATE1, "epoll_create1(d)", EpollSyscalls::create);
        t.define(EPOLL_CTL, "epoll_ctl(l,l,l,l,l,l)", EpollSyscalls::control);
        t.define(EPOLL_PWAIT, "epoll_pwait(l,l,l,l,l,l)", (p, cpu, a) -> {
            int timeout = (int) a[3];
            long deadline = timeout < 0 ? Long.MAX_VALUE : System.nanoTime() + timeout * 1_000_000L;
            return wait(p, cpu, a, deadline);
        });
        t.define(EPOLL_PWAIT2, "epoll_pwait2(l,l,l,l,l,l)", (p, cpu, a) -> wait(p, cpu, a,
                PollSyscalls.deadline(p.memory(), a[3])));
    }

    static long create(LinuxProcess p, Vcpu cpu, long[] a) {
        int flags = (int) a[0];
        if ((flags & ~OpenFlags.O_CLOEXEC) != 0) {
            throw new SyscallError(Errno.EINVAL);
        }
        return p.files().install(new EpollFile(), 0, flags != 0);
    }

    static long control(LinuxProcess p, Vcpu cpu, long[] a) throws IOException {
        int op = (int) a[1];
        int events = 0;
        long data = 0;
        if (op != EPOLL_CTL_DEL) {
            byte[] raw = UserMemory.read(p.memory(), a[3], EVENT_SIZE);
            events = (raw[0] & 0xff) | (raw[1] & 0xff) << 8 | (raw[2] & 0xff) << 16 | raw[3] << 24;
            data = GuestMemory.load64(p.memory(), a[3] + 8);
        }
        OpenFile epoll = p.files().get(a[0]);
        int fd = (int) a[2];
        OpenFile target = p.files().get(fd);
        if (!pollable(target)) {
            throw new SyscallError(Errno.EPERM);
        }
        if ((events & EpollFile.EPOLLEXCLUSIVE) != 0 && (op == EPOLL_CTL_MOD
                || op == EPOLL_CTL_ADD && (target instanceof EpollFile || (events & ~EXCLUSIVE_OK) != 0))) {
            throw new SyscallError(Errno.EINVAL);
        }
        if (epoll == target || !(epoll instanceof EpollFile ep)) {
            throw new SyscallError(Errno.EINVAL);
        }
        switch (op) {
            case EPOLL_CTL_ADD -> ep.add(fd, target, events, data);
            case EPOLL_CTL_MOD -> ep.modify(fd, target, events, data);
            case EPOLL_CTL_DEL -> ep.delete(fd, target);
            default -> throw new SyscallError(Errno.EINVAL);
        }
        return 0;
    }

    /**
     * Whether Linux could epoll the file (its file_operations have a poll method): not regular
     * files, directories, or /dev/null, /dev/zero and /dev/full (EPERM).
     */
    static boolean pollable(OpenFile f) {
        boolean host = f instanceof DirectoryFile || f instanceof GeneratedFile || f instanceof HostFile
                || f instanceof StandardStream;
        return !host || !isPlainFile(f);
    }

    private static boolean isPlainFile(OpenFile f) {
        try {
            FileStat st = f.stat();
            int type = st.mode() & FileStat.S_IFMT;
            if (type == FileStat.S_IFREG || type == FileStat.S_IFDIR) {
                return true;
            }
            int minor = FileStat.minor(st.rdev());
            return type == FileStat.S_IFCHR && FileStat.major(st.rdev()) == 1 && (minor == 3 || minor == 5 || minor == 7);
        } catch (IOException e) {
            return false;
        }
    }

    /** epoll_pwait and epoll_pwait2: (epfd, events, maxevents, timeout, sigmask, sigsetsize). */
    static long wait(LinuxProcess p, Vcpu cpu, long[] a, long deadline) throws IOException {
        GuestMemory m = p.memory();
        GuestThread self = p.thread(cpu);
        int max = (int) a[2];
        if (a[4] != 0 && a[5] != SignalSyscalls.SIGSET_SIZE) {
            throw new SyscallError(Errno.EINVAL);
        }
        if (max <= 0 || max > MAX_EVENTS) {
            throw new SyscallError(Errno.EINVAL);
        }
        UserMemory.checkWritable(m, a[1], (long) max * EVENT_SIZE);
        if (!(p.files().get(a[0]) instanceof EpollFile ep)) {
            throw new SyscallError(Errno.EINVAL);
        }
        PollSyscalls.swapMask(p, self, a[4], a[5]);
        List<EpollFile.Event> found = new ArrayList<>();
        int n = PollSyscalls.waitFor(p, self, ep::watch, deadline, () -> {
            found.clear();
            found.addAll(ep.ready(max, true));
            return found.size();
        });
        PollSyscalls.restoreMask(p, self);
        for (int i = 0; i < n; i++) {
            EpollFile.Event e = found.get(i);
            GuestMemory.store32(m, a[1] + (long) i * EVENT_SIZE, e.events());
            GuestMemory.store64(m, a[1] + (long) i * EVENT_SIZE + 8, e.data());
        }
        return n;
    }
}
