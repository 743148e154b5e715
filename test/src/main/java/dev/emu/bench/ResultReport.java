package dev.emu.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Formats the results as the text table, CSV or JSON. The geometric mean counts only programs
 * whose output matched qemu's: a fast wrong answer must not improve the score.
 */
final class ResultReport {
    private final List<String> emuCommand;
    private final List<String> qemuCommand;
    private final int runs;
    private final String rssMethod;
    private final List<BenchmarkResult> results;
    private final BenchmarkResult hello;

    ResultReport(List<String> emuCommand, List<String> qemuCommand, int runs, String rssMethod,
                 List<BenchmarkResult> results, BenchmarkResult hello) {
        this.emuCommand = emuCommand;
        this.qemuCommand = qemuCommand;
        this.runs = runs;
        this.rssMethod = rssMethod;
        this.results = results;
        this.hello = hello;
    }

    List<BenchmarkResult> matching() {
        return results.stream().filter(r -> r.status() == BenchmarkResult.Status.OK).toList();
    }

    double geometricMeanRatio() {
        return BenchmarkResult.geometricMean(matching().stream().map(BenchmarkResult::ratio).toList());
    }

    String text() {
        StringBuilder out = new StringBuilder();
        out.append("emu:  ").append(String.join(" ", emuCommand)).append('\n');
        out.append("qemu: ").append(String.join(" ", qemuCommand)).append('\n');
        out.append(runs).append(runs == 1 ? " run" : " runs")
                .append(" of each, alternating; times are medians of wall-clock time; peak RSS by ")
                .append(rssMethod).append("\n\n");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"program", "arguments", "emu (s)", "qemu (s)", "emu/qemu", "emu RSS (MiB)",
            "qemu RSS (MiB)", "check"});
        for (BenchmarkResult r : results) {
            rows.add(new String[] {r.name, arguments(r), seconds(r.emuMedianSeconds()), seconds(r.qemuMedianSeconds()),
                ratio(r.ratio()), mebibytes(r.emuPeakRssKiB()), mebibytes(r.qemuPeakRssKiB()),
                r.status().name().toLowerCase(Locale.ROOT)});
        }
        appendTable(out, rows);
        int counted = matching().size();
        out.append('\n').append("geometric mean of emu/qemu: ").append(ratio(geometricMeanRatio()));
        out.append(counted == results.size() ? " (" + counted + " programs)"
                : " (over the " + counted + " of " + results.size() + " programs whose output matched)");
        out.append('\n');
        if (hello != null) {
            out.append("start-up, hello world end to end (median of ").append(hello.qemuRuns.size()).append("): emu ")
                    .append(seconds(hello.emuMedianSeconds())).append(" s, qemu ")
                    .append(seconds(hello.qemuMedianSeconds())).append(" s, emu/qemu ").append(ratio(hello.ratio()))
                    .append(hello.status() == BenchmarkResult.Status.OK ? "" : ", " + hello.status()).append('\n');
        }
        return out.toString();
    }

    private static void appendTable(StringBuilder out, List<String[]> rows) {
        int[] width = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                // Names left-aligned, numbers right-aligned so their decimal points line up.
                boolean left = c < 2 || c == row.length - 1;
                String cell = left ? String.format("%-" + width[c] + "s", row[c])
                        : String.format("%" + width[c] + "s", row[c]);
                line.append(c == 0 ? "" : "  ").append(cell);
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }

    String csv() {
        StringBuilder out = new StringBuilder(
                "program,arguments,runs,emu_median_s,qemu_median_s,ratio,emu_peak_rss_kib,qemu_peak_rss_kib,check,"
                        + "emu_times_s,qemu_times_s,emu_median_cpu_s,qemu_median_cpu_s\n");
        List<BenchmarkResult> rows = new ArrayList<>(results);
        if (hello != null) {
            rows.add(hello);
        }
        for (BenchmarkResult r : rows) {
            out.append(String.join(",", r.name, String.join(" ", r.arguments), Integer.toString(r.qemuRuns.size()),
                    seconds(r.emuMedianSeconds()), seconds(r.qemuMedianSeconds()), ratio(r.ratio()),
                    Long.toString(r.emuPeakRssKiB()), Long.toString(r.qemuPeakRssKiB()),
                    r.status().name().toLowerCase(Locale.ROOT), times(r.emuRuns, ";"), times(r.qemuRuns, ";"),
                    seconds(r.emuMedianCpuSeconds()), seconds(r.qemuMedianCpuSeconds())))
                    .append('\n');
        }
        return out.toString();
    }

    String json() {
        StringBuilder out = new StringBuilder("{\n");
        out.append("  \"emu\": ").append(jsonString(String.join(" ", emuCommand))).append(",\n");
        out.append("  \"qemu\": ").append(jsonString(String.join(" ", qemuCommand))).append(",\n");
        out.append("  \"runs\": ").append(runs).append(",\n");
        out.append("  \"rssMethod\": ").append(jsonString(rssMethod)).append(",\n");
        out.append("  \"programs\": [\n");
        for (int i = 0; i < results.size(); i++) {
            out.append("    ").append(jsonResult(results.get(i))).append(i + 1 < results.size() ? ",\n" : "\n");
        }
        out.append("  ],\n");
        out.append("  \"geometricMeanRatio\": ").append(jsonNumber(geometricMeanRatio())).append(",\n");
        out.append("  \"programsInGeometricMean\": ").append(matching().size()).append(",\n");
        out.append("  \"hello\": ").append(hello == null ? "null" : jsonResult(hello)).append(",\n");
        List<String> problems = new ArrayList<>();
        results.forEach(r -> problems.addAll(r.problems()));
        if (hello != null) {
            problems.addAll(hello.problems());
        }
        out.append("  \"problems\": [")
                .append(problems.stream().map(ResultReport::jsonString).collect(Collectors.joining(", ")))
                .append("]\n}\n");
        return out.toString();
    }

    private static String jsonResult(BenchmarkResult r) {
        return "{\"program\": " + jsonString(r.name)
                + ", \"arguments\": [" + r.arguments.stream().map(ResultReport::jsonString)
                        .collect(Collectors.joining(", ")) + "]"
                + ", \"emuMedianSeconds\": " + jsonNumber(r.emuMedianSeconds())
                + ", \"qemuMedianSeconds\": " + jsonNumber(r.qemuMedianSeconds())
                + ", \"ratio\": " + jsonNumber(r.ratio())
                + ", \"emuPeakRssKiB\": " + r.emuPeakRssKiB()
                + ", \"qemuPeakRssKiB\": " + r.qemuPeakRssKiB()
                + ", \"check\": " + jsonString(r.status().name().toLowerCase(Locale.ROOT))
                + ", \"emuSeconds\": [" + times(r.emuRuns, ", ") + "]"
                + ", \"qemuSeconds\": [" + times(r.qemuRuns, ", ") + "]"
                + ", \"emuMedianCpuSeconds\": " + jsonNumber(r.emuMedianCpuSeconds())
                + ", \"qemuMedianCpuSeconds\": " + jsonNumber(r.qemuMedianCpuSeconds()) + "}";
    }

    static String jsonString(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static String jsonNumber(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.6f", value) : "null";
    }

    private static String times(List<Run> runs, String separator) {
        return runs.stream().map(r -> seconds(r.seconds())).collect(Collectors.joining(separator));
    }

    private static String arguments(BenchmarkResult r) {
        return r.arguments.isEmpty() ? "(default)" : String.join(" ", r.arguments);
    }

    private static String seconds(double s) {
        return Double.isFinite(s) ? String.format(Locale.ROOT, "%.3f", s) : "-";
    }

    private static String ratio(double r) {
        return Double.isFinite(r) ? String.format(Locale.ROOT, "%.2f", r) : "-";
    }

    private static String mebibytes(long kib) {
        return kib < 0 ? "?" : String.format(Locale.ROOT, "%.1f", kib / 1024.0);
    }
}
