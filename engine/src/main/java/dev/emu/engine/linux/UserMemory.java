package dev.emu.engine.linux;

import dev.emu.engine.mem.GuestMemory;
import dev.emu.engine.mem.Protection;

import java.nio.charset.StandardCharsets;

/**
 * Copying between syscalls and guest memory, as the kernel's copy_from_user/copy_to_user:
 * anything the guest may not access fails with EFAULT before any byte moves.
 */
public final class UserMemory {
    /** Linux's PATH_MAX, the buffer a path argument must fit in (including its NUL). */
    public static final int PATH_MAX = 4096;

    private UserMemory() {}

    /** A NUL-terminated string of at most {@code max} bytes before the NUL (ENAMETOOLONG beyond). */
    public static String readString(GuestMemory memory, long address, int max) {
        byte[] buf = new byte[64];
        int n = 0;
        while (true) {
            byte b = (byte) GuestMemory.load8(memory, address + n);
            if (b == 0) {
                return new String(buf, 0, n, StandardCharsets.UTF_8);
            }
            if (n == max) {
                throw new SyscallError(Errno.ENAMETOOLONG);
            }
            if (n == buf.length) {
                buf = java.util.Arrays.copyOf(buf, buf.length * 2);
            }
            buf[n++] = b;
        }
    }

    public static String readPath(GuestMemory memory, long address) {
        return readString(memory, address, PATH_MAX - 1);
    }

    public static byte[] read(GuestMemory memory, long address, int length) {
        byte[] b = new byte[length];
        memory.read(address, b, 0, length);
        return b;
    }

    public static void write(GuestMemory memory, long address, byte[] bytes) {
        memory.write(address, bytes, 0, bytes.length);
    }

    /** Checks that the guest could write every byte of the range (so a read() can fail before consuming input). */
    public static void checkWritable(GuestMemory memory, long address, long length) {
        checkAccess(memory, address, length, Protection.WRITE);
    }

    public static void checkReadable(GuestMemory memory, long address, long length) {
        checkAccess(memory, address, length, Protection.READ);
    }

    private static void checkAccess(GuestMemory memory, long address, long length, int need) {
        if (length == 0) {
            return;
        }
        long end = address + length;
        if (address < 0 || end < address || end > GuestMemory.LIMIT) {
            throw new SyscallError(Errno.EFAULT);
        }
        for (long page = address & ~GuestMemory.PAGE_MASK; page < end; page += GuestMemory.PAGE_SIZE) {
            int prot = memory.protection(page);
            if (prot < 0 || (prot & need) == 0) {
                throw new SyscallError(Errno.EFAULT);
            }
        }
    }
}
