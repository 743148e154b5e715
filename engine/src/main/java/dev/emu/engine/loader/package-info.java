/**
 * Turns an ELF executable into a runnable guest image, as Linux's {@code execve} does: the
 * PT_LOAD segments mapped with their permissions, bss zeroed, and the initial stack (argc, argv,
 * envp, auxiliary vector, strings, AT_RANDOM bytes) laid out byte for byte as the kernel lays
 * it out. {@link dev.emu.engine.loader.AddressLayout} says where everything goes and why.
 *
 * <p>Only static programs load today (ET_EXEC, and static-pie ET_DYN at a fixed bias); a
 * program with PT_INTERP is refused with a {@link dev.emu.engine.UserError}.
 */
package dev.emu.engine.loader;
