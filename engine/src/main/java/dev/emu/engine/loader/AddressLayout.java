package dev.emu.engine.loader;

import dev.emu.engine.mem.GuestMemory;

/**
 * Where the guest's stack, program and mmap area go. The layout is the one a riscv64 Linux
 * kernel in Sv39 mode gives a process with address randomization off ({@code setarch -R}), so
 * addresses match a real board and a program that assumes a 39-bit user space (pointer tagging
 * in some runtimes) works:
 *
 * <pre>
 *   0x40_0000_0000  STACK_TOP (Sv39's TASK_SIZE, 256 GiB): the stack ends here
 *   0x3f_ff80_0000  the 8 MiB stack mapping starts here
 *   0x3f_f800_0000  MMAP_TOP: mmap hands out addresses top-down from here (a 128 MiB gap below
 *                   the stack top, Linux's minimum stack gap)
 *   0x3f_f7..       a dynamically linked program's interpreter: the first mmap slot below
 *                   MMAP_TOP, where Linux's loader maps it
 *   0x2a_aaaa_a000  ET_DYN_BASE: where an ET_DYN program (PIE or static-pie) is loaded (2/3
 *                   of TASK_SIZE, Linux's ELF_ET_DYN_BASE for Sv39)
 *   ...             brk heap, growing up from the page after the program's last segment
 *   0x00_0001_0000  MMAP_MIN: nothing is mapped below this (Linux's default mmap_min_addr)
 * </pre>
 *
 * The engine's guest space reaches 1 TiB ({@link GuestMemory#LIMIT}); addresses above
 * STACK_TOP are handed out only to an mmap that asks for them by hint or MAP_FIXED, as a riscv64
 * kernel with Sv48 does for programs that opt in. The top of the space stays free for emu's own
 * future use (a signal trampoline or vDSO page).
 */
public final class AddressLayout {
    private AddressLayout() {}

    public static final long STACK_TOP = 0x40_0000_0000L;
    public static final long STACK_SIZE = 8L << 20;
    public static final long STACK_BASE = STACK_TOP - STACK_SIZE;
    public static final long MMAP_TOP = STACK_TOP - (128L << 20);
    public static final long ET_DYN_BASE = 0x2a_aaaa_a000L;
    public static final long MMAP_MIN = 0x1_0000L;
    /** The highest address any mapping may reach (exclusive). */
    public static final long USER_LIMIT = GuestMemory.LIMIT;

    public static long pageDown(long a) {
        return a & ~GuestMemory.PAGE_MASK;
    }

    public static long pageUp(long a) {
        return (a + GuestMemory.PAGE_MASK) & ~GuestMemory.PAGE_MASK;
    }
}
