package dev.emu.cli;

import dev.emu.engine.UserError;
import dev.emu.engine.backend.BytecodeBackend;
import dev.emu.engine.cpu.Vcpu;
import dev.emu.engine.elf.ElfFile;
import dev.emu.engine.exec.ExecutionLoop;
import dev.emu.engine.exec.ExecutionOptions;
import dev.emu.engine.exec.FatalSignal;
import dev.emu.engine.instrument.Instrumentation;
import dev.emu.engine.instrument.PluginLoader;
import dev.emu.engine.isa.GuestFrontend;
import dev.emu.engine.isa.IsaProvider;
import dev.emu.engine.linux.GuestExit;
import dev.emu.engine.linux.LaunchOptions;
import dev.emu.engine.linux.LinuxProcess;
import dev.emu.engine.linux.Signals;
import dev.emu.engine.linux.StandardStreams;
import dev.emu.engine.linux.StraceWriter;
import dev.emu.engine.loader.Sysroot;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/** Runs a guest program: load it, wire the vCPU to the ISA, the Linux layer and the run loop. */
final class GuestRunner {
    private GuestRunner() {}

    static int run(CommandLine cl, ElfFile elf, Path program, PrintStream err) throws IOException {
        IsaProvider isa = IsaProvider.forMachine(elf.machine()).orElseThrow(() -> new UserError(
                cl.file() + ": not a RISC-V program (ELF machine " + elf.machine() + "); emu runs riscv64 Linux programs"));
        CommandLine.RunOptions o = cl.run();
        List<String> argv = new ArrayList<>();
        argv.add(o.argv0() != null ? o.argv0() : cl.file());
        argv.addAll(cl.guestArgs());
        LinuxProcess process = LinuxProcess.start(isa.linuxTarget(), program, elf, argv, environment(o),
                StandardStreams.host(), launchOptions(o, System.getenv()));
        GuestFrontend frontend = isa.newFrontend(elf, process.image().loadBias());
        Vcpu cpu = new Vcpu(0, frontend.registerSlots(), process.memory());
        process.initMainThread(cpu);
        PrintStream log = o.logFile() != null ? new PrintStream(new FileOutputStream(o.logFile()), true) : err;
        if (o.strace()) {
            process.setSyscallListener(new StraceWriter(log));
        }
        if (o.log().contains("unimp")) {
            process.setUnimplementedLog(log);
        }
        ExecutionOptions options = ExecutionOptions.defaults()
                .withLog(o.log(), log)
                .withFilter(o.filterStart(), o.filterEnd());
        if (o.singleStep()) {
            options = options.withMaxBlockInsns(1);
        }
        options = switch (o.tier()) {
            case "interp" -> options.withHotThreshold(Integer.MAX_VALUE);
            case "jit" -> options.withHotThreshold(0);
            default -> options;
        };
        ExecutionLoop loop = new ExecutionLoop(frontend, new BytecodeBackend(), process, options, process.memory());
        Instrumentation plugins = null;
        try {
            plugins = installPlugins(o, cl.file(), log, err);
            if (plugins != null) {
                process.setInstrumentation(plugins);
                loop.setTranslationHook(plugins.translationHook());
            }
            process.run(loop, cpu);
            throw new IllegalStateException("the process ended without an exit");
        } catch (GuestExit e) {
            process.addressSpace().writeBackAll();
            pluginsExit(plugins);
            return e.status;
        } catch (FatalSignal s) {
            process.addressSpace().writeBackAll();
            Signals.report(s.signal).ifPresent(err::println);
            pluginsExit(plugins);
            return s.exitStatus();
        } finally {
            if (log != err) {
                log.close();
            }
        }
    }

    /**
     * Finds and installs the --plugin plugins, in order, before the guest starts; null when
     * there are none (then nothing of the plugin machinery is in the run). Their output goes to
     * the -D file with -d plugin, else to stderr.
     */
    private static Instrumentation installPlugins(CommandLine.RunOptions o, String program, PrintStream log, PrintStream err) {
        if (o.plugins().isEmpty()) {
            return null;
        }
        Instrumentation plugins = new Instrumentation(program, o.log().contains("plugin") ? log : err);
        for (PluginSpec spec : o.plugins()) {
            PluginLoader.install(plugins, PluginLoader.find(spec.name()), spec.args());
        }
        return plugins;
    }

    /** The process has ended: plugins' exit and at-exit callbacks, their output flushed. */
    private static void pluginsExit(Instrumentation plugins) {
        if (plugins != null) {
            plugins.processExit();
        }
    }

    /**
     * The library prefix and random seed: the command line's, else the environment's
     * (EMU_LD_PREFIX before QEMU_LD_PREFIX, EMU_RAND_SEED before QEMU_RAND_SEED). qemu reads its
     * variables first and lets options override them; the same order here.
     */
    static LaunchOptions launchOptions(CommandLine.RunOptions o, Map<String, String> env) {
        String prefix = o.ldPrefix() != null ? o.ldPrefix() : firstSet(env, "EMU_LD_PREFIX", "QEMU_LD_PREFIX");
        Long seed = o.seed();
        if (seed == null) {
            for (String name : List.of("EMU_RAND_SEED", "QEMU_RAND_SEED")) {
                if (env.get(name) != null && !env.get(name).isEmpty()) {
                    seed = CommandLine.parseSeed(env.get(name), name);
                    break;
                }
            }
        }
        if (o.ldPrefix() != null && !Files.isDirectory(Path.of(o.ldPrefix()))) {
            throw new UserError(o.ldPrefix() + ": not a directory (given to -L as the guest's library root)");
        }
        return new LaunchOptions(Sysroot.of(prefix), seed == null ? OptionalLong.empty() : OptionalLong.of(seed));
    }

    private static String firstSet(Map<String, String> env, String... names) {
        for (String name : names) {
            String v = env.get(name);
            if (v != null && !v.isEmpty()) {
                return v;
            }
        }
        return null;
    }

    /** The host's environment with -E and -U applied, as qemu-user passes it. */
    private static List<String> environment(CommandLine.RunOptions o) {
        Map<String, String> env = new TreeMap<>(System.getenv());
        o.unsetEnv().forEach(env::remove);
        env.putAll(o.setEnv());
        List<String> out = new ArrayList<>();
        env.forEach((k, v) -> out.add(k + "=" + v));
        return out;
    }
}
