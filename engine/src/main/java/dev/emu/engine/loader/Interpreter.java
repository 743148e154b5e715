package dev.emu.engine.loader;

import dev.emu.engine.UserError;
import dev.emu.engine.elf.ElfFile;
import dev.emu.engine.elf.ElfProgramHeader;
import dev.emu.engine.mem.GuestMemory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

import static dev.emu.engine.loader.AddressLayout.pageDown;

/**
 * The program interpreter a dynamically linked program names in PT_INTERP (for riscv64 glibc,
 * {@code /lib/ld-linux-riscv64-lp64d.so.1}), found on the host through the {@link Sysroot}.
 * Linux maps it with a plain mmap, so an ET_DYN interpreter lands where the first mmap would:
 * right below {@link AddressLayout#MMAP_TOP}; later mmaps go below it.
 */
record Interpreter(String name, Path hostPath, ElfFile elf) {

    /** Finds and reads the interpreter; a user error (one line, with the fix) when it is missing. */
    static Interpreter find(String name, Sysroot sysroot, int machine) {
        Path host;
        try {
            host = sysroot.lookup(Path.of(name));
        } catch (InvalidPathException e) {
            throw new UserError("the program's interpreter path '" + name + "' is not a valid path");
        }
        if (!Files.isRegularFile(host)) {
            throw new UserError(missing(name, sysroot));
        }
        ElfFile elf;
        try {
            elf = ElfFile.read(host);
        } catch (IOException e) {
            throw new UserError("cannot read the program's interpreter " + host + ": " + e.getMessage());
        }
        if (elf.machine() != machine) {
            throw new UserError("the program's interpreter " + host + " is for another machine (ELF machine "
                    + elf.machine() + ", the program's is " + machine + ")");
        }
        if (elf.type() != ElfFile.ET_DYN && elf.type() != ElfFile.ET_EXEC || elf.interpreter().isPresent()) {
            throw new UserError("the program's interpreter " + host + " is not a loadable dynamic loader");
        }
        return new Interpreter(name, host, elf);
    }

    private static String missing(String name, Sysroot sysroot) {
        if (sysroot.isSet()) {
            return "the program's interpreter " + name + " is neither in " + sysroot.prefix()
                    + " (the -L prefix) nor on the host";
        }
        return "the program's interpreter " + name + " was not found: it is dynamically linked; give the"
                + " riscv64 libraries' root with -L (Debian: -L /usr/riscv64-linux-gnu) or QEMU_LD_PREFIX";
    }

    /** Maps the interpreter's segments; an ET_DYN one goes right below the mmap top. */
    SegmentMapper.Placed map(GuestMemory memory) {
        List<ElfProgramHeader> loads = SegmentMapper.loads(elf, "the interpreter " + hostPath);
        long bias = 0;
        if (elf.type() == ElfFile.ET_DYN) {
            long span = SegmentMapper.span(loads);
            long base = (AddressLayout.MMAP_TOP - span) & -SegmentMapper.alignment(loads);
            bias = base - pageDown(loads.get(0).virtualAddress());
        }
        MappedFile file = MappedFile.of(hostPath);
        return SegmentMapper.map(elf, loads, bias, memory, file, file.path().toString());
    }
}
