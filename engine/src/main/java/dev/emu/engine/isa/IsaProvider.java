package dev.emu.engine.isa;

import dev.emu.engine.elf.ElfFile;
import dev.emu.engine.linux.LinuxTarget;

import java.util.Optional;
import java.util.ServiceLoader;

/**
 * A guest instruction set, found through {@link ServiceLoader} by the ELF machine number of the
 * program to run, so the engine never names one.
 */
public interface IsaProvider {
    /** The ELF {@code e_machine} value this ISA handles (243 for RISC-V). */
    int elfMachine();

    /** A short name for messages: {@code riscv64}. */
    String name();

    /** A new frontend (translator hooks) for one guest process. */
    GuestFrontend newFrontend();

    /**
     * A new frontend for a process running {@code program}, loaded {@code loadBias} bytes above
     * its link addresses: its logs may name the program's symbols ({@code -d in_asm}).
     */
    default GuestFrontend newFrontend(ElfFile program, long loadBias) {
        return newFrontend();
    }

    /** What the Linux layer needs to know about this ISA. */
    LinuxTarget linuxTarget();

    /** The provider for an ELF machine number, if one is installed. */
    static Optional<IsaProvider> forMachine(int machine) {
        for (IsaProvider p : ServiceLoader.load(IsaProvider.class)) {
            if (p.elfMachine() == machine) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
