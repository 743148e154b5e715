package dev.emu.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark runner's command line (see {@link #USAGE}). Commands given as one string are
 * split at white space, with no quoting: {@code --emu "qemu-riscv64 -cpu rv64"}.
 */
record RunnerOptions(
        Path root,
        List<String> emuCommand,
        List<String> qemuCommand,
        int runs,
        int helloRuns,
        List<String> programs,
        Map<String, List<String>> programArguments,
        Path benchDir,
        Path hello,
        String csvFile,
        String jsonFile,
        Duration timeout,
        boolean listOnly,
        boolean helpOnly) {

    static final String USAGE = """
            usage: run-bench [options] [program...]
              Runs each benchmark program under emu and under qemu-riscv64, alternately, checks
              that both print the same output and exit status, and prints a table of median wall
              times, their ratio and peak memory (docs/benchmarks.md).

              program...           benchmarks to run (default: every program in the bench dir)
              --runs N             timed runs per program and emulator (default 3)
              --hello-runs N       runs of the start-up test, hello world (default 10; 0 skips it)
              --emu "CMD"          the emulator under test (default: ./emu at the repository root)
              --qemu "CMD"         the reference emulator (default: qemu-riscv64)
              --size NAME=ARGS     arguments for one program instead of its default size, e.g.
                                   --size hash=16 (repeatable; ARGS split at spaces)
              --csv FILE           also write the results as CSV (- for standard output)
              --json FILE          also write the results as JSON (- for standard output)
              --timeout SECONDS    kill a run after this long and count it as failed (default 600)
              --bench-dir DIR      where the benchmark binaries are (default test/guest/bench/bin)
              --hello FILE         the start-up test program (default test/guest/bin/hello)
              --root DIR           the repository root (default: the current directory)
              --list               list the benchmark programs and exit
              -h, --help           print this and exit
            """;

    /** A mistake on the command line; the message is for the user. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    static RunnerOptions parse(String... args) throws UsageException {
        Path root = Path.of("").toAbsolutePath();
        String emu = null;
        String qemu = "qemu-riscv64";
        int runs = 3;
        int helloRuns = 10;
        List<String> programs = new ArrayList<>();
        Map<String, List<String>> programArguments = new LinkedHashMap<>();
        String benchDir = null;
        String hello = null;
        String csv = null;
        String json = null;
        long timeoutSeconds = 600;
        boolean list = false;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--root" -> root = Path.of(value(args, ++i, arg)).toAbsolutePath();
                case "--emu" -> emu = value(args, ++i, arg);
                case "--qemu" -> qemu = value(args, ++i, arg);
                case "--runs" -> runs = count(value(args, ++i, arg), arg, 1);
                case "--hello-runs" -> helloRuns = count(value(args, ++i, arg), arg, 0);
                case "--size" -> {
                    String spec = value(args, ++i, arg);
                    int eq = spec.indexOf('=');
                    if (eq <= 0) {
                        throw new UsageException("--size wants NAME=ARGS, e.g. --size hash=16; got " + spec);
                    }
                    programArguments.put(spec.substring(0, eq), words(spec.substring(eq + 1)));
                }
                case "--csv" -> csv = value(args, ++i, arg);
                case "--json" -> json = value(args, ++i, arg);
                case "--timeout" -> timeoutSeconds = count(value(args, ++i, arg), arg, 1);
                case "--bench-dir" -> benchDir = value(args, ++i, arg);
                case "--hello" -> hello = value(args, ++i, arg);
                case "--programs" -> programs.addAll(Arrays.asList(value(args, ++i, arg).split(",")));
                case "--list" -> list = true;
                case "-h", "--help", "-help" -> help = true;
                default -> {
                    if (arg.startsWith("-")) {
                        throw new UsageException("unknown option " + arg + " (see --help)");
                    }
                    programs.add(arg);
                }
            }
        }
        List<String> emuCommand = emu != null ? words(emu) : List.of(root.resolve("emu").toString());
        List<String> qemuCommand = words(qemu);
        if (emuCommand.isEmpty() || qemuCommand.isEmpty()) {
            throw new UsageException("--emu and --qemu need a command");
        }
        return new RunnerOptions(root, emuCommand, qemuCommand, runs, helloRuns, List.copyOf(programs),
                programArguments,
                benchDir != null ? Path.of(benchDir).toAbsolutePath() : root.resolve("test/guest/bench/bin"),
                hello != null ? Path.of(hello).toAbsolutePath() : root.resolve("test/guest/bin/hello"),
                csv, json, Duration.ofSeconds(timeoutSeconds), list, help);
    }

    private static String value(String[] args, int i, String option) throws UsageException {
        if (i >= args.length) {
            throw new UsageException(option + " needs a value (see --help)");
        }
        return args[i];
    }

    private static int count(String text, String option, int minimum) throws UsageException {
        try {
            int n = Integer.parseInt(text);
            if (n >= minimum) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(option + " wants a whole number of at least " + minimum + "; got " + text);
    }

    static List<String> words(String text) {
        String trimmed = text.strip();
        return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("\\s+"));
    }
}
