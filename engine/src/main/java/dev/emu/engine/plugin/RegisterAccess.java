package dev.emu.engine.plugin;

/**
 * What a callback does with the guest registers, so the engine knows what it must write back
 * before the call and reload after it (QEMU's QEMU_PLUGIN_CB_NO_REGS, R_REGS, RW_REGS).
 */
public enum RegisterAccess {
    /** Touches no register: the registers stay in host locals across the call. */
    NONE,
    /** May read registers: they are written back before the call. */
    READ,
    /** May read and write registers: written back before, reloaded after. */
    READ_WRITE
}
