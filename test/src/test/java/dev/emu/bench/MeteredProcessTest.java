package dev.emu.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MeteredProcessTest {

    @Test
    void gnuTimeFiguresComeAfterItsStatusLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rss");
        Files.writeString(file, "Command terminated by signal 9\n14592 1.25 0.03\n");
        assertArrayEquals(new String[] {"14592", "1.25", "0.03"}, MeteredProcess.gnuTimeFigures(file));
        Files.writeString(file, "/usr/bin/time: cannot run x: No such file or directory\n");
        assertNull(MeteredProcess.gnuTimeFigures(file));
        assertNull(MeteredProcess.gnuTimeFigures(dir.resolve("missing")));
    }

    @Test
    void vmHwmIsReadFromProcStatus() {
        long kib = MeteredProcess.vmHwm(Path.of("/proc/self/status"));
        assertTrue(kib > 0 || !Files.exists(Path.of("/proc/self/status")), "VmHWM " + kib);
    }

    @Test
    void runCapturesOutputStatusAndMemoryEitherWay(@TempDir Path dir) throws Exception {
        for (boolean gnuTime : new boolean[] {false, MeteredProcess.gnuTimeAvailable()}) {
            MeteredProcess meter = new MeteredProcess(gnuTime, java.time.Duration.ofSeconds(30), dir);
            Run run = meter.run(java.util.List.of("sh", "-c", "echo out; echo err >&2; exit 3"));
            assertEquals("out\n", new String(run.stdout()));
            assertEquals("err\n", run.stderr());
            assertEquals(3, run.exitStatus());
            if (gnuTime) {
                assertTrue(run.peakRssKiB() > 0 && run.cpuSeconds() >= 0, run.toString());
            }
        }
    }
}
