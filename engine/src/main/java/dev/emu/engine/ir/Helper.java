package dev.emu.engine.ir;

import java.lang.invoke.MethodType;

/**
 * A static Java method that translated code calls for work too big to inline as IR (floating
 * point, bit counting, CSR access). Arguments and result are {@code long}s; a helper that
 * needs the vCPU (to accrue FP flags, read the rounding mode, reach memory) declares
 * {@code takesVcpu} and receives it as its first parameter.
 *
 * @param readsRegs  the helper reads guest register slots through the vCPU: cached registers are
 *                   written back before the call
 * @param writesRegs the helper writes guest register slots: cached registers are reloaded after
 * @param mayFault   the helper may throw a guest fault (MemoryFault)
 */
public record Helper(Class<?> owner, String name, int arity, boolean takesVcpu, boolean hasResult,
                     boolean readsRegs, boolean writesRegs, boolean mayFault) {

    public static Helper pure(Class<?> owner, String name, int arity) {
        return new Helper(owner, name, arity, false, true, false, false, false);
    }

    /** A helper that takes the vCPU for status (flags, rounding mode) but no register slots. */
    public static Helper withVcpu(Class<?> owner, String name, int arity) {
        return new Helper(owner, name, arity, true, true, false, false, false);
    }

    public MethodType methodType() {
        Class<?>[] params = new Class<?>[arity + (takesVcpu ? 1 : 0)];
        int i = 0;
        if (takesVcpu) {
            params[i++] = dev.emu.engine.cpu.Vcpu.class;
        }
        for (; i < params.length; i++) {
            params[i] = long.class;
        }
        return MethodType.methodType(hasResult ? long.class : void.class, params);
    }

    @Override
    public String toString() {
        return owner.getSimpleName() + "." + name;
    }
}
