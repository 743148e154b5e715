package dev.emu.engine.mem;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.function.LongConsumer;

/**
 * The guest's address space: 4 KiB pages of host byte arrays behind a two-level page map that
 * covers 2^40 bytes (1 TiB). The guest can reach only its own pages; an access to an unmapped
 * page, or one its permissions forbid, throws {@link MemoryFault}.
 *
 * <p>Translated code calls the static {@code loadN}/{@code storeN} methods: one bounds-and-map
 * check, then a plain little-endian array access (HotSpot inlines them). Everything else (a
 * page crossing, a fault, a store to a page that holds translated code) takes the slow path.
 * Pages holding translated code are left out of the fast write map, so the first store to one
 * reaches {@link #setCodeWriteListener the listener}, which invalidates those translations.
 *
 * <p>A mapped page costs no host memory until the guest first writes it: programs reserve far
 * more than they touch (thread stacks, heap arenas, PROT_NONE guards, bss). Until then its
 * read map entry is one shared all-zero array that nothing ever writes, and its write map entry
 * is empty, so the first store takes the slow path, which gives the page its own array.
 *
 * <p>Mapping changes must happen while no other vCPU runs translated code that could race with
 * them (the Linux layer serialises mmap/munmap/mprotect); reads and writes of the data itself are
 * as racy as on hardware, with atomics through {@link #atomic64}.
 */
public final class GuestMemory {
    public static final int PAGE_BITS = 12;
    public static final int PAGE_SIZE = 1 << PAGE_BITS;
    public static final long PAGE_MASK = PAGE_SIZE - 1;
    public static final int ADDRESS_BITS = 40;
    public static final long LIMIT = 1L << ADDRESS_BITS;
    private static final int L2_BITS = 12;
    private static final int L1_SHIFT = PAGE_BITS + L2_BITS;
    private static final int L1_SIZE = 1 << (ADDRESS_BITS - L1_SHIFT);
    private static final int L2_MASK = (1 << L2_BITS) - 1;

    static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** Per page: its data and state; null where nothing is mapped. */
    private final Page[][] pages = new Page[L1_SIZE][];
    /** Fast maps: the page's data where a plain read (write) is allowed, else null. */
    final byte[][][] readMap = new byte[L1_SIZE][][];
    final byte[][][] writeMap = new byte[L1_SIZE][][];
    private LongConsumer codeWriteListener = page -> { };

    /** What every never-written page reads as; shared, so it must never be written. */
    private static final byte[] ZEROS = new byte[PAGE_SIZE];

    static final class Page {
        /** The page's bytes, or null while it was never written (it reads as zeros). */
        byte[] data;
        int prot;
        boolean hasCode;

        byte[] readableData() {
            return data != null ? data : ZEROS;
        }

        /** The page's own array, made on first use; locked so racing vCPUs agree on one array. */
        byte[] writableData() {
            byte[] d = data;
            if (d != null) {
                return d;
            }
            synchronized (this) {
                if (data == null) {
                    data = new byte[PAGE_SIZE];
                }
                return data;
            }
        }
    }

    /** Called with the page number of a code page the guest is about to write. */
    public void setCodeWriteListener(LongConsumer listener) {
        this.codeWriteListener = listener;
    }

    // ------------------------------------------------------------------ mapping

    /**
     * Maps zero-filled pages over [addr, addr+length), replacing what was there; replaced pages
     * that held translated code tell the listener, as unmap does (MAP_FIXED over code).
     */
    public void map(long addr, long length, int prot) {
        checkRange(addr, length);
        for (long p = addr >>> PAGE_BITS, end = pageEnd(addr, length); p < end; p++) {
            Page old = page(p);
            if (old != null && old.hasCode) {
                codeWriteListener.accept(p);
            }
            Page page = new Page();
            page.prot = prot;
            setPage(p, page);
        }
    }

    /** Unmaps every page in the range; unmapped pages in it are ignored, as by munmap. */
    public void unmap(long addr, long length) {
        checkRange(addr, length);
        for (long p = addr >>> PAGE_BITS, end = pageEnd(addr, length); p < end; p++) {
            Page old = page(p);
            if (old != null && old.hasCode) {
                codeWriteListener.accept(p);
            }
            setPage(p, null);
        }
    }

    /** Changes permissions; returns false (and changes nothing) if part of the range is unmapped. */
    public boolean protect(long addr, long length, int prot) {
        checkRange(addr, length);
        long end = pageEnd(addr, length);
        for (long p = addr >>> PAGE_BITS; p < end; p++) {
            if (page(p) == null) {
                return false;
            }
        }
        for (long p = addr >>> PAGE_BITS; p < end; p++) {
            Page page = page(p);
            if (page.hasCode && (prot & Protection.EXEC) == 0) {
                codeWriteListener.accept(p);
                page.hasCode = false;
            }
            page.prot = prot;
            publish(p, page);
        }
        return true;
    }

    public boolean isMapped(long addr) {
        return addr >= 0 && addr < LIMIT && page(addr >>> PAGE_BITS) != null;
    }

    /** The permissions of the page holding addr, or -1 when it is unmapped. */
    public int protection(long addr) {
        Page page = addr >= 0 && addr < LIMIT ? page(addr >>> PAGE_BITS) : null;
        return page == null ? -1 : page.prot;
    }

    /**
     * Marks the page holding addr as holding translated code: stores to it leave the fast path so
     * the translations can be invalidated first.
     */
    public void markCode(long addr) {
        long p = addr >>> PAGE_BITS;
        Page page = page(p);
        if (page != null && !page.hasCode) {
            page.hasCode = true;
            publish(p, page);
        }
    }

    private static long pageEnd(long addr, long length) {
        return (addr + length + PAGE_MASK) >>> PAGE_BITS;
    }

    private static void checkRange(long addr, long length) {
        if (addr < 0 || length < 0 || addr + length > LIMIT || addr + length < addr) {
            throw new IllegalArgumentException("range outside the guest address space: 0x"
                    + Long.toHexString(addr) + " + 0x" + Long.toHexString(length));
        }
    }

    private Page page(long p) {
        Page[] l2 = pages[(int) (p >>> L2_BITS)];
        return l2 == null ? null : l2[(int) p & L2_MASK];
    }

    private void setPage(long p, Page page) {
        int i1 = (int) (p >>> L2_BITS);
        if (pages[i1] == null) {
            if (page == null) {
                return;
            }
            pages[i1] = new Page[1 << L2_BITS];
            readMap[i1] = new byte[1 << L2_BITS][];
            writeMap[i1] = new byte[1 << L2_BITS][];
        }
        pages[i1][(int) p & L2_MASK] = page;
        publish(p, page);
    }

    private void publish(long p, Page page) {
        int i1 = (int) (p >>> L2_BITS);
        int i2 = (int) p & L2_MASK;
        boolean r = page != null && (page.prot & Protection.READ) != 0;
        boolean w = page != null && (page.prot & Protection.WRITE) != 0 && !page.hasCode && page.data != null;
        readMap[i1][i2] = r ? page.readableData() : null;
        writeMap[i1][i2] = w ? page.data : null;
    }

    // ------------------------------------------------------------------ fast paths for translated code

    private static byte[] readable(GuestMemory m, long a) {
        if ((a >>> ADDRESS_BITS) != 0) {
            return null;
        }
        byte[][] l2 = m.readMap[(int) (a >>> L1_SHIFT)];
        return l2 == null ? null : l2[(int) (a >>> PAGE_BITS) & L2_MASK];
    }

    private static byte[] writable(GuestMemory m, long a) {
        if ((a >>> ADDRESS_BITS) != 0) {
            return null;
        }
        byte[][] l2 = m.writeMap[(int) (a >>> L1_SHIFT)];
        return l2 == null ? null : l2[(int) (a >>> PAGE_BITS) & L2_MASK];
    }

    /**
     * For translated code that caches page arrays in its own locals (the backend's inline fast
     * paths): the array of the page holding the {@code size}-byte access at {@code a}, when the
     * access is aligned and a plain read is allowed, else null. Never-written pages answer null:
     * they read as the shared zero array, which the first write to the page replaces. A page's
     * own array stays its array until the page is unmapped or reprotected, which only a syscall
     * does, and a syscall ends every translated block.
     */
    public static byte[] readablePage(GuestMemory m, long a, int size) {
        byte[] p = (a & (size - 1)) == 0 ? readable(m, a) : null;
        return p == ZEROS ? null : p;
    }

    /** Like {@link #readablePage} for a plain write: never a page that holds translated code. */
    public static byte[] writablePage(GuestMemory m, long a, int size) {
        return (a & (size - 1)) == 0 ? writable(m, a) : null;
    }

    public static long load8(GuestMemory m, long a) {
        byte[] p = readable(m, a);
        return p != null ? p[(int) a & (int) PAGE_MASK] & 0xffL : m.slowRead(a, 1);
    }

    public static long load16(GuestMemory m, long a) {
        int off = (int) a & (int) PAGE_MASK;
        byte[] p = off <= PAGE_SIZE - 2 ? readable(m, a) : null;
        return p != null ? PageAccess.get16(p, off) & 0xffffL : m.slowRead(a, 2);
    }

    public static long load32(GuestMemory m, long a) {
        int off = (int) a & (int) PAGE_MASK;
        byte[] p = off <= PAGE_SIZE - 4 ? readable(m, a) : null;
        return p != null ? PageAccess.get32(p, off) & 0xffffffffL : m.slowRead(a, 4);
    }

    public static long load64(GuestMemory m, long a) {
        int off = (int) a & (int) PAGE_MASK;
        byte[] p = off <= PAGE_SIZE - 8 ? readable(m, a) : null;
        return p != null ? PageAccess.get64(p, off) : m.slowRead(a, 8);
    }

    public static void store8(GuestMemory m, long a, long v) {
        byte[] p = writable(m, a);
        if (p != null) {
            p[(int) a & (int) PAGE_MASK] = (byte) v;
        } else {
            m.slowWrite(a, 1, v);
        }
    }

    public static void store16(GuestMemory m, long a, long v) {
        int off = (int) a & (int) PAGE_MASK;
        byte[] p = off <= PAGE_SIZE - 2 ? writable(m, a) : null;
        if (p != null) {
            PageAccess.put16(p, off, (short) v);
        } else {
            m.slowWrite(a, 2, v);
        }
    }

    public static void store32(GuestMemory m, long a, long v) {
        int off = (int) a & (int) PAGE_MASK;
        byte[] p = off <= PAGE_SIZE - 4 ? writable(m, a) : null;
        if (p != null) {
            PageAccess.put32(p, off, (int) v);
        } else {
            m.slowWrite(a, 4, v);
        }
    }

    public static void store64(GuestMemory m, long a, long v) {
        int off = (int) a & (int) PAGE_MASK;
        byte[] p = off <= PAGE_SIZE - 8 ? writable(m, a) : null;
        if (p != null) {
            PageAccess.put64(p, off, v);
        } else {
            m.slowWrite(a, 8, v);
        }
    }

    // ------------------------------------------------------------------ slow paths

    /** Little-endian read of size bytes, byte by byte across pages; zero-extended. */
    long slowRead(long a, int size) {
        long v = 0;
        for (int i = 0; i < size; i++) {
            v |= (readByte(a + i, a) & 0xffL) << (8 * i);
        }
        return v;
    }

    void slowWrite(long a, int size, long v) {
        for (int i = 0; i < size; i++) {
            checkWritable(a + i, a);
        }
        for (int i = 0; i < size; i++) {
            writeByte(a + i, (byte) (v >>> (8 * i)));
        }
    }

    private byte readByte(long a, long faultAddress) {
        Page page = a >= 0 && a < LIMIT ? page(a >>> PAGE_BITS) : null;
        if (page == null) {
            throw new MemoryFault(faultAddress, false, MemoryFault.Kind.UNMAPPED);
        }
        if ((page.prot & Protection.READ) == 0) {
            throw new MemoryFault(faultAddress, false, MemoryFault.Kind.PROTECTION);
        }
        return page.data == null ? 0 : page.data[(int) (a & PAGE_MASK)];
    }

    private Page checkWritable(long a, long faultAddress) {
        Page page = a >= 0 && a < LIMIT ? page(a >>> PAGE_BITS) : null;
        if (page == null) {
            throw new MemoryFault(faultAddress, true, MemoryFault.Kind.UNMAPPED);
        }
        if ((page.prot & Protection.WRITE) == 0) {
            throw new MemoryFault(faultAddress, true, MemoryFault.Kind.PROTECTION);
        }
        return page;
    }

    private void writeByte(long a, byte b) {
        writableData(a >>> PAGE_BITS)[(int) (a & PAGE_MASK)] = b;
    }

    /**
     * The array of a mapped page the guest may write now: tells the listener first when the page
     * holds code, and gives a never-written page its own array; either way the fast write map
     * gets the page again.
     */
    private byte[] writableData(long p) {
        Page page = page(p);
        boolean republish = page.data == null;
        if (page.hasCode) {
            codeWriteListener.accept(p);
            page.hasCode = false;
            republish = true;
        }
        byte[] data = page.writableData();
        if (republish) {
            publish(p, page);
        }
        return data;
    }

    // ------------------------------------------------------------------ bulk access (syscalls, loader)

    /** Copies guest bytes out; throws MemoryFault if any byte is unreadable. */
    public void read(long addr, byte[] dst, int off, int len) {
        int done = 0;
        while (done < len) {
            long a = addr + done;
            byte[] p = readable(this, a);
            int inPage = (int) Math.min(len - done, PAGE_SIZE - (a & PAGE_MASK));
            if (p == null) {
                readByte(a, a); // throws the right fault
                p = page(a >>> PAGE_BITS).readableData();
            }
            System.arraycopy(p, (int) (a & PAGE_MASK), dst, off + done, inPage);
            done += inPage;
        }
    }

    /** Copies bytes into the guest; checks the whole range first, so a fault writes nothing. */
    public void write(long addr, byte[] src, int off, int len) {
        for (long a = addr; a < addr + len; a = (a | PAGE_MASK) + 1) {
            checkWritable(a, a);
        }
        int done = 0;
        while (done < len) {
            long a = addr + done;
            int inPage = (int) Math.min(len - done, PAGE_SIZE - (a & PAGE_MASK));
            if (!zerosOnUntouchedPage(a, src, off + done, inPage)) {
                System.arraycopy(src, off + done, writableData(a >>> PAGE_BITS), (int) (a & PAGE_MASK), inPage);
            }
            done += inPage;
        }
    }

    /** Writes bytes ignoring page permissions (the loader filling read-only segments). */
    public void poke(long addr, byte[] src, int off, int len) {
        int done = 0;
        while (done < len) {
            long a = addr + done;
            Page page = a >= 0 && a < LIMIT ? page(a >>> PAGE_BITS) : null;
            if (page == null) {
                throw new MemoryFault(a, true, MemoryFault.Kind.UNMAPPED);
            }
            int inPage = (int) Math.min(len - done, PAGE_SIZE - (a & PAGE_MASK));
            if (!zerosOnUntouchedPage(a, src, off + done, inPage)) {
                boolean fresh = page.data == null;
                System.arraycopy(src, off + done, page.writableData(), (int) (a & PAGE_MASK), inPage);
                if (fresh) {
                    publish(a >>> PAGE_BITS, page);
                }
            }
            done += inPage;
        }
    }

    /** True when writing these bytes at a changes nothing: all zeros onto a never-written page. */
    private boolean zerosOnUntouchedPage(long a, byte[] src, int off, int len) {
        if (page(a >>> PAGE_BITS).data != null) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (src[off + i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** Reads an instruction parcel for the translator: the page must be mapped and executable. */
    public int fetch16(long addr) {
        Page page = addr >= 0 && addr < LIMIT ? page(addr >>> PAGE_BITS) : null;
        if (page == null || (page.prot & Protection.EXEC) == 0 || (addr & 1) != 0) {
            throw new MemoryFault(addr, false, page == null ? MemoryFault.Kind.UNMAPPED : MemoryFault.Kind.PROTECTION);
        }
        int off = (int) (addr & PAGE_MASK);
        byte[] data = page.readableData();
        return (data[off] & 0xff) | (data[off + 1] & 0xff) << 8;
    }

    // ------------------------------------------------------------------ atomics

    /**
     * The page array and offset for an aligned atomic access of size bytes (4 or 8) that the
     * guest may write; throws MemoryFault for misaligned, unmapped or read-only addresses.
     */
    public AtomicSlot atomic(long a, int size) {
        if ((a & (size - 1)) != 0) {
            throw new MemoryFault(a, true, MemoryFault.Kind.MISALIGNED_ATOMIC);
        }
        checkWritable(a, a);
        readByte(a, a);
        return new AtomicSlot(writableData(a >>> PAGE_BITS), (int) (a & PAGE_MASK));
    }

    /**
     * An aligned location in guest memory for atomic operations (see {@link #atomic}). JDK 22+
     * no longer offers atomic access through byte-array views, so the read-modify-write
     * operations use {@link sun.misc.Unsafe} on the page array, which is coherent with the plain
     * accesses of other threads; where the host cannot do that (big-endian, or a byte array
     * base that is not 8-byte aligned) they fall back to a lock, atomic among atomics only.
     */
    public record AtomicSlot(byte[] page, int offset) {
        public long compareAndExchange64(long expect, long update) {
            return HostAtomics.compareAndExchange64(page, offset, expect, update);
        }

        public int compareAndExchange32(int expect, int update) {
            return HostAtomics.compareAndExchange32(page, offset, expect, update);
        }

        public long getVolatile64() {
            return HostAtomics.getVolatile64(page, offset);
        }

        public int getVolatile32() {
            return HostAtomics.getVolatile32(page, offset);
        }
    }
}
