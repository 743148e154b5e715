package dev.emu.engine.linux;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The guest structs emu writes, checked against the riscv64 C library's own layout: a C file of
 * {@code offsetof}/{@code sizeof} constants is compiled with the cross compiler and the numbers
 * are read from the assembly. Also pins the constants emu takes from the C headers.
 */
class StructLayoutTest {
    @TempDir
    Path tmp;

    static final String C = """
            #define _GNU_SOURCE
            #include <stddef.h>
            #include <sys/stat.h>
            #include <sys/sysinfo.h>
            #include <sys/utsname.h>
            #include <sys/ioctl.h>
            #include <asm/termbits.h>
            #include <signal.h>
            #include <fcntl.h>
            #include <sys/mman.h>
            #include <sys/uio.h>
            #include <sys/resource.h>
            #define OFF(name, s, f) long name = offsetof(s, f);
            OFF(st_dev, struct stat, st_dev) OFF(st_ino, struct stat, st_ino) OFF(st_mode, struct stat, st_mode)
            OFF(st_nlink, struct stat, st_nlink) OFF(st_uid, struct stat, st_uid) OFF(st_gid, struct stat, st_gid)
            OFF(st_rdev, struct stat, st_rdev) OFF(st_size, struct stat, st_size)
            OFF(st_blksize, struct stat, st_blksize) OFF(st_blocks, struct stat, st_blocks)
            OFF(st_atime_sec, struct stat, st_atim.tv_sec) OFF(st_atime_nsec, struct stat, st_atim.tv_nsec)
            OFF(st_mtime_sec, struct stat, st_mtim.tv_sec) OFF(st_mtime_nsec, struct stat, st_mtim.tv_nsec)
            OFF(st_ctime_sec, struct stat, st_ctim.tv_sec) OFF(st_ctime_nsec, struct stat, st_ctim.tv_nsec)
            long stat_size = sizeof(struct stat);
            OFF(si_uptime, struct sysinfo, uptime) OFF(si_totalram, struct sysinfo, totalram)
            OFF(si_freeram, struct sysinfo, freeram) OFF(si_totalswap, struct sysinfo, totalswap)
            OFF(si_procs, struct sysinfo, procs) OFF(si_mem_unit, struct sysinfo, mem_unit)
            long sysinfo_size = sizeof(struct sysinfo);
            long utsname_size = sizeof(struct utsname); OFF(uts_machine, struct utsname, machine)
            long termios_size = sizeof(struct termios); long winsize_size = sizeof(struct winsize);
            OFF(ss_flags, stack_t, ss_flags) OFF(ss_size, stack_t, ss_size)
            long iovec_size = sizeof(struct iovec); long rlimit_size = sizeof(struct rlimit);
            long tcgets = TCGETS, tiocgwinsz = TIOCGWINSZ;
            long o_creat = O_CREAT, o_excl = O_EXCL, o_trunc = O_TRUNC, o_append = O_APPEND, o_nonblock = O_NONBLOCK;
            long o_directory = O_DIRECTORY, o_nofollow = O_NOFOLLOW, o_cloexec = O_CLOEXEC, o_path = O_PATH;
            long o_tmpfile = O_TMPFILE;
            long map_anonymous = MAP_ANONYMOUS, map_fixed = MAP_FIXED, map_fixed_noreplace = MAP_FIXED_NOREPLACE;
            long map_stack = MAP_STACK, madv_dontneed = MADV_DONTNEED;
            """;

    /** name -> value of every {@code long name = value;} after compiling {@link #C} for riscv64. */
    Map<String, Long> compile() throws IOException, InterruptedException {
        Path src = tmp.resolve("layout.c");
        Path asm = tmp.resolve("layout.s");
        Files.writeString(src, C);
        Process p;
        try {
            p = new ProcessBuilder("riscv64-linux-gnu-gcc", "-S", "-O2", "-o", asm.toString(), src.toString())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("riscv64-linux-gnu-gcc is not installed");
            throw e;
        }
        String log = new String(p.getInputStream().readAllBytes());
        Assumptions.assumeTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "compile failed: " + log);
        Map<String, Long> values = new HashMap<>();
        Matcher m = Pattern.compile("(?m)^(\\w+):\\s*\\n\\s*\\.(?:dword|zero)\\s+(\\d+)").matcher(Files.readString(asm));
        while (m.find()) {
            values.put(m.group(1), m.group(0).contains(".zero") ? 0L : Long.parseLong(m.group(2)));
        }
        return values;
    }

    @Test
    void structStatMatchesTheCLibrary() throws Exception {
        Map<String, Long> c = compile();
        FileStat st = new FileStat(0x0101010101010101L, 0x0202020202020202L, 0x03030303, 0x04040404, 0x05050505,
                0x06060606, 0x0707070707070707L, 0x0808080808080808L, 0x09090909, 0x0a0a0a0a0a0a0a0aL,
                0x0b0b0b0b0b0b0b0bL, 0x0c0c0c0c0c0c0c0cL, 0x0d0d0d0d0d0d0d0dL, 0x0e0e0e0e0e0e0e0eL,
                0x0f0f0f0f0f0f0f0fL, 0x1010101010101010L);
        ByteBuffer b = ByteBuffer.wrap(st.encode()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(c.get("stat_size"), (long) b.capacity());
        assertEquals(st.dev(), b.getLong(off(c, "st_dev")));
        assertEquals(st.ino(), b.getLong(off(c, "st_ino")));
        assertEquals(st.mode(), b.getInt(off(c, "st_mode")));
        assertEquals(st.nlink(), b.getInt(off(c, "st_nlink")));
        assertEquals(st.uid(), b.getInt(off(c, "st_uid")));
        assertEquals(st.gid(), b.getInt(off(c, "st_gid")));
        assertEquals(st.rdev(), b.getLong(off(c, "st_rdev")));
        assertEquals(st.size(), b.getLong(off(c, "st_size")));
        assertEquals(st.blockSize(), b.getInt(off(c, "st_blksize")));
        assertEquals(st.blocks(), b.getLong(off(c, "st_blocks")));
        assertEquals(st.atimeSec(), b.getLong(off(c, "st_atime_sec")));
        assertEquals(st.atimeNsec(), b.getLong(off(c, "st_atime_nsec")));
        assertEquals(st.mtimeSec(), b.getLong(off(c, "st_mtime_sec")));
        assertEquals(st.mtimeNsec(), b.getLong(off(c, "st_mtime_nsec")));
        assertEquals(st.ctimeSec(), b.getLong(off(c, "st_ctime_sec")));
        assertEquals(st.ctimeNsec(), b.getLong(off(c, "st_ctime_nsec")));
    }

    @Test
    void otherStructsAndConstantsMatchTheCLibrary() throws Exception {
        Map<String, Long> c = compile();
        // sysinfo as ProcessSyscalls.sysinfo writes it
        assertEquals(112L, c.get("sysinfo_size"));
        assertEquals(List.of(0L, 32L, 40L, 64L, 80L, 104L), List.of(c.get("si_uptime"), c.get("si_totalram"),
                c.get("si_freeram"), c.get("si_totalswap"), c.get("si_procs"), c.get("si_mem_unit")));
        assertEquals((long) ProcessSyscalls.UTS_FIELD * 6, c.get("utsname_size"));
        assertEquals((long) ProcessSyscalls.UTS_FIELD * 4, c.get("uts_machine"));
        assertEquals((long) Terminal.TERMIOS_SIZE, c.get("termios_size"));
        assertEquals(8L, c.get("winsize_size"));
        assertEquals(List.of(8L, 16L), List.of(c.get("ss_flags"), c.get("ss_size")));
        assertEquals(16L, c.get("iovec_size"));
        assertEquals(16L, c.get("rlimit_size"));
        assertEquals((long) Terminal.TCGETS, c.get("tcgets"));
        assertEquals((long) Terminal.TIOCGWINSZ, c.get("tiocgwinsz"));
        assertEquals((long) OpenFlags.O_CREAT, c.get("o_creat"));
        assertEquals((long) OpenFlags.O_EXCL, c.get("o_excl"));
        assertEquals((long) OpenFlags.O_TRUNC, c.get("o_trunc"));
        assertEquals((long) OpenFlags.O_APPEND, c.get("o_append"));
        assertEquals((long) OpenFlags.O_NONBLOCK, c.get("o_nonblock"));
        assertEquals((long) OpenFlags.O_DIRECTORY, c.get("o_directory"));
        assertEquals((long) OpenFlags.O_NOFOLLOW, c.get("o_nofollow"));
        assertEquals((long) OpenFlags.O_CLOEXEC, c.get("o_cloexec"));
        assertEquals((long) OpenFlags.O_PATH, c.get("o_path"));
        assertEquals((long) OpenFlags.O_TMPFILE, c.get("o_tmpfile"));
        assertEquals((long) AddressSpace.MAP_ANONYMOUS, c.get("map_anonymous"));
        assertEquals((long) AddressSpace.MAP_FIXED, c.get("map_fixed"));
        assertEquals((long) AddressSpace.MAP_FIXED_NOREPLACE, c.get("map_fixed_noreplace"));
        assertEquals((long) AddressSpace.MAP_STACK, c.get("map_stack"));
        assertEquals((long) AddressSpace.MADV_DONTNEED, c.get("madv_dontneed"));
    }

    private static int off(Map<String, Long> c, String name) {
        Long v = c.get(name);
        if (v == null) {
            throw new AssertionError("no " + name + " in the compiled layout");
        }
        return v.intValue();
    }
}
