package dev.emu.engine.linux;

/**
 * open(2) flags in the asm-generic encoding riscv64 uses (arm64 differs in O_DIRECTORY,
 * O_NOFOLLOW, O_DIRECT and O_LARGEFILE: a second ISA would translate those four).
 */
public final class OpenFlags {
    private OpenFlags() {}

    public static final int O_ACCMODE = 3;
    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 1;
    public static final int O_RDWR = 2;
    public static final int O_CREAT = 0x40;
    public static final int O_EXCL = 0x80;
    public static final int O_NOCTTY = 0x100;
    public static final int O_TRUNC = 0x200;
    public static final int O_APPEND = 0x400;
    public static final int O_NONBLOCK = 0x800;
    public static final int O_DSYNC = 0x1000;
    public static final int O_DIRECT = 0x4000;
    public static final int O_LARGEFILE = 0x8000;
    public static final int O_DIRECTORY = 0x10000;
    public static final int O_NOFOLLOW = 0x20000;
    public static final int O_NOATIME = 0x40000;
    public static final int O_CLOEXEC = 0x80000;
    public static final int O_PATH = 0x200000;
    public static final int O_TMPFILE = 0x400000 | O_DIRECTORY;

    /** The flags F_SETFL may change. */
    public static final int SETFL_MASK = O_APPEND | O_NONBLOCK | O_DIRECT | O_NOATIME;

    public static boolean readable(int flags) {
        int mode = flags & O_ACCMODE;
        return mode == O_RDONLY || mode == O_RDWR;
    }

    public static boolean writable(int flags) {
        int mode = flags & O_ACCMODE;
        return mode == O_WRONLY || mode == O_RDWR;
    }
}
