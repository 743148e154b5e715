package dev.emu.isa.riscv.translate;

import dev.emu.engine.cpu.Vcpu;
import dev.emu.engine.mem.GuestMemory.AtomicSlot;

import java.lang.invoke.VarHandle;
import java.util.function.IntBinaryOperator;
import java.util.function.LongBinaryOperator;

/**
 * The A extension's semantics, called from translated code: LR/SC and the AMOs on guest memory,
 * atomically with respect to the other vCPU threads. Each AMO returns the old memory value,
 * sign-extended for the word forms. Every access goes through
 * {@link dev.emu.engine.mem.GuestMemory#atomic}, which throws MemoryFault for a misaligned,
 * unmapped or unwritable address, and every AMO is a compare-and-exchange loop on the slot it
 * returns, so the slot's two primitives are all the atomicity there is to get right.
 *
 * <p>The aq/rl bits need nothing here: the slot's operations are volatile, which orders them
 * both ways (the .aqrl case) with respect to the thread's other accesses.
 *
 * <p>SC succeeds when the reservation is on its address and memory still holds the value LR
 * read: a compare-and-swap against that value. A store of the same value in between goes
 * unnoticed (ABA); the LR/SC sequences compilers emit are correct under that weaker rule, as
 * under QEMU's identical one.
 */
public final class AtomicHelpers {
    private AtomicHelpers() {}

    // ---- load-reserved / store-conditional

    public static long lr_w(Vcpu cpu, long addr) {
        long value = cpu.memory.atomic(addr, 4).getVolatile32();
        reserve(cpu, addr, value);
        return value;
    }

    public static long lr_d(Vcpu cpu, long addr) {
        long value = cpu.memory.atomic(addr, 8).getVolatile64();
        reserve(cpu, addr, value);
        return value;
    }

    private static void reserve(Vcpu cpu, long addr, long value) {
        cpu.reservation = addr;
        cpu.reservationValue = value;
    }

    /** 0 when the store happened, 1 when it failed; the reservation is gone either way. */
    public static long sc_w(Vcpu cpu, long addr, long value) {
        boolean reserved = cpu.reservation == addr;
        cpu.reservation = -1;
        if (!reserved) {
            return 1;
        }
        int expected = (int) cpu.reservationValue;
        return cpu.memory.atomic(addr, 4).compareAndExchange32(expected, (int) value) == expected ? 0 : 1;
    }

    public static long sc_d(Vcpu cpu, long addr, long value) {
        boolean reserved = cpu.reservation == addr;
        cpu.reservation = -1;
        if (!reserved) {
            return 1;
        }
        long expected = cpu.reservationValue;
        return cpu.memory.atomic(addr, 8).compareAndExchange64(expected, value) == expected ? 0 : 1;
    }

    // ---- word AMOs

    public static long amoswap_w(Vcpu cpu, long addr, long value) {
        return update32(cpu, addr, value, (old, v) -> v);
    }

    public static long amoadd_w(Vcpu cpu, long addr, long value) {
        return update32(cpu, addr, value, Integer::sum);
    }

    public static long amoand_w(Vcpu cpu, long addr, long value) {
        return update32(cpu, addr, value, (old, v) -> old & v);
    }

    public static long amoor_w(Vcpu cpu, long addr, long value) {
        return update32(cpu, addr, value, (old, v) -> old | v);
    }

    public static long amoxor_w(Vcpu cpu, long addr, long value) {
        return update32(cpu, addr, value, (old, v) -> old ^ v);
    }

    public static long amomin_w(Vcpu cpu, long addr, long value) {
        return update32(cpu, addr, value, Math::min);
    }

    public static long amomax_w(Vcpu cpu, long addr, long value) {
        return update32(cpu, addr, value, Math::max);
    }

    public static long amominu_w(Vcpu cpu, long addr, long value) {
        return update32(cpu, addr, value, (old, v) -> Integer.compareUnsigned(old, v) <= 0 ? old : v);
    }

    public static long amomaxu_w(Vcpu cpu, long addr, long value) {
        return update32(cpu, addr, value, (old, v) -> Integer.compareUnsigned(old, v) >= 0 ? old : v);
    }

    // ---- doubleword AMOs

    public static long amoswap_d(Vcpu cpu, long addr, long value) {
        return update64(cpu, addr, value, (old, v) -> v);
    }

    public static long amoadd_d(Vcpu cpu, long addr, long value) {
        return update64(cpu, addr, value, Long::sum);
    }

    public static long amoand_d(Vcpu cpu, long addr, long value) {
        return update64(cpu, addr, value, (old, v) -> old & v);
    }

    public static long amoor_d(Vcpu cpu, long addr, long value) {
        return update64(cpu, addr, value, (old, v) -> old | v);
    }

    public static long amoxor_d(Vcpu cpu, long addr, long value) {
        return update64(cpu, addr, value, (old, v) -> old ^ v);
    }

    public static long amomin_d(Vcpu cpu, long addr, long value) {
        return update64(cpu, addr, value, Math::min);
    }

    public static long amomax_d(Vcpu cpu, long addr, long value) {
        return update64(cpu, addr, value, Math::max);
    }

    public static long amominu_d(Vcpu cpu, long addr, long value) {
        return update64(cpu, addr, value, (old, v) -> Long.compareUnsigned(old, v) <= 0 ? old : v);
    }

    public static long amomaxu_d(Vcpu cpu, long addr, long value) {
        return update64(cpu, addr, value, (old, v) -> Long.compareUnsigned(old, v) >= 0 ? old : v);
    }

    /** Replaces the word with f(old, operand) atomically; returns old, sign-extended. */
    private static long update32(Vcpu cpu, long addr, long operand, IntBinaryOperator f) {
        AtomicSlot slot = cpu.memory.atomic(addr, 4);
        int old = slot.getVolatile32();
        while (true) {
            int witness = slot.compareAndExchange32(old, f.applyAsInt(old, (int) operand));
            if (witness == old) {
                return old;
            }
            old = witness;
        }
    }

    private static long update64(Vcpu cpu, long addr, long operand, LongBinaryOperator f) {
        AtomicSlot slot = cpu.memory.atomic(addr, 8);
        long old = slot.getVolatile64();
        while (true) {
            long witness = slot.compareAndExchange64(old, f.applyAsLong(old, operand));
            if (witness == old) {
                return old;
            }
            old = witness;
        }
    }

    // ---- fences

    /**
     * fence: a full two-way barrier between the guest thread's memory accesses, which are plain
     * Java array accesses the JIT and the host could otherwise reorder across it.
     */
    public static void fence() {
        VarHandle.fullFence();
    }
}
