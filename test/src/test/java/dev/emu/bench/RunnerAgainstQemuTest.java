package dev.emu.bench;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The runner end to end with qemu-riscv64 standing in for emu, on tiny sizes: every benchmark
 * binary must run, print the same output twice and so pass the runner's own checks.
 */
class RunnerAgainstQemuTest {

    @Test
    void everyBenchmarkMatchesItselfUnderQemu() throws Exception {
        Assumptions.assumeTrue(BenchmarkRunner.onPath("qemu-riscv64") || System.getenv("CI") != null,
                "qemu-riscv64 not installed");
        Path root = Path.of("..").toAbsolutePath().normalize();
        RunnerOptions options = RunnerOptions.parse("--root", root.toString(), "--emu", "qemu-riscv64",
                "--runs", "1", "--hello-runs", "1",
                "--size", "coremark=20", "--size", "hash=1", "--size", "interp=2", "--size", "matmul=40",
                "--size", "nbody=2000", "--size", "sort=5000", "--size", "strings=64");
        List<Path> programs = BenchmarkRunner.selectPrograms(options);
        assertEquals(List.of("coremark", "hash", "interp", "matmul", "nbody", "sort", "strings"),
                programs.stream().map(p -> p.getFileName().toString()).toList());
        Path scratch = Files.createTempDirectory("emu-bench-test");
        try {
            MeteredProcess meter = new MeteredProcess(MeteredProcess.gnuTimeAvailable(), options.timeout(), scratch);
            PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
            for (Path program : programs) {
                String name = program.getFileName().toString();
                BenchmarkResult r = new BenchmarkRunner(options, meter, quiet)
                        .measure(name, program, options.programArguments().get(name), 1);
                assertEquals(BenchmarkResult.Status.OK, r.status(), String.join("\n", r.problems()));
                assertEquals(0, r.emuRuns.get(0).exitStatus());
            }
        } finally {
            for (String f : List.of("stdout", "stderr", "rss")) {
                Files.deleteIfExists(scratch.resolve(f));
            }
            Files.delete(scratch);
        }
    }
}
