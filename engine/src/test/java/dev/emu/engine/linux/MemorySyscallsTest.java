package dev.emu.engine.linux;

import dev.emu.engine.loader.AddressLayout;
import dev.emu.engine.mem.Protection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.emu.engine.linux.AddressSpace.MAP_ANONYMOUS;
import static dev.emu.engine.linux.AddressSpace.MAP_FIXED;
import static dev.emu.engine.linux.AddressSpace.MAP_FIXED_NOREPLACE;
import static dev.emu.engine.linux.AddressSpace.MAP_PRIVATE;
import static dev.emu.engine.linux.AddressSpace.MAP_SHARED;
import static dev.emu.engine.linux.SyscallNumbers.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** brk and the mmap family through the syscall entry point, checked against guest memory. */
class MemorySyscallsTest {
    static final int ANON = MAP_PRIVATE | MAP_ANONYMOUS;
    @TempDir
    Path tmp;

    @Test
    void brkGrowsAndShrinksTheHeap() throws IOException {
        GuestHarness g = new GuestHarness();
        long start = g.call(BRK, 0);
        assertEquals(0x7d000, start, "hello's first brk(NULL), as qemu reports it");
        assertFalse(g.memory.isMapped(start));
        // glibc's first growth: brk(start + 0xb00)
        assertEquals(start + 0xb00, g.call(BRK, start + 0xb00));
        assertEquals(Protection.RW, g.memory.protection(start));
        assertFalse(g.memory.isMapped(start + 0x1000));
        assertEquals(start + 0x21b00, g.call(BRK, start + 0x21b00));
        assertEquals(Protection.RW, g.memory.protection(start + 0x21000));
        g.store64(start + 0x21000, 42);
        assertEquals(start + 0x1000, g.call(BRK, start + 0x1000));
        assertFalse(g.memory.isMapped(start + 0x1000), "shrinking unmaps");
        assertEquals(start + 0x1000, g.call(BRK, 0), "brk(NULL) asks for the current break");
        assertEquals(start + 0x1000, g.call(BRK, 0x1000), "below the start: unchanged");
        assertEquals(start + 0x21000, g.call(BRK, start + 0x21000));
        assertEquals(0, g.load64(start + 0x20ff8), "regrown pages are zero");
    }

    @Test
    void brkStopsAtAnotherMapping() throws IOException {
        GuestHarness g = new GuestHarness();
        long start = g.call(BRK, 0);
        assertEquals(start + 0x10000, g.call(MMAP, start + 0x10000, 0x1000, 3, ANON | MAP_FIXED, -1, 0));
        assertEquals(start, g.call(BRK, start + 0x20000), "would overlap: the old break comes back");
        assertEquals(start + 0x8000, g.call(BRK, start + 0x8000));
    }

    @Test
    void anonymousMappingsGoTopDownBelowTheStackGap() throws IOException {
        GuestHarness g = new GuestHarness();
        // the harness's scratch mapping took the first slot
        assertEquals(AddressLayout.MMAP_TOP - 0x10000, g.scratch);
        long a = g.call(MMAP, 0, 8192, 3, ANON, -1, 0);
        assertEquals(g.scratch - 8192, a);
        long b = g.call(MMAP, 0, 100, 1, ANON, -1, 0);
        assertEquals(a - 4096, b, "length rounds up to a page");
        assertEquals(Protection.RW, g.memory.protection(a));
        assertEquals(Protection.READ, g.memory.protection(b));
        assertEquals(0, g.load64(a));
        assertEquals(0, g.call(MUNMAP, a, 8192));
        assertFalse(g.memory.isMapped(a));
        assertEquals(a, g.call(MMAP, 0, 8192, 3, ANON, -1, 0), "first fit from the top reuses the hole");
        long big = g.call(MMAP, 0, 8392704, 0, ANON | AddressSpace.MAP_STACK, -1, 0);
        assertEquals(b - 8392704, big, "a thread stack reservation, PROT_NONE");
        assertEquals(Protection.NONE, g.memory.protection(big));
    }

    @Test
    void hintsAreUsedWhenFreeAndFixedReplaces() throws IOException {
        GuestHarness g = new GuestHarness();
        long hint = 0x5000_0000L;
        assertEquals(hint, g.call(MMAP, hint, 0x3000, 3, ANON, -1, 0));
        g.store64(hint + 0x1000, 0x1234);
        long other = g.call(MMAP, hint + 0x1000, 0x1000, 3, ANON, -1, 0);
        assertTrue(other != hint + 0x1000, "an occupied hint is ignored");
        assertEquals(hint + 0x1000, g.call(MMAP, hint + 0x1000, 0x1000, 1, ANON | MAP_FIXED, -1, 0));
        assertEquals(0, g.load64(hint + 0x1000), "MAP_FIXED replaced the page with a fresh one");
        assertEquals(Protection.READ, g.memory.protection(hint + 0x1000));
        assertEquals(Protection.RW, g.memory.protection(hint));
        assertEquals(Protection.RW, g.memory.protection(hint + 0x2000));
        assertEquals(-Errno.EEXIST, g.call(MMAP, hint + 0x2000, 0x2000, 3, ANON | MAP_FIXED_NOREPLACE, -1, 0));
        assertEquals(hint + 0x3000, g.call(MMAP, hint + 0x3000, 0x1000, 3, ANON | MAP_FIXED_NOREPLACE, -1, 0));
    }

    @Test
    void mmapArgumentErrors() throws IOException {
        GuestHarness g = new GuestHarness();
        assertEquals(-Errno.EINVAL, g.call(MMAP, 0, 0, 3, ANON, -1, 0), "length 0");
        assertEquals(-Errno.EINVAL, g.call(MMAP, 0x5000_0123L, 4096, 3, ANON | MAP_FIXED, -1, 0), "unaligned fixed");
        assertEquals(-Errno.EINVAL, g.call(MMAP, 0, 4096, 3, MAP_ANONYMOUS, -1, 0), "neither shared nor private");
        assertEquals(-Errno.EINVAL, g.call(MMAP, 0, 4096, 3, ANON, -1, 123), "unaligned offset");
        assertEquals(-Errno.EBADF, g.call(MMAP, 0, 4096, 3, MAP_PRIVATE, 77, 0), "file mapping of a closed fd");
        assertEquals(-Errno.ENODEV, g.call(MMAP, 0, 4096, 1, MAP_PRIVATE, 0, 0), "stdin is not mappable");
        assertEquals(-Errno.ENOMEM, g.call(MMAP, 0, -4096L, 3, ANON, -1, 0), "too long");
        assertEquals(-Errno.EPERM, g.call(MMAP, 0x1000, 4096, 3, ANON | MAP_FIXED, -1, 0), "below mmap_min_addr");
        assertEquals(-Errno.EINVAL, g.call(MUNMAP, 0x5000_0010L, 4096));
        assertEquals(-Errno.EINVAL, g.call(MUNMAP, 0x5000_0000L, 0));
        assertEquals(0, g.call(MUNMAP, 0x5000_0000L, 4096), "unmapping nothing is fine");
    }

    @Test
    void mprotectChangesPermissionsOfMappedRangesOnly() throws IOException {
        GuestHarness g = new GuestHarness();
        long a = g.call(MMAP, 0, 0x4000, 0, ANON, -1, 0);
        assertEquals(0, g.call(MPROTECT, a + 0x1000, 0x2000, 3));
        assertEquals(Protection.NONE, g.memory.protection(a));
        assertEquals(Protection.RW, g.memory.protection(a + 0x1000));
        assertEquals(Protection.RW, g.memory.protection(a + 0x2000));
        assertEquals(Protection.NONE, g.memory.protection(a + 0x3000));
        assertEquals(-Errno.ENOMEM, g.call(MPROTECT, a - 0x1000, 0x2000, 3), "starts below the mapping");
        assertEquals(Protection.NONE, g.memory.protection(a), "nothing changed");
        assertEquals(-Errno.EINVAL, g.call(MPROTECT, a + 1, 0x1000, 3));
        assertEquals(-Errno.EINVAL, g.call(MPROTECT, a, 0x1000, 0x40));
        assertEquals(0, g.call(MPROTECT, a, 0, 3), "empty range");
        // glibc's RELRO: mprotect(0x71000, 16384, PROT_READ) on hello's data segment
        assertEquals(0, g.call(MPROTECT, 0x71000, 16384, 1));
        assertEquals(Protection.READ, g.memory.protection(0x74fff));
        assertEquals(Protection.RW, g.memory.protection(0x75000));
    }

    @Test
    void privateFileMappingsCopyTheFile() throws IOException {
        Path file = tmp.resolve("mapped");
        byte[] data = new byte[6000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 7);
        }
        Files.write(file, data);
        GuestHarness g = new GuestHarness();
        long fd = g.call(OPENAT, -100, g.string(0, file.toString()), OpenFlags.O_RDONLY);
        long a = g.call(MMAP, 0, 8192, 3, MAP_PRIVATE, fd, 0);
        assertArrayEquals(data, g.bytes(a, data.length));
        assertArrayEquals(new byte[8192 - data.length], g.bytes(a + data.length, 8192 - data.length), "past EOF is zero");
        g.store64(a, -1);
        assertEquals(data[0], Files.readAllBytes(file)[0], "private writes stay private");
        long b = g.call(MMAP, 0, 4096, 1, MAP_PRIVATE, fd, 4096);
        assertArrayEquals(java.util.Arrays.copyOfRange(data, 4096, 6000), g.bytes(b, 6000 - 4096), "from the offset");
        assertEquals(-Errno.EACCES, g.call(MMAP, 0, 4096, 3, MAP_SHARED, fd, 0), "shared writable needs O_RDWR");
        long wfd = g.call(OPENAT, -100, g.string(0, file.toString()), OpenFlags.O_WRONLY);
        assertEquals(-Errno.EACCES, g.call(MMAP, 0, 4096, 1, MAP_PRIVATE, wfd, 0));
        assertEquals(-Errno.ENODEV, g.call(MMAP, 0, 4096, 1, MAP_PRIVATE,
                g.call(OPENAT, -100, g.string(0, tmp.toString()), 0), 0), "a directory");
    }

    @Test
    void devZeroMapsAnonymousMemory() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(Path.of("/dev/zero")));
        GuestHarness g = new GuestHarness();
        long fd = g.call(OPENAT, -100, g.string(0, "/dev/zero"), OpenFlags.O_RDWR);
        long a = g.call(MMAP, 0, 8192, 3, MAP_PRIVATE, fd, 0);
        assertEquals(Protection.RW, g.memory.protection(a));
        assertEquals(0, g.load64(a + 4096));
    }

    @Test
    void madviseDontneedZeroesAnonymousPages() throws IOException {
        GuestHarness g = new GuestHarness();
        long a = g.call(MMAP, 0, 0x3000, 3, ANON, -1, 0);
        g.store64(a, 1);
        g.store64(a + 0x1000, 2);
        g.store64(a + 0x2000, 3);
        assertEquals(0, g.call(MADVISE, a, 0x2000, AddressSpace.MADV_DONTNEED));
        assertEquals(0, g.load64(a));
        assertEquals(0, g.load64(a + 0x1000));
        assertEquals(3, g.load64(a + 0x2000));
        assertEquals(Protection.RW, g.memory.protection(a));
        assertEquals(0, g.call(MADVISE, a, 0x3000, 0), "MADV_NORMAL: accepted");
        assertEquals(-Errno.ENOMEM, g.call(MADVISE, a - 0x1000, 0x2000, 0), "partly unmapped");
        assertEquals(-Errno.EINVAL, g.call(MADVISE, a + 8, 0x1000, 0));
    }
}
