package dev.emu.engine.instrument;

import dev.emu.engine.cpu.Vcpu;
import dev.emu.engine.ir.Helper;
import dev.emu.engine.plugin.RegisterAccess;

/**
 * The helpers translated code calls to reach plugin callbacks: each passes the vCPU and the
 * callback's id to the process's {@link Instrumentation}, which holds the callbacks. One helper
 * descriptor per register access, so the backend writes back and reloads only what the callback
 * declared (a callback that touches no registers leaves them in host locals).
 */
public final class PluginCalls {
    private PluginCalls() {}

    static final Helper[] EXECUTED = new Helper[RegisterAccess.values().length];
    static final Helper[] ACCESSED = new Helper[RegisterAccess.values().length];

    static {
        for (RegisterAccess a : RegisterAccess.values()) {
            boolean reads = a != RegisterAccess.NONE;
            boolean writes = a == RegisterAccess.READ_WRITE;
            EXECUTED[a.ordinal()] = new Helper(PluginCalls.class, "executed", 1, true, false, reads, writes, false);
            ACCESSED[a.ordinal()] = new Helper(PluginCalls.class, "accessed", 3, true, false, reads, writes, false);
        }
    }

    /** Execution callback {@code id} ran on cpu. */
    public static void executed(Vcpu cpu, long id) {
        cpu.instrumentation.executed(cpu, (int) id);
    }

    /** Memory site {@code site} (a callback and the access's size, sign, direction) accessed address. */
    public static void accessed(Vcpu cpu, long site, long address, long value) {
        cpu.instrumentation.accessed(cpu, (int) site, address, value);
    }
}
