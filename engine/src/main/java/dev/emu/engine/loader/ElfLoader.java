package dev.emu.engine.loader;

import dev.emu.engine.UserError;
import dev.emu.engine.elf.ElfFile;
import dev.emu.engine.elf.ElfProgramHeader;
import dev.emu.engine.mem.GuestMemory;
import dev.emu.engine.mem.Protection;

import java.util.ArrayList;
import java.util.List;

import static dev.emu.engine.loader.AddressLayout.pageDown;
import static dev.emu.engine.loader.AddressLayout.pageUp;

/**
 * Loads a static ELF executable into guest memory the way Linux's {@code load_elf_binary} does:
 *
 * <ul>
 *   <li>every PT_LOAD is mapped over whole pages with the permissions of its p_flags; the pages
 *       hold what a file mapping would (the file bytes from the page-aligned offset, so the bytes
 *       before p_vaddr in the first page come from the file too), then the bss: when p_memsz
 *       exceeds p_filesz, the rest of the last file page and every page after it are zero;</li>
 *   <li>ET_EXEC loads at its own addresses; a static-pie ET_DYN is moved so that its lowest
 *       segment starts at {@link AddressLayout#STATIC_PIE_BASE};</li>
 *   <li>the stack is an 8 MiB mapping ending at {@link AddressLayout#STACK_TOP}, executable only
 *       when PT_GNU_STACK asks for it, holding what {@link InitialStack} writes;</li>
 *   <li>the program break starts at the page after the highest segment end.</li>
 * </ul>
 *
 * The caller has already chosen the ISA by e_machine. Programs that need a dynamic loader
 * (PT_INTERP) are refused for now.
 */
public final class ElfLoader {
    private static final int PHDR_SIZE = 56;

    private ElfLoader() {}

    public static ProgramImage load(ElfFile elf, GuestMemory memory, ExecRequest request) {
        List<ElfProgramHeader> loads = checkLoadable(elf);
        long bias = elf.type() == ElfFile.ET_DYN ? AddressLayout.STATIC_PIE_BASE - pageDown(loads.get(0).virtualAddress()) : 0;
        List<ProgramImage.Mapping> mappings = new ArrayList<>();
        long highest = 0;
        for (ElfProgramHeader ph : loads) {
            mappings.add(mapSegment(elf, memory, ph, bias, request.execFn()));
            highest = Math.max(highest, bias + ph.virtualAddress() + ph.memorySize());
        }
        int stackProt = executableStack(elf) ? Protection.RWX : Protection.RW;
        memory.map(AddressLayout.STACK_BASE, AddressLayout.STACK_SIZE, stackProt);
        mappings.add(new ProgramImage.Mapping(AddressLayout.STACK_BASE, AddressLayout.STACK_TOP, stackProt, "[stack]"));

        InitialStack stack = InitialStack.placeStrings(memory, AddressLayout.STACK_TOP, AddressLayout.STACK_SIZE, request);
        long phdr = programHeaderAddress(elf, loads, bias);
        long entry = elf.entry() + bias;
        List<AuxVector> auxv = auxiliaryVector(elf, request, phdr, entry, stack);
        long sp = stack.writeTables(auxv);
        return new ProgramImage(entry, bias, phdr, elf.programHeaders().size(), sp, pageUp(highest), mappings, auxv);
    }

    /** The order is Linux's (create_elf_tables), the architecture's entries first. */
    private static List<AuxVector> auxiliaryVector(ElfFile elf, ExecRequest request, long phdr, long entry,
                                                   InitialStack stack) {
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
        auxv.add(new AuxVector(AuxVector.AT_BASE, 0)); // no interpreter
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

    /** The PT_LOAD segments in address order, after checking the file is a static program we can place. */
    private static List<ElfProgramHeader> checkLoadable(ElfFile elf) {
        if (elf.type() != ElfFile.ET_EXEC && elf.type() != ElfFile.ET_DYN) {
            throw new UserError("not an executable program (ELF type " + elf.type() + ")");
        }
        elf.interpreter().ifPresent(interp -> {
            throw new UserError("dynamically linked programs are not supported yet (PT_INTERP " + interp + ")");
        });
        List<ElfProgramHeader> loads = new ArrayList<>();
        for (ElfProgramHeader ph : elf.programHeaders()) {
            if (ph.isLoad() && ph.memorySize() != 0) {
                loads.add(ph);
            }
        }
        if (loads.isEmpty()) {
            throw new UserError("the program has no loadable segments");
        }
        loads.sort((a, b) -> Long.compareUnsigned(a.virtualAddress(), b.virtualAddress()));
        long bias = elf.type() == ElfFile.ET_DYN ? AddressLayout.STATIC_PIE_BASE - pageDown(loads.get(0).virtualAddress()) : 0;
        for (ElfProgramHeader ph : loads) {
            checkSegment(ph, bias);
        }
        return loads;
    }

    private static void checkSegment(ElfProgramHeader ph, long bias) {
        String what = "segment " + ph.index() + " (0x" + Long.toHexString(ph.virtualAddress()) + ")";
        if (Long.compareUnsigned(ph.fileSize(), ph.memorySize()) > 0) {
            throw new UserError(what + " has more file bytes than memory bytes");
        }
        if (((ph.virtualAddress() - ph.offset()) & GuestMemory.PAGE_MASK) != 0) {
            throw new UserError(what + " has an address and file offset that differ within a page");
        }
        long start = ph.virtualAddress() + bias;
        long end = start + ph.memorySize();
        if (start < AddressLayout.MMAP_MIN || end < start || end > AddressLayout.STACK_BASE) {
            throw new UserError(what + " does not fit in the guest address space [0x"
                    + Long.toHexString(AddressLayout.MMAP_MIN) + ", 0x" + Long.toHexString(AddressLayout.STACK_BASE) + ")");
        }
        if (end - pageDown(start) > Integer.MAX_VALUE) {
            throw new UserError(what + " is larger than 2 GiB");
        }
    }

    private static ProgramImage.Mapping mapSegment(ElfFile elf, GuestMemory memory, ElfProgramHeader ph, long bias,
                                                   String name) {
        long vaddr = ph.virtualAddress() + bias;
        long start = pageDown(vaddr);
        long end = pageUp(vaddr + ph.memorySize());
        int prot = (ph.readable() ? Protection.READ : 0) | (ph.writable() ? Protection.WRITE : 0)
                | (ph.executable() ? Protection.EXEC : 0);
        memory.map(start, end - start, prot);
        long fileEnd = vaddr + ph.fileSize();
        // With a bss the file bytes stop at p_filesz (Linux zeroes the rest of that page);
        // without one the whole last page comes from the file, as a file mapping would.
        long copyEnd = ph.memorySize() > ph.fileSize() ? fileEnd : pageUp(fileEnd);
        long fileOffset = ph.offset() - (vaddr - start);
        long length = Math.max(0, Math.min(copyEnd - start, elf.fileSize() - fileOffset));
        if (ph.fileSize() > 0 && length > 0) {
            byte[] bytes = elf.bytes(fileOffset, length);
            memory.poke(start, bytes, 0, bytes.length);
        }
        return new ProgramImage.Mapping(start, end, prot, name);
    }

    /** AT_PHDR: where the program headers appear in memory, found as Linux finds it. */
    private static long programHeaderAddress(ElfFile elf, List<ElfProgramHeader> loads, long bias) {
        long phoff = elf.programHeaderOffset();
        for (ElfProgramHeader ph : loads) {
            if (ph.offset() <= phoff && phoff < ph.offset() + ph.fileSize()) {
                return phoff - ph.offset() + ph.virtualAddress() + bias;
            }
        }
        for (ElfProgramHeader ph : elf.programHeaders()) {
            if (ph.type() == ElfProgramHeader.PT_PHDR) {
                return ph.virtualAddress() + bias;
            }
        }
        return 0;
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
