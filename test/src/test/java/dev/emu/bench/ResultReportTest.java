package dev.emu.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.emu.bench.BenchmarkResultTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResultReportTest {

    private static BenchmarkResult result(String name, double emu, double qemu, String emuOut) {
        BenchmarkResult r = new BenchmarkResult(name, List.of("7"));
        r.emuRuns.add(run(emu, 0, emuOut));
        r.qemuRuns.add(run(qemu, 0, "ok\n"));
        r.check();
        return r;
    }

    private final ResultReport report = new ResultReport(List.of("./emu"), List.of("qemu-riscv64"), 1, "test",
            List.of(result("fast", 1, 2, "ok\n"), result("slow", 4, 2, "ok\n"), result("wrong", 0.1, 2, "no\n")),
            result("hello", 0.02, 0.01, "ok\n"));

    @Test
    void geometricMeanLeavesOutProgramsWhoseOutputDiffered() {
        assertEquals(1.0, report.geometricMeanRatio(), 1e-9);
    }

    @Test
    void textTableHasOneRowPerProgramAndTheSummaries() {
        String text = report.text();
        assertTrue(text.contains("\nfast     7            1.000     2.000      0.50            1.0             1.0  ok\n"),
                text);
        assertTrue(text.contains("wrong") && text.contains("mismatch"), text);
        assertTrue(text.contains("geometric mean of emu/qemu: 1.00 (over the 2 of 3 programs whose output matched)"),
                text);
        assertTrue(text.contains("hello world end to end (median of 1): emu 0.020 s, qemu 0.010 s, emu/qemu 2.00"),
                text);
    }

    @Test
    void csvHasAHeaderAndARowPerProgramPlusHello() {
        List<String> lines = report.csv().lines().toList();
        assertEquals(5, lines.size());
        assertTrue(lines.get(0).startsWith("program,arguments,runs,emu_median_s,qemu_median_s,ratio,"));
        assertEquals("slow,7,1,4.000,2.000,2.00,1000,1000,ok,4.000,2.000,4.000,2.000", lines.get(2));
    }

    @Test
    void jsonNamesEveryProgramAndTheProblems() {
        String json = report.json();
        assertTrue(json.contains("\"program\": \"wrong\""), json);
        assertTrue(json.contains("\"geometricMeanRatio\": 1.000000"), json);
        assertTrue(json.contains("\"problems\": [\"wrong: emu run 1: stdout differs: line 1 is \\\"no\\\", qemu printed \\\"ok\\\"\"]"),
                json);
    }
}
