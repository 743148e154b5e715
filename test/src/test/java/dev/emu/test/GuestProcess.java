package dev.emu.test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs emu's command line (or qemu-riscv64) as a separate process and captures what it prints. */
final class GuestProcess {
    record Result(int status, String stdout, String stderr) {}

    static final Path ROOT = findRoot();

    private GuestProcess() {}

    private static Path findRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("test/guest/Makefile"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("cannot find the repository root from " + Path.of("").toAbsolutePath());
        }
        return p;
    }

    /** emu on this test's class path, with the same JVM; {@code emuArgs} are emu's own arguments. */
    static Result emu(List<String> emuArgs) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (Runtime.version().feature() >= 24) {
            cmd.add("--sun-misc-unsafe-memory-access=allow");
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("dev.emu.cli.Main");
        cmd.addAll(emuArgs);
        return run(cmd);
    }

    static boolean qemuAvailable() {
        try {
            return run(List.of("qemu-riscv64", "-version")).status == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static Result qemu(List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("qemu-riscv64"));
        cmd.addAll(args);
        return run(cmd);
    }

    static Result run(List<String> cmd) throws IOException, InterruptedException {
        Path out = Files.createTempFile("emu-out", ".txt");
        Path err = Files.createTempFile("emu-err", ".txt");
        try {
            Process p = new ProcessBuilder(cmd).directory(ROOT.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + String.join(" ", cmd));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
