package dev.emu.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunnerOptionsTest {

    @Test
    void defaultsRunEveryProgramThreeTimesAgainstQemu() throws Exception {
        RunnerOptions o = RunnerOptions.parse("--root", "/repo");
        assertEquals(List.of("/repo/emu"), o.emuCommand());
        assertEquals(List.of("qemu-riscv64"), o.qemuCommand());
        assertEquals(3, o.runs());
        assertEquals(10, o.helloRuns());
        assertTrue(o.programs().isEmpty());
        assertEquals(Path.of("/repo/test/guest/bench/bin"), o.benchDir());
        assertEquals(Path.of("/repo/test/guest/bin/hello"), o.hello());
    }

    @Test
    void commandsAreSplitAtSpacesAndProgramsComeFromBothForms() throws Exception {
        RunnerOptions o = RunnerOptions.parse("--emu", " qemu-riscv64  -cpu rv64 ", "--runs", "5", "hash",
                "--programs", "sort,nbody", "--size", "hash=16", "--size", "sort=1000 extra");
        assertEquals(List.of("qemu-riscv64", "-cpu", "rv64"), o.emuCommand());
        assertEquals(5, o.runs());
        assertEquals(List.of("hash", "sort", "nbody"), o.programs());
        assertEquals(List.of("16"), o.programArguments().get("hash"));
        assertEquals(List.of("1000", "extra"), o.programArguments().get("sort"));
    }

    @Test
    void mistakesAreUsageErrors() {
        assertThrows(RunnerOptions.UsageException.class, () -> RunnerOptions.parse("--runs", "0"));
        assertThrows(RunnerOptions.UsageException.class, () -> RunnerOptions.parse("--runs", "x"));
        assertThrows(RunnerOptions.UsageException.class, () -> RunnerOptions.parse("--runs"));
        assertThrows(RunnerOptions.UsageException.class, () -> RunnerOptions.parse("--size", "hash"));
        assertThrows(RunnerOptions.UsageException.class, () -> RunnerOptions.parse("--emu", "  "));
        assertThrows(RunnerOptions.UsageException.class, () -> RunnerOptions.parse("--frobnicate"));
    }
}
