package dev.emu.engine.loader;

import dev.emu.engine.UserError;
import dev.emu.engine.elf.ElfFile;
import dev.emu.engine.elf.ElfProgramHeader;
import dev.emu.engine.mem.GuestMemory;
import dev.emu.engine.mem.Protection;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.emu.engine.loader.AddressLayout.pageDown;
import static dev.emu.engine.loader.AddressLayout.pageUp;

/**
 * Loads an ELF executable into guest memory the way Linux's {@code load_elf_binary} does:
 *
 * <ul>
 *   <li>the program's PT_LOAD segments are mapped by {@link SegmentMapper}: ET_EXEC at its own
 *       addresses, an ET_DYN (PIE or static-pie) moved so its lowest segment starts at
 *       {@link AddressLayout#ET_DYN_BASE} (Linux's ELF_ET_DYN_BASE);</li>
 *   <li>a program with PT_INTERP also gets its interpreter (the dynamic loader, found through
 *       the {@link Sysroot}), placed where Linux's first mmap would put it: right below
 *       {@link AddressLayout#MMAP_TOP}. Execution starts at the interpreter's entry, and
 *       AT_BASE tells it where it was loaded; AT_PHDR and AT_ENTRY still describe the program;</li>
 *   <li>the stack is an 8 MiB mapping ending at {@link AddressLayout#STACK_TOP}, executable only
 *       when the program's PT_GNU_STACK asks for it, holding what {@link InitialStack} writes;</li>
 *   <li>the program break starts at the page after the program's highest segment end.</li>
 * </ul>
 *
 * The caller has already chosen the ISA by e_machine; the interpreter must be for the same one.
 */
public final class ElfLoader {
    private static final int PHDR_SIZE = 56;

    private ElfLoader() {}

    /** Loads a program read from memory (no file behind it: its mappings are named by execFn). */
    public static ProgramImage load(ElfFile elf, GuestMemory memory, ExecRequest request) {
        return load(elf, null, memory, request, Sysroot.none());
    }

    /**
     * Loads the program read from {@code file} (null when it has no file: the mappings then
     * carry only execFn's name), and its interpreter if it names one, looked up in sysroot.
     */
    public static ProgramImage load(ElfFile elf, Path file, GuestMemory memory, ExecRequest request, Sysroot sysroot) {
        if (elf.type() != ElfFile.ET_EXEC && elf.type() != ElfFile.ET_DYN) {
            throw new UserError("not an executable program (ELF type " + elf.type() + ")");
        }
        List<ElfProgramHeader> loads = SegmentMapper.loads(elf, "the program");
        long bias = 0;
        if (elf.type() == ElfFile.ET_DYN) {
            long base = AddressLayout.ET_DYN_BASE & -SegmentMapper.alignment(loads);
            bias = base - pageDown(loads.get(0).virtualAddress());
        }
        Interpreter interp = elf.interpreter().map(name -> Interpreter.find(name, sysroot, elf.machine())).orElse(null);
        MappedFile identity = file != null ? MappedFile.of(file) : null;
        String name = identity != null ? identity.path().toString() : request.execFn();
        SegmentMapper.Placed program = SegmentMapper.map(elf, loads, bias, memory, identity, name);
        List<ProgramImage.Mapping> mappings = new ArrayList<>(program.mappings());
        long entry = elf.entry() + bias;
        long start = entry;
        long interpBase = 0;
        if (interp != null) {
            SegmentMapper.Placed placed = interp.map(memory);
            mappings.addAll(placed.mappings());
            interpBase = placed.bias();
            start = interp.elf().entry() + placed.bias();
        }
        int stackProt = executableStack(elf) ? Protection.RWX : Protection.RW;
        memory.map(AddressLayout.STACK_BASE, AddressLayout.STACK_SIZE, stackProt);
        mappings.add(new ProgramImage.Mapping(AddressLayout.STACK_BASE, AddressLayout.STACK_TOP, stackProt, "[stack]"));

        InitialStack stack = InitialStack.placeStrings(memory, AddressLayout.STACK_TOP, AddressLayout.STACK_SIZE, request);
        long phdr = SegmentMapper.programHeaderAddress(elf, loads, bias);
        List<AuxVector> auxv = auxiliaryVector(elf, request, phdr, entry, interpBase, stack);
        long sp = stack.writeTables(auxv);
        return new ProgramImage(start, bias, phdr, elf.programHeaders().size(), sp, pageUp(program.end()), mappings,
                auxv);
    }

    /** The order is Linux's (create_elf_tables), the architecture's entries first. */
    private static List<AuxVector> auxiliaryVector(ElfFile elf, ExecRequest request, long phdr, long entry,
                                                   long interpBase, InitialStack stack) {
        List<AuxVector> auxv = new ArrayList<>();
        if (request.minSigStackSize() != 0) {
            auxv.add(new AuxVector(AuxVector.AT_MINSIGSTKSZ, request.minSigStackSize()));
        }
        auxv.add(new AuxVector(AuxVector.AT_HWCAP, request.hwcap()));
        auxv.add(new AuxVector(AuxVector.AT_PAGESZ, GuestMemory.PAGE_SIZE));
        auxv.add(new AuxVector(AuxVector.AT_CLKTCK, AuxVector.CLOCK_TICKS_PER_SECOND));
        auxv.add(new AuxVector(AuxVector.AT_PHDR, phdr));
        auxv.add(new AuxVector(AuxVector.AT_PHENT, PHDR_SIZE));
        auxv.add(new AuxVector(AuxVector.AT_PHNUM, elf.programHeaders().size()));
        auxv.add(new AuxVector(AuxVector.AT_BASE, interpBase)); // 0 without an interpreter
        auxv.add(new AuxVector(AuxVector.AT_FLAGS, 0));
        auxv.add(new AuxVector(AuxVector.AT_ENTRY, entry));
        auxv.add(new AuxVector(AuxVector.AT_UID, request.uid()));
        auxv.add(new AuxVector(AuxVector.AT_EUID, request.uid()));
        auxv.add(new AuxVector(AuxVector.AT_GID, request.gid()));
        auxv.add(new AuxVector(AuxVector.AT_EGID, request.gid()));
        auxv.add(new AuxVector(AuxVector.AT_SECURE, 0));
        auxv.add(new AuxVector(AuxVector.AT_RANDOM, stack.randomAddress()));
        auxv.add(new AuxVector(AuxVector.AT_EXECFN, stack.execFnAddress()));
        auxv.add(new AuxVector(AuxVector.AT_NULL, 0));
        return auxv;
    }

    private static boolean executableStack(ElfFile elf) {
        for (ElfProgramHeader ph : elf.programHeaders()) {
            if (ph.type() == ElfProgramHeader.PT_GNU_STACK) {
                return ph.executable();
            }
        }
        return false;
    }
}
