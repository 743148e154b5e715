package dev.emu.bench;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchmarkResultTest {

    static Run run(double seconds, int status, String stdout) {
        return new Run((long) (seconds * 1e9), 1000, seconds, status, stdout.getBytes(StandardCharsets.UTF_8), "", false);
    }

    @Test
    void medianAndGeometricMean() {
        assertEquals(2.0, BenchmarkResult.median(new double[] {3, 1, 2}));
        assertEquals(2.5, BenchmarkResult.median(new double[] {4, 1, 2, 3}));
        assertEquals(1.0, BenchmarkResult.geometricMean(List.of(2.0, 0.5)), 1e-12);
        assertEquals(4.0, BenchmarkResult.geometricMean(List.of(2.0, 8.0)), 1e-12);
    }

    @Test
    void identicalRunsAreOkAndTheRatioUsesMedians() {
        BenchmarkResult r = new BenchmarkResult("p", List.of());
        r.emuRuns.addAll(List.of(run(2, 0, "x\n"), run(9, 0, "x\n"), run(4, 0, "x\n")));
        r.qemuRuns.addAll(List.of(run(1, 0, "x\n"), run(2, 0, "x\n"), run(2, 0, "x\n")));
        r.check();
        assertEquals(BenchmarkResult.Status.OK, r.status());
        assertEquals(2.0, r.ratio(), 1e-9);
        assertTrue(r.problems().isEmpty());
    }

    @Test
    void differentOutputOrStatusIsAMismatchNamingTheLine() {
        BenchmarkResult r = new BenchmarkResult("p", List.of());
        r.emuRuns.addAll(List.of(run(1, 0, "a\nb\n"), run(1, 3, "a\nc\n")));
        r.qemuRuns.addAll(List.of(run(1, 0, "a\nc\n"), run(1, 0, "a\nc\n")));
        r.check();
        assertEquals(BenchmarkResult.Status.MISMATCH, r.status());
        assertEquals(2, r.problems().size());
        assertEquals("p: emu run 1: stdout differs: line 2 is \"b\", qemu printed \"c\"", r.problems().get(0));
        assertEquals("p: emu run 2: exit status 3, qemu 0", r.problems().get(1));
    }

    @Test
    void aProgramFailingUnderQemuIsAFailure() {
        BenchmarkResult r = new BenchmarkResult("p", List.of());
        r.emuRuns.add(run(1, 1, "bad\n"));
        r.qemuRuns.add(run(1, 1, "bad\n"));
        r.check();
        assertEquals(BenchmarkResult.Status.FAILED, r.status());
    }

    @Test
    void missingLinesAreShownAsTheEndOfOutput() {
        assertEquals("line 2 is (end of output), qemu printed \"more\"",
                BenchmarkResult.firstDifference("one".getBytes(), "one\nmore".getBytes(), "qemu"));
    }
}
