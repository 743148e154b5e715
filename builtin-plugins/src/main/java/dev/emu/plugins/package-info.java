/**
 * Plugins that ship with emu, written against the public plugin ABI ({@code dev.emu.engine.plugin})
 * only: QEMU's test plugins {@code bb}, {@code insn} and {@code mem}, with QEMU 7.2's arguments
 * and output lines (as qemu-riscv64 prints them in user mode), so their numbers can be compared
 * with QEMU's. Found by name through {@link java.util.ServiceLoader}.
 */
package dev.emu.plugins;
