package dev.emu.cli;

import dev.emu.engine.UserError;
import dev.emu.engine.elf.ElfFile;
import dev.emu.isa.riscv.disas.ElfListing;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code emu} command. Three error channels: a guest's own exit status passes through; a
 * user's mistake (bad flag, missing or wrong file) is one line on stderr and exit status 1;
 * an internal bug keeps its full stack trace and exits with 70 (EX_SOFTWARE).
 */
public final class Main {
    static final int USER_ERROR = 1;
    static final int INTERNAL_ERROR = 70;

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            CommandLine cl = CommandLine.parse(args);
            return switch (cl.action()) {
                case HELP -> { out.print(Usage.text()); out.flush(); yield 0; }
                case VERSION -> { out.println(Usage.versionLine()); out.flush(); yield 0; }
                case DISAS -> disassemble(cl, out);
                case RUN -> runProgram(cl, err);
            };
        } catch (UserError e) {
            out.flush();
            err.println("emu: " + e.getMessage());
            return USER_ERROR;
        } catch (RuntimeException | IOException | Error e) {
            out.flush();
            err.println("emu: internal error (a bug in emu, please report it with this trace):");
            e.printStackTrace(err);
            return INTERNAL_ERROR;
        }
    }

    private static int disassemble(CommandLine cl, PrintStream out) throws IOException {
        Path file = readableFile(cl.file());
        PrintStream buffered = new PrintStream(new BufferedOutputStream(out, 1 << 16), false, StandardCharsets.UTF_8);
        ElfListing.list(file, cl.disasOptions().contains("no-aliases"), cl.disasOptions().contains("numeric"), buffered);
        buffered.flush();
        return 0;
    }

    private static int runProgram(CommandLine cl, PrintStream err) throws IOException {
        Path program = readableFile(cl.file());
        ElfFile elf = ElfFile.read(program);
        if (elf.type() != ElfFile.ET_EXEC && elf.type() != ElfFile.ET_DYN) {
            throw new UserError(cl.file() + ": not an executable (ELF type " + elf.type() + ")");
        }
        return GuestRunner.run(cl, elf, program, err);
    }

    /** The path, if it names a readable regular file; otherwise a user error saying why not. */
    static Path readableFile(String name) {
        Path path = Path.of(name);
        if (!Files.exists(path)) {
            throw new UserError(name + ": No such file or directory");
        }
        if (Files.isDirectory(path)) {
            throw new UserError(name + ": Is a directory");
        }
        if (!Files.isReadable(path)) {
            throw new UserError(name + ": Permission denied");
        }
        return path;
    }

}
