package dev.emu.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Runs emu's benchmark set under emu and under qemu-riscv64 and compares them: wall time,
 * peak memory, and that both printed the same output (docs/benchmarks.md). Started by
 * {@code ./run-bench} at the repository root.
 *
 * <p>The two emulators take turns, and swap who goes first every round (emu, qemu, qemu, emu,
 * ...), so a drift in the machine's speed (another process, thermal throttling) hits both
 * alike. Before measuring, each runs hello world once untimed: this builds {@code ./emu} if its
 * sources changed, and brings both emulators' files into the page cache.
 *
 * <p>Exit status: 0 when every run matched, 1 when any mismatch or failure was found, 2 for a
 * usage error.
 */
public final class BenchmarkRunner {
    private final RunnerOptions options;
    private final MeteredProcess meter;
    private final PrintStream progress;

    BenchmarkRunner(RunnerOptions options, MeteredProcess meter, PrintStream progress) {
        this.options = options;
        this.meter = meter;
        this.progress = progress;
    }

    public static void main(String[] args) throws Exception {
        RunnerOptions options;
        try {
            options = RunnerOptions.parse(args);
        } catch (RunnerOptions.UsageException e) {
            System.err.println("run-bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (options.helpOnly()) {
            System.out.print(RunnerOptions.USAGE);
            return;
        }
        System.exit(run(options));
    }

    static int run(RunnerOptions options) throws IOException, InterruptedException {
        List<Path> programs;
        try {
            programs = selectPrograms(options);
        } catch (RunnerOptions.UsageException e) {
            System.err.println("run-bench: " + e.getMessage());
            return 2;
        }
        if (options.listOnly()) {
            programs.forEach(p -> System.out.println(p.getFileName()));
            return 0;
        }
        for (List<String> emulator : List.of(options.emuCommand(), options.qemuCommand())) {
            if (!onPath(emulator.get(0))) {
                System.err.println("run-bench: " + emulator.get(0) + " not found"
                        + (emulator.get(0).contains("qemu") ? "; install it (Debian: apt-get install qemu-user)" : ""));
                return 2;
            }
        }
        if (!Files.isRegularFile(options.hello())) {
            System.err.println("run-bench: no start-up test program " + options.hello() + " (build it: make -C test/guest)");
            return 2;
        }
        boolean gnuTime = MeteredProcess.gnuTimeAvailable();
        if (!gnuTime) {
            System.err.println("run-bench: GNU time not found at " + MeteredProcess.GNU_TIME
                    + "; measuring peak RSS by polling /proc (install the Debian package `time` for the exact figure)");
        }
        Path scratch = Files.createTempDirectory("emu-bench");
        try {
            BenchmarkRunner runner = new BenchmarkRunner(options, new MeteredProcess(gnuTime, options.timeout(), scratch),
                    System.err);
            return runner.runAll(programs);
        } finally {
            try (Stream<Path> files = Files.walk(scratch)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** Whether a command name runs something: a path to an executable, or a name found on PATH. */
    static boolean onPath(String command) {
        if (command.contains("/")) {
            return Files.isExecutable(Path.of(command));
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    static List<Path> selectPrograms(RunnerOptions options) throws IOException, RunnerOptions.UsageException {
        Path dir = options.benchDir();
        if (!Files.isDirectory(dir)) {
            throw new RunnerOptions.UsageException("no benchmark directory " + dir + " (build it: make -C test/guest bench)");
        }
        List<Path> available;
        try (Stream<Path> files = Files.list(dir)) {
            available = files.filter(Files::isRegularFile).filter(Files::isExecutable).sorted().toList();
        }
        if (options.programs().isEmpty()) {
            return available;
        }
        List<Path> chosen = new ArrayList<>();
        for (String name : options.programs()) {
            Path p = dir.resolve(name);
            if (!available.contains(p)) {
                throw new RunnerOptions.UsageException("no benchmark " + name + " in " + dir + "; there are: "
                        + String.join(" ", available.stream().map(f -> f.getFileName().toString()).toList()));
            }
            chosen.add(p);
        }
        return chosen;
    }

    int runAll(List<Path> programs) throws IOException, InterruptedException {
        if (options.helloRuns() > 0 || !programs.isEmpty()) {
            warmUp();
        }
        List<BenchmarkResult> results = new ArrayList<>();
        for (Path program : programs) {
            String name = program.getFileName().toString();
            List<String> arguments = options.programArguments().getOrDefault(name, List.of());
            results.add(measure(name, program, arguments, options.runs()));
        }
        BenchmarkResult hello = options.helloRuns() > 0
                ? measure("hello", options.hello(), List.of(), options.helloRuns()) : null;

        ResultReport report = new ResultReport(options.emuCommand(), options.qemuCommand(), options.runs(),
                meter.rssMethod(), results, hello);
        List<String> problems = new ArrayList<>();
        results.forEach(r -> problems.addAll(r.problems()));
        if (hello != null) {
            problems.addAll(hello.problems());
        }
        System.out.println();
        System.out.print(report.text());
        write(options.csvFile(), report.csv());
        write(options.jsonFile(), report.json());
        if (!problems.isEmpty()) {
            System.out.println();
            System.out.println("!!! " + problems.size() + (problems.size() == 1 ? " PROBLEM" : " PROBLEMS")
                    + ": emu and qemu disagree or a program failed !!!");
            problems.forEach(p -> System.out.println("  " + p));
            return 1;
        }
        return 0;
    }

    private void warmUp() throws IOException, InterruptedException {
        progress.println("warming up: hello world once under each emulator (untimed; builds ./emu if needed)");
        for (List<String> emulator : List.of(options.emuCommand(), options.qemuCommand())) {
            Run run = meter.run(command(emulator, options.hello(), List.of()));
            if (run.exitStatus() != 0) {
                progress.println("  warning: " + String.join(" ", emulator) + " " + options.hello()
                        + " exited with status " + run.exitStatus() + ": " + run.stderr().strip());
            }
        }
    }

    BenchmarkResult measure(String name, Path program, List<String> arguments, int runs)
            throws IOException, InterruptedException {
        BenchmarkResult result = new BenchmarkResult(name, arguments);
        for (int round = 0; round < runs; round++) {
            boolean emuFirst = round % 2 == 0;
            for (int turn = 0; turn < 2; turn++) {
                boolean emuTurn = emuFirst == (turn == 0);
                Run run = meter.run(command(emuTurn ? options.emuCommand() : options.qemuCommand(), program, arguments));
                (emuTurn ? result.emuRuns : result.qemuRuns).add(run);
                progress.printf(Locale.ROOT, "  %-10s %s run %d: %.3f s (cpu %s), %s, exit %d%n", name,
                        emuTurn ? "emu " : "qemu", round + 1, run.seconds(),
                        run.cpuSeconds() < 0 ? "?" : String.format(Locale.ROOT, "%.2f s", run.cpuSeconds()),
                        run.peakRssKiB() < 0 ? "RSS ?" : run.peakRssKiB() + " KiB", run.exitStatus());
            }
        }
        result.check();
        for (String problem : result.problems()) {
            progress.println("!!! " + result.status() + " " + problem);
        }
        return result;
    }

    private static List<String> command(List<String> emulator, Path program, List<String> arguments) {
        List<String> command = new ArrayList<>(emulator);
        command.add(program.toString());
        command.addAll(arguments);
        return command;
    }

    private static void write(String file, String text) throws IOException {
        if (file == null) {
            return;
        }
        if (file.equals("-")) {
            System.out.println();
            System.out.print(text);
        } else {
            Files.writeString(Path.of(file), text, StandardCharsets.UTF_8);
        }
    }
}
