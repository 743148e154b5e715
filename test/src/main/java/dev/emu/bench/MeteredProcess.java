package dev.emu.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a command and measures its wall time and peak resident memory.
 *
 * <p>Peak memory comes from GNU time ({@code /usr/bin/time -f %M}, Debian package {@code time})
 * when it is installed: the kernel's own maximum, over the whole process tree, taken at exit.
 * Without it, a thread polls {@code VmHWM} in {@code /proc/<pid>/status}, which the kernel also
 * keeps as a running maximum, so only growth in the last few milliseconds can be missed (and
 * only the started process is seen; {@code ./emu} execs its JVM, so that is the JVM).
 *
 * <p>Output goes to files, not pipes, so a slow reader never stalls the measured process.
 */
final class MeteredProcess {
    static final Path GNU_TIME = Path.of("/usr/bin/time");
    private static final long POLL_MILLIS = 5;

    private final boolean useGnuTime;
    private final Duration timeout;
    private final Path scratch;

    MeteredProcess(boolean useGnuTime, Duration timeout, Path scratch) {
        this.useGnuTime = useGnuTime;
        this.timeout = timeout;
        this.scratch = scratch;
    }

    /** True when /usr/bin/time is GNU time (BusyBox's has no -o or %M). */
    static boolean gnuTimeAvailable() {
        if (!Files.isExecutable(GNU_TIME)) {
            return false;
        }
        try {
            Process p = new ProcessBuilder(GNU_TIME.toString(), "--version").redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor() == 0 && text.contains("GNU");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    String rssMethod() {
        return useGnuTime ? "GNU time %M (maximum resident set size)" : "VmHWM from /proc/<pid>/status, polled every "
                + POLL_MILLIS + " ms";
    }

    Run run(List<String> command) throws IOException, InterruptedException {
        Path out = scratch.resolve("stdout");
        Path err = scratch.resolve("stderr");
        Path rss = scratch.resolve("rss");
        Files.deleteIfExists(rss);
        List<String> full = new ArrayList<>();
        if (useGnuTime) {
            full.addAll(List.of(GNU_TIME.toString(), "-f", "%M %U %S", "-o", rss.toString()));
        }
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());

        long start = System.nanoTime();
        Process process = builder.start();
        AtomicLong polledPeak = new AtomicLong(-1);
        Thread poller = useGnuTime ? null : Thread.ofPlatform().daemon().start(() -> pollPeak(process, polledPeak));
        boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            // GNU time does not pass signals on, so end its child too.
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor();
        }
        long wall = System.nanoTime() - start;
        if (poller != null) {
            poller.join();
        }
        long peak = polledPeak.get();
        double cpu = -1;
        if (useGnuTime) {
            String[] figures = gnuTimeFigures(rss);
            if (figures != null) {
                peak = Long.parseLong(figures[0]);
                cpu = Double.parseDouble(figures[1]) + Double.parseDouble(figures[2]);
            }
        }
        return new Run(wall, peak, cpu, process.exitValue(), Files.readAllBytes(out),
                Files.readString(err, StandardCharsets.ISO_8859_1), !finished);
    }

    /**
     * The "peak-KiB user-seconds system-seconds" line; GNU time writes "Command exited with
     * non-zero status N" or similar before it. Null when the file has no such line.
     */
    static String[] gnuTimeFigures(Path file) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = lines.get(i).strip();
            if (line.matches("\\d+ \\d+\\.\\d+ \\d+\\.\\d+")) {
                return line.split(" ");
            }
        }
        return null;
    }

    private static void pollPeak(Process process, AtomicLong peak) {
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        while (process.isAlive()) {
            long kib = vmHwm(status);
            if (kib > peak.get()) {
                peak.set(kib);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The "VmHWM:  12345 kB" line; -1 once the process is gone (a zombie has no memory lines). */
    static long vmHwm(Path status) {
        try {
            for (String line : Files.readAllLines(status, StandardCharsets.ISO_8859_1)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.substring(6).replace("kB", "").strip());
                }
            }
        } catch (IOException | NumberFormatException e) {
            // the process has exited between isAlive and the read
        }
        return -1;
    }
}
