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
 * Maps the PT_LOAD segments of one ELF object (the program or its interpreter) at a load bias,
 * as Linux's {@code elf_load} does: each segment over whole pages with the permissions of its
 * p_flags, holding what a file mapping would (the file bytes from the page-aligned offset, so
 * the bytes before p_vaddr in the first page come from the file too), then the bss. When
 * p_memsz exceeds p_filesz the rest of the last file page is zeroed and the pages after it are
 * anonymous memory, which /proc/self/maps lists apart from the file's pages.
 */
final class SegmentMapper {
    private SegmentMapper() {}

    /** What mapping one object gave: its bias, the span of its segments and the mappings made. */
    record Placed(long bias, long end, List<ProgramImage.Mapping> mappings) {}

    /** The PT_LOAD segments that take memory, in address order; refuses an object with none. */
    static List<ElfProgramHeader> loads(ElfFile elf, String what) {
        List<ElfProgramHeader> loads = new ArrayList<>();
        for (ElfProgramHeader ph : elf.programHeaders()) {
            if (ph.isLoad() && ph.memorySize() != 0) {
                loads.add(ph);
            }
        }
        if (loads.isEmpty()) {
            throw new UserError(what + " has no loadable segments");
        }
        loads.sort((a, b) -> Long.compareUnsigned(a.virtualAddress(), b.virtualAddress()));
        return loads;
    }

    /** The bytes from the first segment's page to the end of the last: what the object occupies. */
    static long span(List<ElfProgramHeader> loads) {
        long end = 0;
        for (ElfProgramHeader ph : loads) {
            end = Math.max(end, ph.virtualAddress() + ph.memorySize());
        }
        long size = pageUp(end) - pageDown(loads.get(0).virtualAddress());
        if (size <= 0 || size > AddressLayout.STACK_BASE) {
            throw new UserError("the segments span more than the guest address space");
        }
        return size;
    }

    /** The largest p_align of the segments (at least a page), which Linux aligns an ET_DYN base to. */
    static long alignment(List<ElfProgramHeader> loads) {
        long align = GuestMemory.PAGE_SIZE;
        for (ElfProgramHeader ph : loads) {
            if (Long.bitCount(ph.align()) == 1 && ph.align() > align && ph.align() <= (1L << 30)) {
                align = ph.align();
            }
        }
        return align;
    }

    /** Checks every segment fits at the bias, then maps them all. */
    static Placed map(ElfFile elf, List<ElfProgramHeader> loads, long bias, GuestMemory memory, MappedFile file,
                      String name) {
        for (ElfProgramHeader ph : loads) {
            check(ph, bias);
        }
        List<ProgramImage.Mapping> mappings = new ArrayList<>();
        long highest = 0;
        for (ElfProgramHeader ph : loads) {
            mapSegment(elf, memory, ph, bias, file, name, mappings);
            highest = Math.max(highest, bias + ph.virtualAddress() + ph.memorySize());
        }
        return new Placed(bias, highest, mappings);
    }

    private static void check(ElfProgramHeader ph, long bias) {
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

    private static void mapSegment(ElfFile elf, GuestMemory memory, ElfProgramHeader ph, long bias, MappedFile file,
                                   String name, List<ProgramImage.Mapping> out) {
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
        long filePagesEnd = ph.fileSize() == 0 ? start : pageUp(fileEnd);
        if (filePagesEnd > start) {
            out.add(new ProgramImage.Mapping(start, filePagesEnd, prot, name, file, fileOffset));
        }
        if (end > filePagesEnd) {
            out.add(new ProgramImage.Mapping(filePagesEnd, end, prot, ""));
        }
    }

    /** AT_PHDR: where the program headers appear in memory, found as Linux finds it. */
    static long programHeaderAddress(ElfFile elf, List<ElfProgramHeader> loads, long bias) {
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
}
