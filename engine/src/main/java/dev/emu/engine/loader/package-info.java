/**
 * Turns an ELF executable into a runnable guest image, as Linux's {@code execve} does: the
 * PT_LOAD segments mapped with their permissions, bss zeroed, and the initial stack (argc, argv,
 * envp, auxiliary vector, strings, AT_RANDOM bytes) laid out byte for byte as the kernel lays
 * it out. {@link dev.emu.engine.loader.AddressLayout} says where everything goes and why.
 *
 * <p>ET_EXEC programs load at their own addresses, ET_DYN ones (PIE, static-pie) at Linux's
 * ELF_ET_DYN_BASE. A dynamically linked program (PT_INTERP) gets its interpreter too, found
 * through the {@link dev.emu.engine.loader.Sysroot} (-L) and started first, as the kernel does;
 * a missing interpreter is a {@link dev.emu.engine.UserError} that says how to give one.
 */
package dev.emu.engine.loader;
