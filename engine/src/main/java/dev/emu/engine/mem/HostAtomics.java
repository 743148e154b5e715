package dev.emu.engine.mem;

import java.lang.reflect.Field;
import java.nio.ByteOrder;

/**
 * Atomic 32- and 64-bit operations on guest page arrays. {@code sun.misc.Unsafe} is the one
 * JDK 21-25 API that can compare-and-swap inside a {@code byte[]} (byte-array VarHandle views
 * lost their atomic modes in JDK 22), and it is coherent with the VarHandle plain accesses the
 * fast paths use. The launcher passes {@code --sun-misc-unsafe-memory-access=allow} on JDK 24+.
 */
@SuppressWarnings({"removal", "deprecation", "sunapi"})
final class HostAtomics {
    private HostAtomics() {}

    static final sun.misc.Unsafe UNSAFE = unsafe();
    static final long BASE = UNSAFE == null ? 0 : UNSAFE.arrayBaseOffset(byte[].class);
    /** True when Unsafe can be used: present, little-endian host, 8-byte aligned array data. */
    static final boolean LOCK_FREE = UNSAFE != null && BASE % 8 == 0
            && ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
    private static final Object LOCK = new Object();

    private static sun.misc.Unsafe unsafe() {
        try {
            Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            return (sun.misc.Unsafe) f.get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    static long compareAndExchange64(byte[] page, int offset, long expect, long update) {
        if (!LOCK_FREE) {
            synchronized (LOCK) {
                long cur = (long) GuestMemory.I64.get(page, offset);
                if (cur == expect) {
                    GuestMemory.I64.set(page, offset, update);
                }
                return cur;
            }
        }
        long address = BASE + offset;
        while (true) {
            long cur = UNSAFE.getLongVolatile(page, address);
            if (cur != expect) {
                return cur;
            }
            if (UNSAFE.compareAndSwapLong(page, address, expect, update)) {
                return expect;
            }
        }
    }

    static int compareAndExchange32(byte[] page, int offset, int expect, int update) {
        if (!LOCK_FREE) {
            synchronized (LOCK) {
                int cur = (int) GuestMemory.I32.get(page, offset);
                if (cur == expect) {
                    GuestMemory.I32.set(page, offset, update);
                }
                return cur;
            }
        }
        long address = BASE + offset;
        while (true) {
            int cur = UNSAFE.getIntVolatile(page, address);
            if (cur != expect) {
                return cur;
            }
            if (UNSAFE.compareAndSwapInt(page, address, expect, update)) {
                return expect;
            }
        }
    }

    static long getVolatile64(byte[] page, int offset) {
        if (!LOCK_FREE) {
            synchronized (LOCK) {
                return (long) GuestMemory.I64.get(page, offset);
            }
        }
        return UNSAFE.getLongVolatile(page, BASE + offset);
    }

    static int getVolatile32(byte[] page, int offset) {
        if (!LOCK_FREE) {
            synchronized (LOCK) {
                return (int) GuestMemory.I32.get(page, offset);
            }
        }
        return UNSAFE.getIntVolatile(page, BASE + offset);
    }
}
