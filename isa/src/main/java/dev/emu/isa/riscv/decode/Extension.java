package dev.emu.isa.riscv.decode;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The RISC-V extensions emu decodes. */
public enum Extension {
    I, M, A, F, D, C, ZICSR, ZIFENCEI, ZBA, ZBB, ZBC, ZBS;

    /** The ISA-string name: {@code i}, {@code zicsr}, ... */
    public String isaName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** RV64GC: what Debian's riscv64 toolchain targets and objdump assumes for raw code. */
    public static Set<Extension> rv64gc() {
        return EnumSet.of(I, M, A, F, D, C, ZICSR, ZIFENCEI);
    }

    /** Everything emu implements: RV64GC plus the bit-manipulation extensions. */
    public static Set<Extension> all() {
        return EnumSet.allOf(Extension.class);
    }
}
