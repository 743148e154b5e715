package dev.emu.engine.linux;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.emu.engine.linux.SyscallNumbers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The -strace hook, on the syscall sequence hello makes under qemu-riscv64 -strace (from
 * brk(NULL) to exit_group), replayed through the syscall entry point with hello's arguments.
 */
class StraceWriterTest {
    @Test
    void replaysHellosStartupInQemusFormat() throws IOException {
        ByteArrayOutputStream trace = new ByteArrayOutputStream();
        GuestHarness g = new GuestHarness();
        g.process.setSyscallListener(new StraceWriter(new PrintStream(trace, true, StandardCharsets.UTF_8)));
        long sp = g.cpu.regs[2];
        long buf = g.scratch;
        g.call(BRK, 0);
        g.call(BRK, 0x7db00);
        g.call(SET_TID_ADDRESS, 0x7d0d0);
        g.call(SET_ROBUST_LIST, 0x7d0e0, 24);
        g.call(PRLIMIT64, 0, 3, 0, sp - 0x100);
        long n = g.call(READLINKAT, -100, g.string(0x100, "/proc/self/exe"), buf + 0x1000, 4096);
        g.call(GETRANDOM, 0x7c260, 8, 1);
        g.call(BRK, 0);
        g.call(BRK, 0x9eb00);
        g.call(BRK, 0x9f000);
        g.call(MPROTECT, 0x71000, 16384, 1);
        g.call(NEWFSTATAT, 1, g.string(0x200, ""), sp - 0x200, 0x1000);
        g.call(WRITE, 1, g.string(0x300, "Hello from RISC-V!\n"), 19);
        g.call(9999, 1, 2);
        assertThrows(GuestExit.class, () -> g.call(EXIT_GROUP, 0));
        assertEquals("Hello from RISC-V!\n", g.out.toString(StandardCharsets.UTF_8));

        String pid = Integer.toString(g.process.pid());
        List<String> expected = List.of(
                pid + " brk(NULL) = 0x000000000007d000",
                pid + " brk(0x000000000007db00) = 0x000000000007db00",
                pid + " set_tid_address(0x000000000007d0d0) = " + pid,
                pid + " set_robust_list(0x000000000007d0e0,24) = 0",
                pid + " prlimit64(0,3,NULL," + ptr(sp - 0x100) + ") = 0",
                pid + " readlinkat(AT_FDCWD,\"/proc/self/exe\"," + ptr(buf + 0x1000) + ",4096) = " + n,
                pid + " getrandom(0x000000000007c260,8,0x1) = 8",
                pid + " brk(NULL) = 0x000000000007db00",
                pid + " brk(0x000000000009eb00) = 0x000000000009eb00",
                pid + " brk(0x000000000009f000) = 0x000000000009f000",
                pid + " mprotect(0x0000000000071000,16384,0x1) = 0",
                pid + " newfstatat(1,\"\"," + ptr(sp - 0x200) + ",0x1000) = 0",
                pid + " write(1," + ptr(g.scratch + 0x300) + ",19) = 19",
                pid + " syscall_9999(1,2,0,0,0,0) = -1 errno=38 (Function not implemented)",
                pid + " exit_group(0)");
        String[] lines = trace.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(expected, List.of(lines).subList(lines.length - expected.size(), lines.length));
    }

    @Test
    void resultFormats() {
        assertEquals("-1 errno=2 (No such file or directory)", StraceWriter.formatResult('d', -2));
        assertEquals("-4096", StraceWriter.formatResult('d', -4096));
        assertEquals("0x0000003ff7ff0000", StraceWriter.formatResult('p', 0x3ff7ff0000L));
        assertEquals("-1 errno=12 (Cannot allocate memory)", StraceWriter.formatResult('p', -12));
    }

    private static String ptr(long v) {
        return String.format("0x%016x", v);
    }
}
