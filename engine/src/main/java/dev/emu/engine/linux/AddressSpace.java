package dev.emu.engine.linux;

import dev.emu.engine.loader.AddressLayout;
import dev.emu.engine.loader.MappedFile;
import dev.emu.engine.loader.ProgramImage;
import dev.emu.engine.mem.GuestMemory;
import dev.emu.engine.mem.Protection;

import java.io.IOException;
import java.util.List;

import static dev.emu.engine.loader.AddressLayout.pageUp;

/**
 * The process's memory map: the program break and the mmap family, kept in step between the
 * pages ({@link GuestMemory}) and the mapping list ({@link Mappings}). Every change is
 * serialised here, as the kernel's mmap lock does. New mappings are placed top-down from
 * {@link AddressLayout#MMAP_TOP}, highest free gap first; see AddressLayout for the whole plan.
 *
 * <p>File mappings are copies of the file ({@link MappedFileIo} says when they meet the file
 * again). Pages that held translated code notify the translator when they are replaced, moved
 * or unmapped, so MAP_FIXED over code never runs stale translations.
 */
public final class AddressSpace {
    public static final int MAP_SHARED = 0x01;
    public static final int MAP_PRIVATE = 0x02;
    public static final int MAP_SHARED_VALIDATE = 0x03;
    public static final int MAP_TYPE = 0x0f;
    public static final int MAP_FIXED = 0x10;
    public static final int MAP_ANONYMOUS = 0x20;
    public static final int MAP_STACK = 0x20000;
    public static final int MAP_FIXED_NOREPLACE = 0x100000;
    /** The flags every mmap understands (Linux's LEGACY_MAP_MASK); MAP_SHARED_VALIDATE refuses others. */
    private static final int LEGACY_MAP_MASK = 0x01 | 0x02 | MAP_FIXED | MAP_ANONYMOUS | 0x800 | 0x1000 | 0x4000000
            | 0x100 | 0x2000 | 0x4000 | 0x8000 | 0x10000 | MAP_STACK | 0x40000;
    public static final int MREMAP_MAYMOVE = 1;
    public static final int MREMAP_FIXED = 2;
    public static final int MREMAP_DONTUNMAP = 4;
    public static final int MS_ASYNC = 1;
    public static final int MS_INVALIDATE = 2;
    public static final int MS_SYNC = 4;
    public static final int MADV_DONTNEED = 4;
    private static final int PROT_MASK = Protection.RWX;
    private static final int PROT_SEM = 0x8;
    private static final int PROT_GROWSDOWN = 0x01000000;
    private static final int PROT_GROWSUP = 0x02000000;
    private static final long PAGE_MASK = GuestMemory.PAGE_MASK;

    private final GuestMemory memory;
    private final Mappings mappings = new Mappings();
    private final long brkStart;
    private long brk;

    AddressSpace(GuestMemory memory, ProgramImage image) {
        this.memory = memory;
        for (ProgramImage.Mapping m : image.mappings()) {
            mappings.add(new Mappings.Region(m.start(), m.end(), m.prot(), m.name(), m.file(), m.offset(), false, false));
        }
        this.brkStart = image.brkStart();
        this.brk = image.brkStart();
    }

    public GuestMemory memory() {
        return memory;
    }

    /**
     * brk: moves the program break to {@code requested} and returns the new break; returns the
     * old one unchanged when the request is below the start or would run into another mapping
     * (how Linux reports failure, which glibc's sbrk checks).
     */
    public synchronized long brk(long requested) {
        if (requested < brkStart || requested > AddressLayout.USER_LIMIT) {
            return brk;
        }
        long oldTop = pageUp(brk);
        long newTop = pageUp(requested);
        if (newTop > oldTop) {
            if (!mappings.isFree(oldTop, newTop)) {
                return brk;
            }
            memory.map(oldTop, newTop - oldTop, Protection.RW);
            mappings.add(Mappings.Region.anonymous(oldTop, newTop, Protection.RW, "[heap]"));
        } else if (newTop < oldTop) {
            memory.unmap(newTop, oldTop - newTop);
            mappings.remove(newTop, oldTop);
        }
        brk = requested;
        return brk;
    }

    /** mmap; file is null for MAP_ANONYMOUS. Returns the address or throws the errno. */
    public synchronized long mmap(long addr, long length, int prot, int flags, OpenFile file, long offset)
            throws IOException {
        if ((offset & PAGE_MASK) != 0 || length == 0) {
            throw new SyscallError(Errno.EINVAL);
        }
        long len = pageUp(length);
        if (len <= 0 || len > AddressLayout.USER_LIMIT) {
            throw new SyscallError(Errno.ENOMEM);
        }
        int type = flags & MAP_TYPE;
        if (type != MAP_SHARED && type != MAP_PRIVATE && type != MAP_SHARED_VALIDATE) {
            throw new SyscallError(Errno.EINVAL);
        }
        boolean shared = type != MAP_PRIVATE;
        if (file == null && type == MAP_SHARED_VALIDATE) {
            throw new SyscallError(Errno.EINVAL);
        }
        if (file != null) {
            if (type == MAP_SHARED_VALIDATE && (flags & ~LEGACY_MAP_MASK) != 0) {
                throw new SyscallError(Errno.EOPNOTSUPP);
            }
            checkMappable(file, shared, prot);
            if (offset + len < offset) {
                throw new SyscallError(Errno.EOVERFLOW);
            }
        }
        long start = place(addr, len, flags);
        prot &= PROT_MASK;
        release(start, start + len);
        memory.map(start, len, prot);
        Mappings.Region region;
        if (file == null) {
            region = Mappings.Region.anonymous(start, start + len, prot, "");
        } else {
            try {
                MappedFileIo.fill(memory, file, start, len, offset);
            } catch (IOException e) {
                memory.unmap(start, len);
                throw e;
            }
            MappedFile identity = MappedFile.of(file.path());
            region = new Mappings.Region(start, start + len, prot, identity.path().toString(), identity, offset, shared,
                    shared && file.writable());
        }
        mappings.add(region);
        return start;
    }

    private static void checkMappable(OpenFile file, boolean shared, int prot) throws IOException {
        if (!(file instanceof HostFile) || file.path() == null || !file.stat().isRegular()) {
            throw new SyscallError(Errno.ENODEV);
        }
        if (shared && (prot & Protection.WRITE) != 0 && !file.writable()) {
            throw new SyscallError(Errno.EACCES);
        }
        if (!file.readable()) {
            throw new SyscallError(Errno.EACCES);
        }
    }

    /** Where a new mapping of len bytes goes: MAP_FIXED's address, a free hint, or top-down. */
    private long place(long addr, long len, int flags) {
        boolean noReplace = (flags & MAP_FIXED_NOREPLACE) != 0;
        if ((flags & MAP_FIXED) != 0 || noReplace) {
            checkFixed(addr, len, Errno.EINVAL, Errno.ENOMEM);
            if (noReplace && !mappings.isFree(addr, addr + len)) {
                throw new SyscallError(Errno.EEXIST);
            }
            return addr;
        }
        if (addr != 0) {
            long hint = pageUp(addr);
            if (hint >= AddressLayout.MMAP_MIN && hint + len <= AddressLayout.USER_LIMIT && hint + len > hint
                    && mappings.isFree(hint, hint + len)) {
                return hint;
            }
        }
        return findFree(len);
    }

    private static void checkFixed(long addr, long len, int unaligned, int tooHigh) {
        if ((addr & PAGE_MASK) != 0) {
            throw new SyscallError(unaligned);
        }
        if (addr + len > AddressLayout.USER_LIMIT || addr + len < addr) {
            throw new SyscallError(tooHigh);
        }
        if (addr < AddressLayout.MMAP_MIN) {
            throw new SyscallError(Errno.EPERM);
        }
    }

    private long findFree(long len) {
        long found = mappings.findFreeTopDown(len, AddressLayout.MMAP_TOP, AddressLayout.MMAP_MIN);
        if (found < 0) {
            found = mappings.findFreeTopDown(len, AddressLayout.USER_LIMIT, AddressLayout.MMAP_MIN);
        }
        if (found < 0) {
            throw new SyscallError(Errno.ENOMEM);
        }
        return found;
    }

    /** Unmaps [start, end) after writing back the shared file mappings it ends. */
    private void release(long start, long end) throws IOException {
        writeBack(start, end);
        memory.unmap(start, end - start);
        mappings.remove(start, end);
    }

    private void writeBack(long start, long end) throws IOException {
        for (Mappings.Region r : mappings.overlapping(start, end)) {
            if (r.writeBack()) {
                MappedFileIo.writeBack(memory, r, Math.max(r.start(), start), Math.min(r.end(), end));
            }
        }
    }

    public synchronized void munmap(long addr, long length) throws IOException {
        if ((addr & PAGE_MASK) != 0 || length == 0) {
            throw new SyscallError(Errno.EINVAL);
        }
        long len = pageUp(length);
        if (len <= 0 || addr + len > GuestMemory.LIMIT || addr + len < addr) {
            throw new SyscallError(Errno.EINVAL);
        }
        release(addr, addr + len);
    }

    public synchronized void mprotect(long addr, long length, int prot) {
        if ((addr & PAGE_MASK) != 0 || (prot & ~(PROT_MASK | PROT_SEM | PROT_GROWSDOWN | PROT_GROWSUP)) != 0) {
            throw new SyscallError(Errno.EINVAL);
        }
        long len = pageUp(length);
        if (len == 0) {
            return;
        }
        if (len < 0 || addr + len > GuestMemory.LIMIT || addr + len < addr || !mappings.isFullyMapped(addr, addr + len)) {
            throw new SyscallError(Errno.ENOMEM);
        }
        for (Mappings.Region r : mappings.overlapping(addr, addr + len)) {
            if (r.shared() && !r.writeBack() && (prot & Protection.WRITE) != 0) {
                throw new SyscallError(Errno.EACCES); // shared, and the file was not opened for writing
            }
        }
        memory.protect(addr, len, prot & PROT_MASK);
        mappings.protect(addr, addr + len, prot & PROT_MASK);
    }

    /**
     * madvise: advice is only a hint, except MADV_DONTNEED, which drops what a private mapping
     * holds: anonymous pages read back as zero (allocators and thread stacks rely on it), a
     * private file mapping's pages as the file has them. Shared mappings keep their contents.
     */
    public synchronized void madvise(long addr, long length, int advice) throws IOException {
        if ((addr & PAGE_MASK) != 0 || length < 0 || !knownAdvice(advice)) {
            throw new SyscallError(Errno.EINVAL);
        }
        long end = addr + pageUp(length);
        if (end < addr || end > GuestMemory.LIMIT) {
            throw new SyscallError(Errno.ENOMEM);
        }
        if (advice == MADV_DONTNEED) {
            for (Mappings.Region r : mappings.overlapping(addr, end)) {
                long from = Math.max(r.start(), addr);
                long to = Math.min(r.end(), end);
                if (r.anonymous()) {
                    memory.map(from, to - from, r.prot());
                } else if (!r.shared()) {
                    MappedFileIo.reload(memory, r, from, to);
                }
            }
        }
        if (!mappings.isFullyMapped(addr, end)) {
            throw new SyscallError(Errno.ENOMEM);
        }
    }

    /** The advice values Linux 6.x knows (MADV_NORMAL..MADV_COLLAPSE, HWPOISON, SOFT_OFFLINE). */
    private static boolean knownAdvice(int advice) {
        return advice >= 0 && advice <= 4 || advice >= 8 && advice <= 25 || advice == 100 || advice == 101;
    }

    /**
     * msync: writes the writable shared file mappings in the range back to their files (MS_SYNC
     * and MS_ASYNC alike). ENOMEM when part of the range is unmapped, after doing the rest.
     */
    public synchronized void msync(long addr, long length, int flags) throws IOException {
        if ((flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC)) != 0 || (addr & PAGE_MASK) != 0
                || (flags & MS_ASYNC) != 0 && (flags & MS_SYNC) != 0) {
            throw new SyscallError(Errno.EINVAL);
        }
        long end = addr + pageUp(length);
        if (length < 0 || end < addr || end > GuestMemory.LIMIT) {
            throw new SyscallError(Errno.ENOMEM);
        }
        writeBack(addr, end);
        if (!mappings.isFullyMapped(addr, end)) {
            throw new SyscallError(Errno.ENOMEM);
        }
    }

    /**
     * mremap: shrinks in place, grows in place when the pages after the mapping are free, and
     * otherwise (with MREMAP_MAYMOVE) moves the mapping, contents and all, to a new address, or
     * to newAddr with MREMAP_FIXED. Returns the mapping's address.
     */
    public synchronized long mremap(long oldAddr, long oldLength, long newLength, int flags, long newAddr)
            throws IOException {
        boolean fixed = (flags & MREMAP_FIXED) != 0;
        boolean dontUnmap = (flags & MREMAP_DONTUNMAP) != 0;
        long oldLen = pageUp(oldLength);
        long newLen = pageUp(newLength);
        if ((flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP)) != 0 || (oldAddr & PAGE_MASK) != 0
                || (fixed || dontUnmap) && (flags & MREMAP_MAYMOVE) == 0 || dontUnmap && oldLen != newLen
                || newLen <= 0 || oldLen <= 0 || newLen > AddressLayout.USER_LIMIT) {
            throw new SyscallError(Errno.EINVAL); // oldLen 0 (duplicate a shared mapping) is not supported
        }
        long oldEnd = oldAddr + oldLen;
        if (oldEnd < oldAddr || oldEnd > GuestMemory.LIMIT || !mappings.isFullyMapped(oldAddr, oldEnd)) {
            throw new SyscallError(Errno.EFAULT);
        }
        if (fixed || dontUnmap) {
            return remapTo(oldAddr, oldLen, fixed ? newAddr : findFree(newLen), newLen, fixed, dontUnmap);
        }
        if (newLen <= oldLen) {
            release(oldAddr + newLen, oldEnd);
            return oldAddr;
        }
        Mappings.Region last = mappings.find(oldEnd - 1);
        if (last.end() == oldEnd && oldAddr + newLen <= AddressLayout.USER_LIMIT
                && mappings.isFree(oldEnd, oldAddr + newLen)) {
            grow(last, oldEnd, oldAddr + newLen);
            return oldAddr;
        }
        if ((flags & MREMAP_MAYMOVE) == 0) {
            throw new SyscallError(Errno.ENOMEM);
        }
        return move(oldAddr, oldLen, findFree(newLen), newLen, false);
    }

    private long remapTo(long oldAddr, long oldLen, long newAddr, long newLen, boolean fixed, boolean dontUnmap)
            throws IOException {
        checkFixed(newAddr, newLen, Errno.EINVAL, Errno.EINVAL);
        if (newAddr < oldAddr + oldLen && oldAddr < newAddr + newLen) {
            throw new SyscallError(Errno.EINVAL);
        }
        if (fixed) {
            release(newAddr, newAddr + newLen);
        }
        if (oldLen > newLen) {
            release(oldAddr + newLen, oldAddr + oldLen);
            oldLen = newLen;
        }
        return move(oldAddr, oldLen, newAddr, newLen, dontUnmap);
    }

    /**
     * Moves the mappings of [oldAddr, oldAddr+oldLen) to newAddr (free), growing the last one to
     * newLen. The old range is unmapped, or with MREMAP_DONTUNMAP kept but emptied: anonymous
     * pages read as zero again, file pages as the file has them.
     */
    private long move(long oldAddr, long oldLen, long newAddr, long newLen, boolean dontUnmap) throws IOException {
        Mappings.Region moved = null;
        for (Mappings.Region r : mappings.overlapping(oldAddr, oldAddr + oldLen)) {
            Mappings.Region piece = r.slice(Math.max(r.start(), oldAddr), Math.min(r.end(), oldAddr + oldLen));
            long to = newAddr + (piece.start() - oldAddr);
            long len = piece.end() - piece.start();
            memory.map(to, len, piece.prot());
            MappedFileIo.copyPages(memory, piece.start(), to, len);
            moved = piece.movedTo(to, len);
            mappings.add(moved);
            if (dontUnmap && piece.anonymous()) {
                memory.map(piece.start(), len, piece.prot());
            } else if (dontUnmap) {
                MappedFileIo.reload(memory, piece, piece.start(), piece.end());
            }
        }
        if (!dontUnmap) {
            memory.unmap(oldAddr, oldLen);
            mappings.remove(oldAddr, oldAddr + oldLen);
        }
        if (newLen > oldLen) {
            grow(moved, newAddr + oldLen, newAddr + newLen);
        }
        return newAddr;
    }

    /** Extends mapping last (which ends at from) over the free range [from, to). */
    private void grow(Mappings.Region last, long from, long to) throws IOException {
        Mappings.Region extension = last.slice(from, to);
        if (extension.anonymous()) {
            memory.map(from, to - from, last.prot());
        } else {
            MappedFileIo.reload(memory, extension, from, to);
        }
        mappings.add(extension);
    }

    /**
     * Writes every writable shared file mapping back to its file: the process is ending. A file
     * that can no longer be written is skipped, as the kernel's late write-back errors reach no
     * one once the process is gone.
     */
    public synchronized void writeBackAll() {
        for (Mappings.Region r : mappings.all()) {
            if (r.writeBack()) {
                try {
                    MappedFileIo.writeBack(memory, r, r.start(), r.end());
                } catch (IOException e) {
                    // nobody left to tell
                }
            }
        }
    }

    public synchronized long brkStart() {
        return brkStart;
    }

    public synchronized long currentBrk() {
        return brk;
    }

    /** The mappings in address order, as /proc/self/maps lists them. */
    synchronized List<Mappings.Region> regions() {
        return mappings.all();
    }

    /** The mappings in address order, as the loader describes its own. */
    public synchronized List<ProgramImage.Mapping> mappings() {
        return mappings.all().stream()
                .map(r -> new ProgramImage.Mapping(r.start(), r.end(), r.prot(), r.name(), r.file(), r.offset()))
                .toList();
    }
}
