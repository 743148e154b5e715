package dev.emu.engine.linux;

import dev.emu.engine.cpu.Vcpu;
import dev.emu.engine.mem.GuestMemory;

import static dev.emu.engine.linux.SyscallNumbers.*;

/**
 * riscv_hwprobe (Linux 6.4+, {@code arch/riscv/include/uapi/asm/hwprobe.h}): the guest fills an
 * array of {key, value} pairs and the kernel answers each key it knows, setting an unknown key
 * to -1 and its value to 0. emu answers for the CPU it emulates: no vendor, architecture or
 * implementation ids (0), the base IMA behaviour, F+D and C from AT_HWCAP's letters, Zba, Zbb,
 * Zbc and Zbs (always translated), and misaligned accesses as "unknown" speed (they work, at
 * whatever cost the host's unaligned loads have). The call lives in riscv64's
 * architecture-specific number range, so another ISA gets ENOSYS.
 *
 * <p>qemu-user 7.2 predates the call and answers ENOSYS; glibc 2.36 never makes it, and newer
 * glibc falls back to AT_HWCAP on ENOSYS, so the two differ only for programs that probe.
 */
final class HardwareProbe {
    private HardwareProbe() {}

    static final int KEY_MVENDORID = 0;
    static final int KEY_MARCHID = 1;
    static final int KEY_MIMPID = 2;
    static final int KEY_BASE_BEHAVIOR = 3;
    static final int KEY_IMA_EXT_0 = 4;
    static final int KEY_CPUPERF_0 = 5;
    static final long BASE_BEHAVIOR_IMA = 1;
    static final long IMA_FD = 1;
    static final long IMA_C = 1 << 1;
    static final long EXT_ZBA = 1 << 3;
    static final long EXT_ZBB = 1 << 4;
    static final long EXT_ZBS = 1 << 5;
    static final long EXT_ZBC = 1 << 7;
    static final long MISALIGNED_UNKNOWN = 0;
    /** sizeof(struct riscv_hwprobe). */
    static final int PAIR_SIZE = 16;

    static void register(SyscallTable t) {
        t.define(RISCV_HWPROBE, "riscv_hwprobe(p,u,u,p,x)", HardwareProbe::hwprobe);
    }

    static long hwprobe(LinuxProcess p, Vcpu cpu, long[] a) {
        if (!p.target().machine().equals("riscv64")) {
            throw new SyscallError(Errno.ENOSYS);
        }
        if (a[4] != 0) {
            throw new SyscallError(Errno.EINVAL);
        }
        if (a[2] != 0 && a[3] == 0) {
            throw new SyscallError(Errno.EFAULT);
        }
        GuestMemory m = p.memory();
        UserMemory.checkWritable(m, a[0], a[1] * PAIR_SIZE);
        for (long i = 0; i < a[1]; i++) {
            long pair = a[0] + i * PAIR_SIZE;
            long key = GuestMemory.load64(m, pair);
            Long value = answer(p.target(), key);
            if (value == null) {
                GuestMemory.store64(m, pair, -1);
            }
            GuestMemory.store64(m, pair + 8, value == null ? 0 : value);
        }
        return 0;
    }

    /** The value for a key, or null for a key Linux 6.4 does not define. */
    static Long answer(LinuxTarget target, long key) {
        if (key < 0 || key > KEY_CPUPERF_0) {
            return null;
        }
        return switch ((int) key) {
            case KEY_MVENDORID, KEY_MARCHID, KEY_MIMPID -> 0L;
            case KEY_BASE_BEHAVIOR -> BASE_BEHAVIOR_IMA;
            case KEY_IMA_EXT_0 -> {
                long hw = target.hwcap();
                long fd = LinuxTarget.letterBits("fd");
                yield ((hw & fd) == fd ? IMA_FD : 0) | ((hw & LinuxTarget.letterBits("c")) != 0 ? IMA_C : 0)
                        | EXT_ZBA | EXT_ZBB | EXT_ZBC | EXT_ZBS;
            }
            default -> MISALIGNED_UNKNOWN;
        };
    }
}
