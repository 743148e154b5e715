package dev.emu.engine.loader;

import dev.emu.engine.elf.ElfFile;
import dev.emu.engine.elf.ElfProgramHeader;
import dev.emu.engine.mem.GuestMemory;
import dev.emu.engine.mem.Protection;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static dev.emu.engine.loader.AddressLayout.pageDown;
import static dev.emu.engine.loader.AddressLayout.pageUp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The loader on the committed dynamically linked programs with the riscv64 sysroot's ld.so:
 * where the program and its interpreter go, the entry point, the auxiliary vector and the
 * mappings' names. The expected addresses are derived from the ELF files and Linux's rules
 * (ELF_ET_DYN_BASE for a PIE, the first mmap slot below the mmap top for ld.so).
 */
class DynamicLoadingTest {
    static final Path SYSROOT = Path.of("/usr/riscv64-linux-gnu");
    static final Path LDSO = SYSROOT.resolve("lib/ld-linux-riscv64-lp64d.so.1");

    static ProgramImage load(String name, GuestMemory m) throws IOException {
        Assumptions.assumeTrue(Files.isRegularFile(LDSO), "no riscv64 sysroot at " + SYSROOT);
        Path path = ElfLoaderTest.BIN.resolve(name);
        Assumptions.assumeTrue(Files.exists(path), "guest program " + path + " not built");
        return ElfLoader.load(ElfFile.read(path), path, m, ElfLoaderTest.request(name, List.of(name), List.of()),
                Sysroot.of(SYSROOT.toString()));
    }

    static long end(ElfFile elf) {
        long end = 0;
        for (ElfProgramHeader ph : elf.programHeaders()) {
            if (ph.isLoad()) {
                end = Math.max(end, ph.virtualAddress() + ph.memorySize());
            }
        }
        return pageUp(end);
    }

    @Test
    void aPieGoesToTheDynBaseAndItsInterpreterRightBelowTheMmapTop() throws IOException {
        GuestMemory m = new GuestMemory();
        ProgramImage image = load("dynlink", m);
        ElfFile program = ElfFile.read(ElfLoaderTest.BIN.resolve("dynlink"));
        ElfFile ldso = ElfFile.read(LDSO);
        assertEquals(ElfFile.ET_DYN, program.type());
        long interpBase = AddressLayout.MMAP_TOP - end(ldso);
        assertEquals(interpBase, image.aux(AuxVector.AT_BASE));
        assertEquals(ldso.entry() + interpBase, image.entry(), "execution starts in ld.so");
        assertEquals(AddressLayout.ET_DYN_BASE, image.loadBias());
        assertEquals(program.entry() + AddressLayout.ET_DYN_BASE, image.aux(AuxVector.AT_ENTRY));
        assertEquals(program.programHeaderOffset() + AddressLayout.ET_DYN_BASE, image.aux(AuxVector.AT_PHDR));
        assertEquals(AddressLayout.ET_DYN_BASE + end(program), image.brkStart());
        for (ElfProgramHeader ph : ldso.programHeaders()) {
            if (ph.isLoad() && ph.fileSize() > 0) {
                byte[] inMemory = new byte[(int) ph.fileSize()];
                m.read(interpBase + ph.virtualAddress(), inMemory, 0, inMemory.length);
                byte[] inFile = Arrays.copyOfRange(Files.readAllBytes(LDSO), (int) ph.offset(),
                        (int) (ph.offset() + ph.fileSize()));
                assertArrayEquals(inFile, inMemory, "ld.so segment " + ph.index());
                assertEquals(ph.executable(), (m.protection(interpBase + ph.virtualAddress()) & Protection.EXEC) != 0);
            }
        }
    }

    @Test
    void mappingsNameTheirFilesWithOffsetsAndTheBssIsAnonymous() throws IOException {
        ProgramImage image = load("dynlink", new GuestMemory());
        Path realLdso = LDSO.toRealPath();
        Path realProgram = ElfLoaderTest.BIN.resolve("dynlink").toRealPath();
        List<ProgramImage.Mapping> ld = image.mappings().stream()
                .filter(x -> x.file() != null && x.file().path().equals(realLdso)).toList();
        ElfFile ldso = ElfFile.read(LDSO);
        List<ElfProgramHeader> loads = ldso.programHeaders().stream().filter(ElfProgramHeader::isLoad).toList();
        assertEquals(loads.size(), ld.size());
        for (int i = 0; i < loads.size(); i++) {
            assertEquals(pageDown(loads.get(i).offset()), ld.get(i).offset());
            assertEquals(realLdso.toString(), ld.get(i).name());
            assertTrue(ld.get(i).file().inode() != 0);
        }
        assertTrue(image.mappings().stream().anyMatch(x -> x.file() != null && x.file().path().equals(realProgram)
                && (x.prot() & Protection.EXEC) != 0));
        // ld.so's data segment has a bss past its last file page: anonymous, as Linux lists it
        ElfProgramHeader data = loads.get(loads.size() - 1);
        long base = image.aux(AuxVector.AT_BASE);
        long filePagesEnd = pageUp(base + data.virtualAddress() + data.fileSize());
        if (pageUp(base + data.virtualAddress() + data.memorySize()) > filePagesEnd) {
            assertTrue(image.mappings().stream().anyMatch(x -> x.start() == filePagesEnd && x.file() == null));
        }
    }

    @Test
    void aNonPieProgramStaysAtItsAddresses() throws IOException {
        ProgramImage image = load("dynlink-nopie", new GuestMemory());
        ElfFile program = ElfFile.read(ElfLoaderTest.BIN.resolve("dynlink-nopie"));
        assertEquals(ElfFile.ET_EXEC, program.type());
        assertEquals(0, image.loadBias());
        assertEquals(program.entry(), image.aux(AuxVector.AT_ENTRY));
        assertEquals(end(program), image.brkStart());
        assertTrue(image.aux(AuxVector.AT_BASE) > AddressLayout.ET_DYN_BASE);
    }
}
