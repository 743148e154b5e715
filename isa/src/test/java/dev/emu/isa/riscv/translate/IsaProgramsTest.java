package dev.emu.isa.riscv.translate;

import dev.emu.engine.backend.BytecodeBackend;
import dev.emu.engine.cpu.Vcpu;
import dev.emu.engine.exec.ExecutionLoop;
import dev.emu.engine.exec.ExecutionOptions;
import dev.emu.engine.exec.FatalSignal;
import dev.emu.engine.linux.GuestExit;
import dev.emu.engine.linux.LinuxProcess;
import dev.emu.engine.linux.LinuxTarget;
import dev.emu.engine.linux.StandardStreams;
import dev.emu.isa.riscv.RiscvIsa;
import dev.emu.isa.riscv.fp.FpOps;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The self-checking ISA programs of test/guest/isa run end to end: loaded as Linux processes,
 * translated by this frontend, run by the engine's loop with the bytecode tier (blocks compile
 * after their first few runs, so both tiers execute). Each program exits 0 when every check
 * passed, or prints its first failure; sigill_handled checks signal delivery to a handler and
 * sigreturn. (sigill_default, which must die of SIGILL, is checked by the test module.)
 */
class IsaProgramsTest {
    private static final Path PROGRAMS = Path.of("..", "test", "guest", "isa", "bin");
    /** What the ISA gives the Linux layer: syscall registers, sp, the signal frame's registers. */
    private static final LinuxTarget RISCV64 = new RiscvIsa().linuxTarget();
    private static final Set<String> NEED_FP_OPS = Set.of("rv64f", "rv64d", "zicsr");

    @ParameterizedTest
    @ValueSource(strings = {"rv64i_alu", "rv64i_ctrl", "rv64i_mem", "rv64m", "rv64a", "rv64f", "rv64d", "rv64c",
            "zba", "zbb", "zbc", "zbs", "zicsr", "sigill_handled"})
    void programPassesItsChecks(String name) throws Exception {
        Path program = PROGRAMS.resolve(name);
        Assumptions.assumeTrue(Files.exists(program), program + " not built");
        Assumptions.assumeTrue(!NEED_FP_OPS.contains(name) || FpOps.class.getDeclaredMethods().length > 0,
                "FpOps not written yet");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LinuxProcess process = LinuxProcess.start(RISCV64, program, List.of(name), List.of(),
                StandardStreams.of(new ByteArrayInputStream(new byte[0]), out, out));
        RiscvFrontend frontend = new RiscvFrontend();
        Vcpu cpu = new Vcpu(0, frontend.registerSlots(), process.memory());
        process.initMainThread(cpu);
        ExecutionOptions options = ExecutionOptions.defaults().withLog(Set.of(), System.err);
        ExecutionLoop loop = new ExecutionLoop(frontend, new BytecodeBackend(null), process, options, process.memory());
        int status;
        try {
            loop.run(cpu);
            throw new AssertionError("the run loop returned");
        } catch (GuestExit exit) {
            status = exit.status;
        } catch (FatalSignal signal) {
            status = signal.exitStatus();
        }
        assertEquals(0, status, name + ": " + out.toString(StandardCharsets.UTF_8).strip());
    }
}
