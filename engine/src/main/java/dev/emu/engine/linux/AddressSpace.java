package dev.emu.engine.linux;

import dev.emu.engine.loader.AddressLayout;
import dev.emu.engine.loader.ProgramImage;
import dev.emu.engine.mem.GuestMemory;
import dev.emu.engine.mem.Protection;

import java.io.IOException;
import java.util.List;

import static dev.emu.engine.loader.AddressLayout.pageUp;

/**
 * The process's memory map: the program break and mmap/munmap/mprotect/madvise, kept in step
 * between the pages ({@link GuestMemory}) and the mapping list ({@link Mappings}). Every change
 * is serialised here, as the kernel's mmap lock does. New mappings are placed top-down from
 * {@link AddressLayout#MMAP_TOP}, highest free gap first; see AddressLayout for the whole plan.
 *
 * <p>Replacing pages always unmaps them first, so pages that held translated code notify the
 * translator before they change.
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
            mappings.add(new Mappings.Region(m.start(), m.end(), m.prot(), m.name(), m.name().equals("[stack]")));
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
            mappings.add(new Mappings.Region(oldTop, newTop, Protection.RW, "[heap]", true));
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
        if (file != null) {
            checkMappable(file, type, prot);
        }
        long start = place(addr, len, flags);
        prot &= PROT_MASK;
        memory.unmap(start, len);
        memory.map(start, len, prot);
        if (file != null) {
            fill(file, start, len, offset);
        }
        String name = file == null ? "" : String.valueOf(file.path());
        mappings.add(new Mappings.Region(start, start + len, prot, name, file == null));
        return start;
    }

    private static void checkMappable(OpenFile file, int type, int prot) throws IOException {
        if (!(file instanceof HostFile) || !file.stat().isRegular()) {
            throw new SyscallError(Errno.ENODEV);
        }
        if (!file.readable()) {
            throw new SyscallError(Errno.EACCES);
        }
        if (type != MAP_PRIVATE && (prot & Protection.WRITE) != 0) {
            // A shared writable file mapping would have to write back: not supported yet.
            throw new SyscallError(file.writable() ? Errno.ENODEV : Errno.EACCES);
        }
    }

    /** Where a new mapping of len bytes goes: MAP_FIXED's address, a free hint, or top-down. */
    private long place(long addr, long len, int flags) {
        boolean noReplace = (flags & MAP_FIXED_NOREPLACE) != 0;
        if ((flags & MAP_FIXED) != 0 || noReplace) {
            if ((addr & PAGE_MASK) != 0) {
                throw new SyscallError(Errno.EINVAL);
            }
            if (addr + len > AddressLayout.USER_LIMIT || addr + len < addr) {
                throw new SyscallError(Errno.ENOMEM);
            }
            if (addr < AddressLayout.MMAP_MIN) {
                throw new SyscallError(Errno.EPERM);
            }
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
        long found = mappings.findFreeTopDown(len, AddressLayout.MMAP_TOP, AddressLayout.MMAP_MIN);
        if (found < 0) {
            found = mappings.findFreeTopDown(len, AddressLayout.USER_LIMIT, AddressLayout.MMAP_MIN);
        }
        if (found < 0) {
            throw new SyscallError(Errno.ENOMEM);
        }
        return found;
    }

    /** Copies the file's bytes from offset into the new pages; beyond the end of file stays zero. */
    private void fill(OpenFile file, long start, long len, long offset) throws IOException {
        byte[] chunk = new byte[(int) Math.min(len, 1 << 20)];
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

    public synchronized void munmap(long addr, long length) {
        if ((addr & PAGE_MASK) != 0 || length == 0) {
            throw new SyscallError(Errno.EINVAL);
        }
        long len = pageUp(length);
        if (len <= 0 || addr + len > GuestMemory.LIMIT || addr + len < addr) {
            throw new SyscallError(Errno.EINVAL);
        }
        memory.unmap(addr, len);
        mappings.remove(addr, addr + len);
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
        memory.protect(addr, len, prot & PROT_MASK);
        mappings.protect(addr, addr + len, prot & PROT_MASK);
    }

    /**
     * madvise: advice is only a hint, except MADV_DONTNEED, which makes anonymous private pages
     * read back as zero (allocators and thread stacks rely on it). File mappings keep their
     * contents (Linux would re-read the file: not done yet).
     */
    public synchronized void madvise(long addr, long length, int advice) {
        if ((addr & PAGE_MASK) != 0 || length < 0) {
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
                    memory.unmap(from, to - from);
                    memory.map(from, to - from, r.prot());
                }
            }
        }
        if (!mappings.isFullyMapped(addr, end)) {
            throw new SyscallError(Errno.ENOMEM);
        }
    }

    public synchronized long brkStart() {
        return brkStart;
    }

    public synchronized long currentBrk() {
        return brk;
    }

    /** The mappings as (start, end, prot, name), in address order. */
    public synchronized List<ProgramImage.Mapping> mappings() {
        return mappings.all().stream().map(r -> new ProgramImage.Mapping(r.start(), r.end(), r.prot(), r.name())).toList();
    }
}
