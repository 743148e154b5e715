package dev.emu.engine.loader;

/**
 * Auxiliary vector entry types (Linux {@code include/uapi/linux/auxvec.h}; the same numbers on
 * every architecture) and one entry as the loader wrote it.
 */
public record AuxVector(int type, long value) {
    public static final int AT_NULL = 0;
    public static final int AT_IGNORE = 1;
    public static final int AT_EXECFD = 2;
    public static final int AT_PHDR = 3;
    public static final int AT_PHENT = 4;
    public static final int AT_PHNUM = 5;
    public static final int AT_PAGESZ = 6;
    public static final int AT_BASE = 7;
    public static final int AT_FLAGS = 8;
    public static final int AT_ENTRY = 9;
    public static final int AT_NOTELF = 10;
    public static final int AT_UID = 11;
    public static final int AT_EUID = 12;
    public static final int AT_GID = 13;
    public static final int AT_EGID = 14;
    public static final int AT_PLATFORM = 15;
    public static final int AT_HWCAP = 16;
    public static final int AT_CLKTCK = 17;
    public static final int AT_SECURE = 23;
    public static final int AT_BASE_PLATFORM = 24;
    public static final int AT_RANDOM = 25;
    public static final int AT_HWCAP2 = 26;
    public static final int AT_EXECFN = 31;
    public static final int AT_SYSINFO_EHDR = 33;
    public static final int AT_MINSIGSTKSZ = 51;

    /** The clock tick Linux reports (USER_HZ): what times() and /proc count in. */
    public static final long CLOCK_TICKS_PER_SECOND = 100;

    public static String name(int type) {
        return switch (type) {
            case AT_NULL -> "AT_NULL";
            case AT_IGNORE -> "AT_IGNORE";
            case AT_EXECFD -> "AT_EXECFD";
            case AT_PHDR -> "AT_PHDR";
            case AT_PHENT -> "AT_PHENT";
            case AT_PHNUM -> "AT_PHNUM";
            case AT_PAGESZ -> "AT_PAGESZ";
            case AT_BASE -> "AT_BASE";
            case AT_FLAGS -> "AT_FLAGS";
            case AT_ENTRY -> "AT_ENTRY";
            case AT_NOTELF -> "AT_NOTELF";
            case AT_UID -> "AT_UID";
            case AT_EUID -> "AT_EUID";
            case AT_GID -> "AT_GID";
            case AT_EGID -> "AT_EGID";
            case AT_PLATFORM -> "AT_PLATFORM";
            case AT_HWCAP -> "AT_HWCAP";
            case AT_CLKTCK -> "AT_CLKTCK";
            case AT_SECURE -> "AT_SECURE";
            case AT_BASE_PLATFORM -> "AT_BASE_PLATFORM";
            case AT_RANDOM -> "AT_RANDOM";
            case AT_HWCAP2 -> "AT_HWCAP2";
            case AT_EXECFN -> "AT_EXECFN";
            case AT_SYSINFO_EHDR -> "AT_SYSINFO_EHDR";
            case AT_MINSIGSTKSZ -> "AT_MINSIGSTKSZ";
            default -> "AT_" + type;
        };
    }

    @Override
    public String toString() {
        return name(type) + "=0x" + Long.toHexString(value);
    }
}
