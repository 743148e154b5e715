package dev.emu.cli;

import dev.emu.engine.UserError;
import dev.emu.engine.linux.LaunchOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** -L and -seed, and their environment variables: qemu's precedence (the option wins). */
class LaunchOptionsTest {
    static LaunchOptions options(Map<String, String> env, String... args) {
        String[] all = new String[args.length + 1];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "prog";
        return GuestRunner.launchOptions(CommandLine.parse(all).run(), env);
    }

    @Test
    void theOptionBeatsEmuVariablesWhichBeatQemuOnes(@TempDir Path a, @TempDir Path b) {
        assertFalse(options(Map.of()).sysroot().isSet());
        assertEquals(a, options(Map.of("QEMU_LD_PREFIX", a.toString())).sysroot().prefix());
        assertEquals(b, options(Map.of("QEMU_LD_PREFIX", a.toString(), "EMU_LD_PREFIX", b.toString())).sysroot().prefix());
        assertEquals(b, options(Map.of("QEMU_LD_PREFIX", a.toString()), "-L", b.toString()).sysroot().prefix());
        assertFalse(options(Map.of(), "-L", "/").sysroot().isSet(), "the root is no prefix");
    }

    @Test
    void seedsParseAsQemuReadsThem() {
        assertTrue(options(Map.of()).randomSeed().isEmpty());
        assertEquals(42, options(Map.of(), "-seed", "42").randomSeed().getAsLong());
        assertEquals(0x2a, options(Map.of(), "--seed", "0x2a").randomSeed().getAsLong());
        assertEquals(8, options(Map.of(), "-seed", "010").randomSeed().getAsLong());
        assertEquals(-1L, options(Map.of(), "-seed", "18446744073709551615").randomSeed().getAsLong());
        assertEquals(7, options(Map.of("QEMU_RAND_SEED", "7")).randomSeed().getAsLong());
        assertEquals(9, options(Map.of("QEMU_RAND_SEED", "7", "EMU_RAND_SEED", "9")).randomSeed().getAsLong());
        assertEquals(5, options(Map.of("QEMU_RAND_SEED", "7"), "-seed", "5").randomSeed().getAsLong());
        UserError e = assertThrows(UserError.class, () -> options(Map.of(), "-seed", "x1"));
        assertTrue(e.getMessage().contains("-seed"), e.getMessage());
        UserError env = assertThrows(UserError.class, () -> options(Map.of("QEMU_RAND_SEED", "nope")));
        assertTrue(env.getMessage().contains("QEMU_RAND_SEED"), env.getMessage());
    }

    @Test
    void minusLMustNameADirectory() {
        MainTest.Result r = MainTest.run("-L", "/nonexistent/sysroot", "../test/guest/bin/hello");
        MainTest.assertOneLineError(r, "/nonexistent/sysroot");
        MainTest.assertOneLineError(MainTest.run("-L"), "-L");
        MainTest.assertOneLineError(MainTest.run("-seed"), "-seed");
    }
}
