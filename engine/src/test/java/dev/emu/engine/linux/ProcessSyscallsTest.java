package dev.emu.engine.linux;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static dev.emu.engine.linux.SyscallNumbers.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Identity, exit, limits, randomness, time and the thread-runtime calls glibc makes at startup. */
class ProcessSyscallsTest {
    @Test
    void exitAndExitGroupEndTheProcessWithTheLowByte() throws IOException {
        GuestHarness g = new GuestHarness();
        assertEquals(3, assertThrows(GuestExit.class, () -> g.call(EXIT_GROUP, 3)).status);
        assertEquals(0xff, assertThrows(GuestExit.class, () -> g.call(EXIT_GROUP, -1)).status);
        assertEquals(0, assertThrows(GuestExit.class, () -> g.call(EXIT, 256)).status);
    }

    @Test
    void unknownAndRefusedCallsReturnEnosys() throws IOException {
        GuestHarness g = new GuestHarness();
        assertEquals(-Errno.ENOSYS, g.call(9999));
        assertEquals(-Errno.ENOSYS, g.call(-5));
        assertEquals(-Errno.ENOSYS, g.call(RSEQ, g.scratch, 32, 0, 0x53053053));
        assertEquals(-Errno.ENOSYS, g.call(CLONE, 0x11, 0, 0, 0, 0));
    }

    @Test
    void identities() throws IOException {
        GuestHarness g = new GuestHarness();
        long pid = g.call(GETPID);
        assertEquals(ProcessHandle.current().pid(), pid, "the host's pid, as under qemu");
        assertEquals(pid, g.call(GETTID), "the main thread's tid is the pid");
        assertEquals(pid, g.call(SET_TID_ADDRESS, g.scratch));
        assertEquals(ProcessHandle.current().parent().orElseThrow().pid(), g.call(GETPPID));
        assertEquals(g.call(GETUID), g.call(GETEUID));
        assertEquals(g.call(GETGID), g.call(GETEGID));
        assertEquals(((Number) java.nio.file.Files.getAttribute(java.nio.file.Path.of("/proc/self"), "unix:uid")).longValue(),
                g.call(GETUID));
        assertEquals(0, g.call(SET_ROBUST_LIST, g.scratch, 24));
        assertEquals(-Errno.EINVAL, g.call(SET_ROBUST_LIST, g.scratch, 16));
        assertEquals(022, g.call(UMASK, 077));
        assertEquals(077, g.call(UMASK, 022));
    }

    @Test
    void unameSaysLinuxOnTheGuestMachine() throws IOException {
        GuestHarness g = new GuestHarness();
        assertEquals(0, g.call(UNAME, g.scratch));
        String[] f = new String[6];
        for (int i = 0; i < 6; i++) {
            byte[] b = g.bytes(g.scratch + 65L * i, 65);
            int n = 0;
            while (b[n] != 0) {
                n++;
            }
            f[i] = new String(b, 0, n, StandardCharsets.UTF_8);
        }
        assertEquals("Linux", f[0]);
        assertEquals("riscv64", f[4]);
        assertTrue(f[2].matches("\\d+\\.\\d+.*"), "a Linux release: " + f[2]);
        assertEquals(System.getProperty("os.version"), f[2], "the host's release, as qemu reports it");
        assertTrue(!f[1].isEmpty());
    }

    @Test
    void prlimitReportsAndRecordsLimits() throws IOException {
        GuestHarness g = new GuestHarness();
        long old = g.scratch + 0x100;
        assertEquals(0, g.call(PRLIMIT64, 0, ResourceLimits.RLIMIT_STACK, 0, old));
        assertEquals(8L << 20, g.load64(old));
        assertEquals(-1L, g.load64(old + 8), "RLIM_INFINITY");
        long nu = g.scratch + 0x200;
        g.store64(nu, 256);
        g.store64(nu + 8, 512);
        assertEquals(0, g.call(PRLIMIT64, 0, ResourceLimits.RLIMIT_NOFILE, nu, old));
        assertEquals(FdTable.MAX_FDS, g.load64(old));
        assertEquals(0, g.call(PRLIMIT64, g.call(GETPID), ResourceLimits.RLIMIT_NOFILE, 0, old));
        assertEquals(256, g.load64(old));
        assertEquals(512, g.load64(old + 8));
        g.store64(nu, 600);
        assertEquals(-Errno.EINVAL, g.call(PRLIMIT64, 0, ResourceLimits.RLIMIT_NOFILE, nu, 0), "soft above hard");
        g.store64(nu + 8, 1000);
        assertEquals(-Errno.EPERM, g.call(PRLIMIT64, 0, ResourceLimits.RLIMIT_NOFILE, nu, 0), "raising the hard limit");
        assertEquals(-Errno.EINVAL, g.call(PRLIMIT64, 0, 99, 0, old));
        assertEquals(-Errno.ESRCH, g.call(PRLIMIT64, 1, ResourceLimits.RLIMIT_STACK, 0, old));
    }

    @Test
    void getrandomFillsFromTheProcessGenerator() throws IOException {
        GuestHarness g = new GuestHarness();
        g.process.setRandom(new SplittableRandom(7));
        assertEquals(8, g.call(GETRANDOM, g.scratch, 8, 1));
        byte[] expected = new byte[8];
        new SplittableRandom(7).nextBytes(expected);
        assertArrayEquals(expected, g.bytes(g.scratch, 8));
        assertEquals(-Errno.EINVAL, g.call(GETRANDOM, g.scratch, 8, 0x10));
        assertEquals(-Errno.EFAULT, g.call(GETRANDOM, 0x1000, 8, 0));
    }

    @Test
    void sysinfoReportsMemoryInBytes() throws IOException {
        GuestHarness g = new GuestHarness();
        assertEquals(0, g.call(SYSINFO, g.scratch));
        assertTrue(g.load64(g.scratch + 32) > 0, "totalram");
        assertEquals(1, g.load32(g.scratch + 104), "mem_unit");
    }

    @Test
    void clocks() throws IOException {
        GuestHarness g = new GuestHarness();
        long ts = g.scratch;
        assertEquals(0, g.call(CLOCK_GETTIME, 1, ts));
        long t1 = g.load64(ts) * 1_000_000_000L + g.load64(ts + 8);
        assertEquals(0, g.call(CLOCK_GETTIME, 1, ts));
        long t2 = g.load64(ts) * 1_000_000_000L + g.load64(ts + 8);
        assertTrue(t2 >= t1, "monotonic");
        assertTrue(g.load64(ts + 8) < 1_000_000_000L);
        assertEquals(0, g.call(CLOCK_GETTIME, 0, ts));
        assertTrue(Math.abs(g.load64(ts) - System.currentTimeMillis() / 1000) <= 2, "realtime is now");
        assertEquals(0, g.call(GETTIMEOFDAY, ts, 0));
        assertTrue(Math.abs(g.load64(ts) - System.currentTimeMillis() / 1000) <= 2);
        assertTrue(g.load64(ts + 8) < 1_000_000, "microseconds");
        assertEquals(0, g.call(CLOCK_GETTIME, 2, ts), "process CPU time");
        assertEquals(0, g.call(CLOCK_GETTIME, 3, ts), "thread CPU time");
        assertEquals(-Errno.EINVAL, g.call(CLOCK_GETTIME, 99, ts));
        assertEquals(-Errno.EFAULT, g.call(CLOCK_GETTIME, 1, 0x1000));
        assertEquals(0, g.call(CLOCK_GETRES, 1, ts));
        assertEquals(1, g.load64(ts + 8));
    }

    @Test
    void sleeping() throws IOException {
        GuestHarness g = new GuestHarness();
        long req = g.scratch;
        g.store64(req, 0);
        g.store64(req + 8, 20_000_000);
        long t0 = System.nanoTime();
        assertEquals(0, g.call(NANOSLEEP, req, 0));
        assertTrue(System.nanoTime() - t0 >= 20_000_000);
        assertEquals(0, g.call(CLOCK_NANOSLEEP, 1, 0, req, 0));
        // absolute, already past
        g.store64(req, 1);
        g.store64(req + 8, 0);
        t0 = System.nanoTime();
        assertEquals(0, g.call(CLOCK_NANOSLEEP, 1, 1, req, 0));
        assertTrue(System.nanoTime() - t0 < 1_000_000_000L);
        g.store64(req + 8, 1_000_000_000L);
        assertEquals(-Errno.EINVAL, g.call(NANOSLEEP, req, 0));
        assertEquals(-Errno.EINVAL, g.call(CLOCK_NANOSLEEP, 99, 0, req, 0));
        assertEquals(0, g.call(SCHED_YIELD));
    }

    @Test
    void schedGetaffinityListsTheHostCpus() throws IOException {
        GuestHarness g = new GuestHarness();
        int cpus = Runtime.getRuntime().availableProcessors();
        long size = g.call(SCHED_GETAFFINITY, 0, 128, g.scratch);
        assertEquals((cpus + 63) / 64 * 8, size);
        assertEquals(Math.min(cpus, 64), Long.bitCount(g.load64(g.scratch)));
        assertEquals(-Errno.EINVAL, g.call(SCHED_GETAFFINITY, 0, 3, g.scratch));
        assertEquals(-Errno.ESRCH, g.call(SCHED_GETAFFINITY, 1, 128, g.scratch));
    }

    @Test
    void futexWithOneThread() throws IOException {
        GuestHarness g = new GuestHarness();
        long word = g.scratch;
        g.store32(word, 5);
        assertEquals(0, g.call(FUTEX, word, 1 | 128, 1), "FUTEX_WAKE_PRIVATE: nobody waits");
        assertEquals(-Errno.EAGAIN, g.call(FUTEX, word, 0 | 128, 4, 0), "value changed: no wait");
        long timeout = g.scratch + 0x100;
        g.store64(timeout, 0);
        g.store64(timeout + 8, 10_000_000);
        assertEquals(-Errno.ETIMEDOUT, g.call(FUTEX, word, 0 | 128, 5, timeout));
        assertEquals(-Errno.EINVAL, g.call(FUTEX, word + 1, 0, 5, timeout), "misaligned");
        assertEquals(-Errno.EFAULT, g.call(FUTEX, 0x1000, 0, 5, timeout));
        assertEquals(-Errno.ENOSYS, g.call(FUTEX, word, 99, 0));
    }

    @Test
    void futexWaitIsWokenByAnotherThread() throws Exception {
        GuestHarness g = new GuestHarness();
        long word = g.scratch;
        g.store32(word, 0);
        Thread waker = new Thread(() -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
            g.store32(word, 1);
            while (g.process.futexes().wake(word, 1, -1) == 0) {
                Thread.onSpinWait();
            }
        });
        waker.start();
        assertEquals(0, g.call(FUTEX, word, 128, 0, 0), "woken");
        waker.join();
    }
}
