package dev.emu.engine.linux;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static dev.emu.engine.linux.SyscallNumbers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** clone's and futex's argument checks and their -strace lines, as qemu-riscv64 7.2 prints them. */
class ThreadSyscallsTest {
    /** glibc 2.36 pthread_create's flags. */
    private static final long PTHREAD_FLAGS = 0x3d0f00;

    @Test
    void cloneIsTracedLikeQemu() throws IOException {
        ByteArrayOutputStream trace = new ByteArrayOutputStream();
        GuestHarness g = new GuestHarness();
        g.process.setSyscallListener(new StraceWriter(new PrintStream(trace, true, StandardCharsets.UTF_8)));
        // No run loop in the harness to start a thread on: EAGAIN, as when Linux is out of threads.
        g.call(CLONE, PTHREAD_FLAGS, 0x4001001db0L, 0x40010025d0L, 0x4001002c60L, 0x40010025d0L);
        g.call(FUTEX, g.scratch, 0x189, 7, 0, 0, -1);
        g.call(FUTEX, g.scratch, 0x81, 1, 0, 2, 2);
        String pid = Integer.toString(g.process.pid());
        String scratch = String.format("0x%016x", g.scratch);
        assertEquals(pid + " clone(CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM|CLONE_SETTLS"
                + "|CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID,child_stack=0x0000004001001db0,parent_tidptr=0x00000040010025d0,"
                + "tls=0x0000004001002c60,child_tidptr=0x00000040010025d0) = -1 errno=11 (Resource temporarily unavailable)\n"
                + pid + " futex(" + scratch + ",FUTEX_PRIVATE_FLAG|FUTEX_CLOCK_REALTIME|FUTEX_WAIT_BITSET,7,NULL,NULL,-1)"
                + " = -1 errno=11 (Resource temporarily unavailable)\n"
                + pid + " futex(" + scratch + ",FUTEX_PRIVATE_FLAG|FUTEX_WAKE,1,NULL,0x0000000000000002,2) = 0\n",
                trace.toString(StandardCharsets.UTF_8));
    }

    @Test
    void cloneFlagsOutsideAThreadAreNamedThenTheSignalInHex() {
        assertEquals("CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|0x11", ThreadSyscalls.cloneFlagNames(0x1200011));
        assertEquals("0", ThreadSyscalls.cloneFlagNames(0));
    }

    @Test
    void forkAndInconsistentFlagsAreRefused() throws IOException {
        GuestHarness g = new GuestHarness();
        assertEquals(-Errno.ENOSYS, g.call(CLONE, 0x1200011, 0, 0, 0, 0), "fork");
        assertEquals(-Errno.ENOSYS, g.call(CLONE, 0x4111, 0x1000, 0, 0, 0), "vfork");
        assertEquals(-Errno.EINVAL, g.call(CLONE, 0x10100, 0x1000, 0, 0, 0), "CLONE_THREAD without CLONE_SIGHAND");
        assertEquals(-Errno.EINVAL, g.call(CLONE, 0x800, 0x1000, 0, 0, 0), "CLONE_SIGHAND without CLONE_VM");
        assertEquals(-Errno.ENOSYS, g.call(FUTEX, g.scratch, 0x100 | 1, 1, 0, 0, 0), "CLOCK_REALTIME with FUTEX_WAKE");
        assertEquals(-Errno.EINVAL, g.call(FUTEX, g.scratch, 10, 1, 0, 0, 0), "FUTEX_WAKE_BITSET with bitset 0");
        assertEquals(-Errno.ENOSYS, g.call(FUTEX, g.scratch, 6, 1, 0, 0, 0), "FUTEX_LOCK_PI");
        assertEquals(-Errno.ENOSYS, g.call(CLONE3, 0, 0));
    }

    @Test
    void exitOfTheOnlyThreadEndsTheProcessWithItsStatus() throws IOException {
        GuestHarness g = new GuestHarness();
        assertEquals(7, assertThrows(GuestExit.class, () -> g.call(EXIT, 7)).status);
    }
}
