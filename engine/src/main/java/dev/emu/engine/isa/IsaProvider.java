package dev.emu.engine.isa;

/**
 * A guest instruction set, found through {@link java.util.ServiceLoader} by the ELF machine
 * number of the program to run, so the engine never names one.
 */
public interface IsaProvider {
    /** The ELF {@code e_machine} value this ISA handles (243 for RISC-V). */
    int elfMachine();

    /** A short name for messages: {@code riscv64}. */
    String name();
}
