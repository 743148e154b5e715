package dev.emu.engine.linux;

import dev.emu.engine.loader.Sysroot;

import java.util.OptionalLong;

/**
 * How a process is started beyond its program and arguments: the library prefix for the
 * dynamic loader and the guest's absolute paths ({@code -L}), and the seed that makes AT_RANDOM
 * and getrandom reproducible ({@code -seed}; empty for real randomness).
 */
public record LaunchOptions(Sysroot sysroot, OptionalLong randomSeed) {
    public static LaunchOptions defaults() {
        return new LaunchOptions(Sysroot.none(), OptionalLong.empty());
    }
}
