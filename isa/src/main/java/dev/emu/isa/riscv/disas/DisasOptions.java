package dev.emu.isa.riscv.disas;

import dev.emu.isa.riscv.decode.Extension;

import java.util.Set;

/**
 * How to print: which extensions the code may use (instructions of others print as
 * {@code .4byte}), whether to prefer aliases, and ABI or numeric register names. These mirror
 * objdump's {@code -M no-aliases} and {@code -M numeric}.
 *
 * @param globalPointer the value of {@code __global_pointer$}, or {@code null} when the file has
 *                      no such symbol; gp-relative accesses then print no address comment
 */
public record DisasOptions(Set<Extension> arch, boolean noAliases, boolean numericRegisters, Long globalPointer) {

    public static DisasOptions defaults() {
        return new DisasOptions(Extension.rv64gc(), false, false, null);
    }

    public DisasOptions withArch(Set<Extension> newArch) {
        return new DisasOptions(newArch, noAliases, numericRegisters, globalPointer);
    }

    public DisasOptions withNoAliases(boolean value) {
        return new DisasOptions(arch, value, numericRegisters, globalPointer);
    }

    public DisasOptions withNumericRegisters(boolean value) {
        return new DisasOptions(arch, noAliases, value, globalPointer);
    }

    public DisasOptions withGlobalPointer(Long value) {
        return new DisasOptions(arch, noAliases, numericRegisters, value);
    }
}
