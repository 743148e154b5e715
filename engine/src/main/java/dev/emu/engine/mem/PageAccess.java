package dev.emu.engine.mem;

/**
 * Plain little-endian 16/32/64-bit accesses inside a page array, for the translated-code fast
 * paths. With {@code sun.misc.Unsafe} available on a little-endian host they compile to one
 * machine load or store; a VarHandle byte-array view does the same work but its bytecode is
 * several times larger, which used up HotSpot's inlining budget in big compiled regions. The
 * VarHandle remains the fallback.
 *
 * <p>The backend also writes such accesses straight into translated code (its inline memory
 * fast paths, see {@link GuestMemory#readablePage}); it reads {@link #FAST}, {@link #U} and
 * {@link #BASE} here so that there is one answer to "may Unsafe be used".
 */
@SuppressWarnings({"removal", "deprecation", "sunapi"})
public final class PageAccess {
    private PageAccess() {}

    /** Unsafe is present, the host little-endian and page data 8-byte aligned. */
    public static final boolean FAST = HostAtomics.LOCK_FREE;
    /** The Unsafe instance when {@link #FAST}; translated code calls its get/put methods. */
    public static final sun.misc.Unsafe U = HostAtomics.UNSAFE;
    /** The offset of a byte array's first element, for Unsafe accesses. */
    public static final long BASE = HostAtomics.BASE;

    static short get16(byte[] p, int off) {
        return FAST ? U.getShort(p, BASE + off) : (short) GuestMemory.I16.get(p, off);
    }

    static int get32(byte[] p, int off) {
        return FAST ? U.getInt(p, BASE + off) : (int) GuestMemory.I32.get(p, off);
    }

    static long get64(byte[] p, int off) {
        return FAST ? U.getLong(p, BASE + off) : (long) GuestMemory.I64.get(p, off);
    }

    static void put16(byte[] p, int off, short v) {
        if (FAST) {
            U.putShort(p, BASE + off, v);
        } else {
            GuestMemory.I16.set(p, off, v);
        }
    }

    static void put32(byte[] p, int off, int v) {
        if (FAST) {
            U.putInt(p, BASE + off, v);
        } else {
            GuestMemory.I32.set(p, off, v);
        }
    }

    static void put64(byte[] p, int off, long v) {
        if (FAST) {
            U.putLong(p, BASE + off, v);
        } else {
            GuestMemory.I64.set(p, off, v);
        }
    }
}
