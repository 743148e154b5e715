package dev.emu.engine.linux;

import dev.emu.engine.mem.GuestMemory;
import dev.emu.engine.mem.Protection;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Moves bytes between guest pages and the files they map. Guest pages are Java arrays, not host
 * mappings, so a file mapping is a copy: filled from the file when made, re-read when
 * MADV_DONTNEED drops a private mapping's changes, and, for a writable MAP_SHARED mapping,
 * written back to the file by msync, munmap, a mapping that replaces it, and the end of the
 * process. Between those points the file and the mapping do not see each other's changes (on
 * Linux they share the page cache and always agree).
 *
 * <p>Write-back opens the file again by its path (the descriptor it was mapped from may be
 * closed by then) and writes only the pages that differ from the file, never past its end, as
 * Linux never extends a file through a mapping.
 */
final class MappedFileIo {
    private static final int CHUNK = 1 << 20;

    private MappedFileIo() {}

    /** Copies the file's bytes from offset into [start, start+len); beyond the end of file stays zero. */
    static void fill(GuestMemory memory, OpenFile file, long start, long len, long offset) throws IOException {
        byte[] chunk = new byte[(int) Math.min(len, CHUNK)];
        for (long done = 0; done < len; ) {
            int want = (int) Math.min(chunk.length, len - done);
            int n = file.pread(chunk, 0, want, offset + done);
            if (n <= 0) {
                return;
            }
            memory.poke(start + done, chunk, 0, n);
            done += n;
        }
    }

    /** Re-reads [from, to) of a private file mapping from its file (MADV_DONTNEED drops the copy). */
    static void reload(GuestMemory memory, Mappings.Region r, long from, long to) throws IOException {
        memory.map(from, to - from, r.prot());
        try (FileChannel ch = FileChannel.open(r.file().path(), StandardOpenOption.READ)) {
            long fileOffset = r.offset() + (from - r.start());
            byte[] chunk = new byte[(int) Math.min(to - from, CHUNK)];
            for (long done = 0; done < to - from; ) {
                int want = (int) Math.min(chunk.length, to - from - done);
                int n = ch.read(ByteBuffer.wrap(chunk, 0, want), fileOffset + done);
                if (n <= 0) {
                    return;
                }
                memory.poke(from + done, chunk, 0, n);
                done += n;
            }
        }
    }

    /** Writes the pages of [from, to) of a writable shared mapping that differ from its file. */
    static void writeBack(GuestMemory memory, Mappings.Region r, long from, long to) throws IOException {
        try (FileChannel ch = FileChannel.open(r.file().path(), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            byte[] mine = new byte[GuestMemory.PAGE_SIZE];
            byte[] theirs = new byte[GuestMemory.PAGE_SIZE];
            for (long a = from; a < to; a += GuestMemory.PAGE_SIZE) {
                long pos = r.offset() + (a - r.start());
                int n = (int) Math.min(GuestMemory.PAGE_SIZE, size - pos);
                if (n <= 0) {
                    return;
                }
                readIgnoringProtection(memory, a, mine, n);
                Arrays.fill(theirs, (byte) 0);
                ch.read(ByteBuffer.wrap(theirs, 0, n), pos);
                if (!Arrays.equals(mine, 0, n, theirs, 0, n)) {
                    ByteBuffer buf = ByteBuffer.wrap(mine, 0, n);
                    for (long p = pos; buf.hasRemaining(); ) {
                        p += ch.write(buf, p);
                    }
                }
            }
        }
    }

    /**
     * Reads n bytes of one page whatever its permissions (a PROT_NONE page still holds what was
     * written before mprotect took the access away): read permission is lent for the copy.
     */
    static void readIgnoringProtection(GuestMemory memory, long page, byte[] dst, int n) {
        int prot = memory.protection(page);
        if ((prot & Protection.READ) != 0) {
            memory.read(page, dst, 0, n);
            return;
        }
        memory.protect(page, GuestMemory.PAGE_SIZE, prot | Protection.READ);
        try {
            memory.read(page, dst, 0, n);
        } finally {
            memory.protect(page, GuestMemory.PAGE_SIZE, prot);
        }
    }

    /** Copies [from, from+len) to [to, to+len), both mapped, whatever the source's permissions. */
    static void copyPages(GuestMemory memory, long from, long to, long len) {
        byte[] page = new byte[GuestMemory.PAGE_SIZE];
        for (long done = 0; done < len; done += GuestMemory.PAGE_SIZE) {
            if (memory.protection(from + done) < 0) {
                continue;
            }
            readIgnoringProtection(memory, from + done, page, page.length);
            memory.poke(to + done, page, 0, page.length);
        }
    }
}
