package dev.emu.engine.linux;

import dev.emu.engine.loader.AuxVector;
import dev.emu.engine.mem.Protection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.emu.engine.linux.AddressSpace.*;
import static dev.emu.engine.linux.SyscallNumbers.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Shared file mappings and write-back, mremap, msync, MAP_FIXED over code, /proc/self/maps and auxv. */
class FileMappingTest {
    static final int ANON = MAP_PRIVATE | MAP_ANONYMOUS;
    static final int PAGE = 4096;
    @TempDir
    Path tmp;

    Path file(String name, int size) throws IOException {
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = (byte) ('a' + i % 26);
        }
        return Files.write(tmp.resolve(name), data);
    }

    long open(GuestHarness g, Path p, int flags) {
        return g.call(OPENAT, -100, g.string(0, p.toString()), flags);
    }

    @Test
    void sharedWritableMappingsWriteBackOnMsyncMunmapAndExitButNeverGrowTheFile() throws IOException {
        Path f = file("shared", PAGE + 100);
        GuestHarness g = new GuestHarness();
        long fd = open(g, f, OpenFlags.O_RDWR);
        long a = g.call(MMAP, 0, 2 * PAGE, 3, MAP_SHARED, fd, 0);
        g.memory.write(a + 1, new byte[] {'X'}, 0, 1);
        g.memory.write(a + PAGE + 200, new byte[] {'Z'}, 0, 1); // past the end of file
        assertEquals('b', Files.readAllBytes(f)[1], "not written back before msync");
        assertEquals(0, g.call(MSYNC, a, 2 * PAGE, MS_SYNC));
        assertEquals('X', Files.readAllBytes(f)[1]);
        assertEquals(PAGE + 100, Files.size(f), "the file keeps its size");
        g.memory.write(a + 2, new byte[] {'Y'}, 0, 1);
        assertEquals(0, g.call(MUNMAP, a, PAGE));
        assertEquals('Y', Files.readAllBytes(f)[2], "munmap writes back");
        long b = g.call(MMAP, 0, PAGE, 3, MAP_SHARED, fd, 0);
        g.call(CLOSE, fd);
        g.memory.write(b + 3, new byte[] {'W'}, 0, 1);
        g.process.addressSpace().writeBackAll();
        assertEquals('W', Files.readAllBytes(f)[3], "written back at exit, after the fd was closed");
    }

    @Test
    void sharedMappingsFollowTheFilesAccessMode() throws IOException {
        Path f = file("modes", PAGE);
        GuestHarness g = new GuestHarness();
        long ro = open(g, f, OpenFlags.O_RDONLY);
        assertEquals(-Errno.EACCES, g.call(MMAP, 0, PAGE, 3, MAP_SHARED, ro, 0));
        long a = g.call(MMAP, 0, PAGE, 1, MAP_SHARED, ro, 0);
        assertEquals('a', g.bytes(a, 1)[0]);
        assertEquals(-Errno.EACCES, g.call(MPROTECT, a, PAGE, 3), "no write permission to gain");
        long p = g.call(MMAP, 0, PAGE, 1, MAP_PRIVATE, ro, 0);
        assertEquals(0, g.call(MPROTECT, p, PAGE, 3), "a private copy may become writable");
        assertEquals(-Errno.EOPNOTSUPP, g.call(MMAP, 0, PAGE, 1, MAP_SHARED_VALIDATE | 0x80000, ro, 0), "MAP_SYNC");
        assertTrue(g.call(MMAP, 0, PAGE, 1, MAP_SHARED_VALIDATE, ro, 0) > 0);
        assertEquals(-Errno.EINVAL, g.call(MMAP, 0, PAGE, 3, MAP_SHARED_VALIDATE | MAP_ANONYMOUS, -1, 0));
    }

    @Test
    void madviseDontneedRereadsAPrivateFileMapping() throws IOException {
        Path f = file("reread", 2 * PAGE);
        GuestHarness g = new GuestHarness();
        long a = g.call(MMAP, 0, 2 * PAGE, 3, MAP_PRIVATE, open(g, f, OpenFlags.O_RDONLY), 0);
        g.store64(a + PAGE, 0);
        assertEquals(0, g.call(MADVISE, a + PAGE, PAGE, MADV_DONTNEED));
        assertArrayEquals(Arrays.copyOfRange(Files.readAllBytes(f), PAGE, PAGE + 8), g.bytes(a + PAGE, 8));
        assertEquals(-Errno.EINVAL, g.call(MADVISE, a, PAGE, 77), "unknown advice");
    }

    @Test
    void mremapShrinksGrowsInPlaceAndMovesWithTheContents() throws IOException {
        GuestHarness g = new GuestHarness();
        long a = g.call(MMAP, 0x6000_0000L, 2 * PAGE, 3, ANON, -1, 0);
        g.store64(a, 11);
        g.store64(a + PAGE, 22);
        assertEquals(a, g.call(MREMAP, a, 2 * PAGE, 4 * PAGE, 0), "free pages after it: grows in place");
        assertEquals(22, g.load64(a + PAGE));
        assertEquals(0, g.load64(a + 3 * PAGE));
        assertEquals(a, g.call(MREMAP, a, 4 * PAGE, PAGE, 0));
        assertFalse(g.memory.isMapped(a + PAGE), "shrinking unmaps the tail");
        g.call(MMAP, a + PAGE, PAGE, 0, ANON | MAP_FIXED, -1, 0);
        assertEquals(-Errno.ENOMEM, g.call(MREMAP, a, PAGE, 2 * PAGE, 0), "blocked, and may not move");
        long moved = g.call(MREMAP, a, PAGE, 3 * PAGE, MREMAP_MAYMOVE);
        assertTrue(moved != a);
        assertEquals(11, g.load64(moved));
        assertEquals(Protection.RW, g.memory.protection(moved + 2 * PAGE));
        assertFalse(g.memory.isMapped(a), "the old place is unmapped");
        long target = 0x7000_0000L;
        assertEquals(target, g.call(MREMAP, moved, 3 * PAGE, 3 * PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, target));
        assertEquals(11, g.load64(target));
        assertEquals(-Errno.EINVAL, g.call(MREMAP, target, PAGE, PAGE, MREMAP_FIXED, 0x7100_0000L), "FIXED needs MAYMOVE");
        assertEquals(-Errno.EINVAL, g.call(MREMAP, target, 2 * PAGE, PAGE, MREMAP_MAYMOVE | MREMAP_FIXED, target + PAGE),
                "overlapping ranges");
        assertEquals(-Errno.EFAULT, g.call(MREMAP, 0x7200_0000L, PAGE, 2 * PAGE, MREMAP_MAYMOVE), "nothing mapped");
        assertEquals(-Errno.EINVAL, g.call(MREMAP, target + 1, PAGE, 2 * PAGE, MREMAP_MAYMOVE));
        long kept = g.call(MREMAP, target, PAGE, PAGE, MREMAP_MAYMOVE | MREMAP_DONTUNMAP);
        assertEquals(11, g.load64(kept));
        assertEquals(0, g.load64(target), "DONTUNMAP leaves the old range mapped and empty");
    }

    @Test
    void mremapOfAFileMappingGrowsWithTheFile() throws IOException {
        Path f = file("grow", 3 * PAGE);
        GuestHarness g = new GuestHarness();
        long a = g.call(MMAP, 0, PAGE, 1, MAP_PRIVATE, open(g, f, OpenFlags.O_RDONLY), 0);
        long b = g.call(MREMAP, a, PAGE, 3 * PAGE, MREMAP_MAYMOVE);
        assertArrayEquals(Files.readAllBytes(f), g.bytes(b, 3 * PAGE));
    }

    @Test
    void msyncChecksItsArguments() throws IOException {
        GuestHarness g = new GuestHarness();
        long a = g.call(MMAP, 0, PAGE, 3, ANON, -1, 0);
        assertEquals(0, g.call(MSYNC, a, PAGE, MS_ASYNC));
        assertEquals(-Errno.EINVAL, g.call(MSYNC, a, PAGE, MS_ASYNC | MS_SYNC));
        assertEquals(-Errno.EINVAL, g.call(MSYNC, a + 1, PAGE, MS_SYNC));
        assertEquals(-Errno.EINVAL, g.call(MSYNC, a, PAGE, 8));
        assertEquals(-Errno.ENOMEM, g.call(MSYNC, a - PAGE, 2 * PAGE, MS_SYNC), "partly unmapped");
    }

    @Test
    void replacingPagesThatHoldCodeTellsTheTranslator() throws IOException {
        GuestHarness g = new GuestHarness();
        List<Long> told = new ArrayList<>();
        g.memory.setCodeWriteListener(told::add);
        long a = g.call(MMAP, 0, 2 * PAGE, Protection.RWX, ANON, -1, 0);
        g.memory.markCode(a);
        assertEquals(a, g.call(MMAP, a, PAGE, Protection.RWX, ANON | MAP_FIXED, -1, 0));
        assertEquals(List.of(a >>> 12), told, "MAP_FIXED over code");
        g.memory.markCode(a + PAGE);
        g.memory.map(a + PAGE, PAGE, Protection.RX); // straight through GuestMemory.map
        assertEquals(List.of(a >>> 12, (a + PAGE) >>> 12), told);
        g.memory.markCode(a);
        assertEquals(0, g.call(MADVISE, a, PAGE, MADV_DONTNEED));
        assertEquals(3, told.size(), "MADV_DONTNEED over code");
    }

    @Test
    void procSelfMapsListsTheMappingsInLinuxFormat() throws IOException {
        Path f = file("listed", 2 * PAGE);
        GuestHarness g = new GuestHarness();
        long anon = g.call(MMAP, 0x6000_0000L, 3 * PAGE, 3, ANON, -1, 0);
        g.call(MPROTECT, anon + PAGE, PAGE, 1);
        long mapped = g.call(MMAP, 0x6100_0000L, PAGE, 1, MAP_PRIVATE, open(g, f, OpenFlags.O_RDONLY), PAGE);
        String maps = read(g, "/proc/self/maps");
        List<String> lines = List.of(maps.split("\n"));
        assertTrue(lines.contains("60000000-60001000 rw-p 00000000 00:00 0 "), maps);
        assertTrue(lines.contains("60001000-60002000 r--p 00000000 00:00 0 "), maps);
        long inode = (Long) Files.getAttribute(f, "unix:ino");
        String fileLine = lines.stream().filter(l -> l.startsWith("61000000-61001000 ")).findFirst().orElseThrow();
        assertTrue(fileLine.matches("61000000-61001000 r--p 00001000 [0-9a-f]{2,}:[0-9a-f]{2,} " + inode + " +"
                + java.util.regex.Pattern.quote(f.toRealPath().toString())), fileLine);
        assertEquals(73, fileLine.indexOf('/'), "the name starts at column 73, as Linux pads it");
        assertTrue(lines.get(lines.size() - 1).matches("3fff800000-4000000000 rw-p 00000000 00:00 0 +\\[stack\\]"), maps);
        assertTrue(lines.get(0).startsWith("00010000-"), "hello's text comes first, 8 hex digits at least");
        assertEquals(maps, read(g, "/proc/" + g.process.pid() + "/maps"));
        assertEquals(-Errno.EACCES, g.call(OPENAT, -100, g.string(0, "/proc/self/maps"), OpenFlags.O_RDWR));
    }

    @Test
    void procSelfAuxvIsTheVectorTheLoaderWrote() throws IOException {
        GuestHarness g = new GuestHarness();
        byte[] auxv = read(g, "/proc/self/auxv").getBytes(StandardCharsets.ISO_8859_1);
        List<AuxVector> written = g.process.image().auxv();
        assertEquals(16 * written.size(), auxv.length);
        ByteBuffer b = ByteBuffer.wrap(auxv).order(ByteOrder.LITTLE_ENDIAN);
        for (AuxVector a : written) {
            assertEquals(a.type(), b.getLong());
            assertEquals(a.value(), b.getLong());
        }
    }

    /** Reads a whole file through openat and small reads, as stdio would. */
    private static String read(GuestHarness g, String path) {
        long fd = g.call(OPENAT, -100, g.string(0, path), OpenFlags.O_RDONLY);
        assertTrue(fd >= 0, path + ": " + fd);
        StringBuilder out = new StringBuilder();
        long buf = g.scratch + 0x1000;
        for (long n; (n = g.call(READ, fd, buf, 100)) > 0; ) {
            out.append(new String(g.bytes(buf, (int) n), StandardCharsets.ISO_8859_1));
        }
        g.call(CLOSE, fd);
        return out.toString();
    }
}
