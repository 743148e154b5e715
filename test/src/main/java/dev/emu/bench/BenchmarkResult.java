package dev.emu.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The runs of one program under both emulators, and what was wrong with them. qemu-riscv64's
 * first run is the reference: every other run, of either emulator, must print the same bytes on
 * standard output and end with the same exit status.
 */
final class BenchmarkResult {
    enum Status { OK, MISMATCH, FAILED }

    final String name;
    final List<String> arguments;
    final List<Run> emuRuns = new ArrayList<>();
    final List<Run> qemuRuns = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private Status status = Status.OK;

    BenchmarkResult(String name, List<String> arguments) {
        this.name = name;
        this.arguments = List.copyOf(arguments);
    }

    /** Compares every run with the reference; call once, after the runs. */
    void check() {
        Run reference = qemuRuns.get(0);
        if (reference.timedOut() || reference.exitStatus() != 0) {
            status = Status.FAILED;
            problems.add(name + " failed under qemu itself (" + describeEnd(reference) + ")" + stderrTail(reference));
        }
        for (int i = 1; i < qemuRuns.size(); i++) {
            compare("qemu run " + (i + 1), qemuRuns.get(i), "qemu run 1", reference,
                    " (the program is not deterministic?)");
        }
        for (int i = 0; i < emuRuns.size(); i++) {
            compare("emu run " + (i + 1), emuRuns.get(i), "qemu", reference, "");
        }
    }

    private void compare(String label, Run run, String referenceLabel, Run reference, String hint) {
        List<String> found = new ArrayList<>();
        if (run.timedOut()) {
            found.add("timed out");
        } else if (run.exitStatus() != reference.exitStatus()) {
            found.add("exit status " + run.exitStatus() + ", " + referenceLabel + " " + reference.exitStatus());
        }
        if (!run.timedOut() && !Arrays.equals(run.stdout(), reference.stdout())) {
            found.add("stdout differs: " + firstDifference(run.stdout(), reference.stdout(), referenceLabel));
        }
        if (!found.isEmpty()) {
            if (status == Status.OK) {
                status = Status.MISMATCH;
            }
            problems.add(name + ": " + label + ": " + String.join("; ", found) + hint + stderrTail(run));
        }
    }

    /** Names the first line that differs and shows both versions of it. */
    static String firstDifference(byte[] actual, byte[] expected, String expectedLabel) {
        String[] a = new String(actual, StandardCharsets.ISO_8859_1).split("\n", -1);
        String[] e = new String(expected, StandardCharsets.ISO_8859_1).split("\n", -1);
        int line = 0;
        while (line < a.length && line < e.length && a[line].equals(e[line])) {
            line++;
        }
        String mine = line < a.length ? quote(a[line]) : "(end of output)";
        String theirs = line < e.length ? quote(e[line]) : "(end of output)";
        return "line " + (line + 1) + " is " + mine + ", " + expectedLabel + " printed " + theirs;
    }

    private static String quote(String text) {
        String shown = text.length() > 120 ? text.substring(0, 120) + "..." : text;
        return '"' + shown + '"';
    }

    private static String describeEnd(Run run) {
        return run.timedOut() ? "timed out" : "exit status " + run.exitStatus();
    }

    private static String stderrTail(Run run) {
        String text = run.stderr().strip();
        if (text.isEmpty()) {
            return "";
        }
        String tail = text.length() > 400 ? "..." + text.substring(text.length() - 400) : text;
        return "\n      stderr: " + tail.replace("\n", "\n      ");
    }

    Status status() {
        return status;
    }

    List<String> problems() {
        return problems;
    }

    double emuMedianSeconds() {
        return median(emuRuns, Run::seconds);
    }

    double qemuMedianSeconds() {
        return median(qemuRuns, Run::seconds);
    }

    /** emu's median time over qemu's: below 1 means emu is faster. */
    double ratio() {
        return emuMedianSeconds() / qemuMedianSeconds();
    }

    long emuPeakRssKiB() {
        return emuRuns.stream().mapToLong(Run::peakRssKiB).max().orElse(-1);
    }

    long qemuPeakRssKiB() {
        return qemuRuns.stream().mapToLong(Run::peakRssKiB).max().orElse(-1);
    }

    /** The median CPU time, NaN when it was not measured. */
    double emuMedianCpuSeconds() {
        return emuRuns.stream().anyMatch(r -> r.cpuSeconds() < 0) ? Double.NaN : median(emuRuns, Run::cpuSeconds);
    }

    double qemuMedianCpuSeconds() {
        return qemuRuns.stream().anyMatch(r -> r.cpuSeconds() < 0) ? Double.NaN : median(qemuRuns, Run::cpuSeconds);
    }

    static double median(List<Run> runs, ToDoubleFunction<Run> value) {
        return median(runs.stream().mapToDouble(value).toArray());
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** The geometric mean, the right average for ratios: a 2x and a 0.5x cancel out. */
    static double geometricMean(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double logSum = 0;
        for (double v : values) {
            logSum += Math.log(v);
        }
        return Math.exp(logSum / values.size());
    }
}
