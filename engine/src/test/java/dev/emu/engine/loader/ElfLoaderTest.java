package dev.emu.engine.loader;

import dev.emu.engine.UserError;
import dev.emu.engine.elf.ElfFile;
import dev.emu.engine.elf.ElfProgramHeader;
import dev.emu.engine.mem.GuestMemory;
import dev.emu.engine.mem.Protection;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.emu.engine.loader.AddressLayout.pageDown;
import static dev.emu.engine.loader.AddressLayout.pageUp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The loader on the real static guest programs: segments, permissions, bss, and the initial stack read back. */
class ElfLoaderTest {
    static final Path BIN = Path.of("..", "test", "guest", "bin");
    static final byte[] RANDOM = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
    static final long HWCAP_IMAFDC = (1 << 8) | (1 << 12) | 1 | (1 << 5) | (1 << 3) | (1 << 2);

    static ExecRequest request(String execFn, List<String> argv, List<String> envp) {
        return new ExecRequest(execFn, argv, envp, HWCAP_IMAFDC, 1088, 1000, 100, RANDOM);
    }

    static byte[] program(String name) throws IOException {
        Path p = BIN.resolve(name);
        Assumptions.assumeTrue(Files.exists(p), "guest program " + p + " not built");
        return Files.readAllBytes(p);
    }

    /** Every committed guest program: the libc ones in bin/ and the bare ISA tests in isa/bin/. */
    static List<Path> allPrograms() throws IOException {
        List<Path> all = new ArrayList<>();
        for (Path dir : List.of(BIN, BIN.resolveSibling("isa").resolve("bin"))) {
            if (Files.isDirectory(dir)) {
                try (var files = Files.list(dir)) {
                    files.filter(Files::isRegularFile).sorted().forEach(all::add);
                }
            }
        }
        Assumptions.assumeFalse(all.isEmpty(), "no guest programs built");
        return all;
    }

    @Test
    void mapsEverySegmentWithItsPermissionsFileBytesAndZeroedBss() throws IOException {
        for (Path path : allPrograms()) {
            String name = path.getFileName().toString();
            byte[] bytes = Files.readAllBytes(path);
            ElfFile elf = ElfFile.parse(bytes);
            if (elf.interpreter().isPresent()) {
                continue; // dynamically linked: DynamicLoadingTest
            }
            GuestMemory m = new GuestMemory();
            ProgramImage image = ElfLoader.load(elf, m, request(path.toString(), List.of(name), List.of()));
            long highest = 0;
            for (ElfProgramHeader ph : elf.programHeaders()) {
                if (!ph.isLoad()) {
                    continue;
                }
                int prot = (ph.readable() ? Protection.READ : 0) | (ph.writable() ? Protection.WRITE : 0)
                        | (ph.executable() ? Protection.EXEC : 0);
                for (long a = pageDown(ph.virtualAddress()); a < ph.virtualAddress() + ph.memorySize(); a += 4096) {
                    assertEquals(prot, m.protection(a), name + " page 0x" + Long.toHexString(a));
                }
                if (ph.memorySize() == 0) {
                    continue;
                }
                byte[] inMemory = new byte[(int) ph.fileSize()];
                m.read(ph.virtualAddress(), inMemory, 0, inMemory.length);
                assertArrayEquals(elf.contents(ph), inMemory, name + " segment " + ph.index());
                long bssEnd = pageUp(ph.virtualAddress() + ph.memorySize());
                if (ph.memorySize() > ph.fileSize()) {
                    byte[] bss = new byte[(int) (bssEnd - ph.virtualAddress() - ph.fileSize())];
                    m.read(ph.virtualAddress() + ph.fileSize(), bss, 0, bss.length);
                    assertArrayEquals(new byte[bss.length], bss, name + " bss of segment " + ph.index());
                }
                // the bytes before p_vaddr in its first page come from the file, as a file mapping gives
                // them; a segment without file bytes is anonymous memory, all zero (Linux's elf_load)
                long lead = ph.virtualAddress() - pageDown(ph.virtualAddress());
                byte[] before = new byte[(int) lead];
                m.read(pageDown(ph.virtualAddress()), before, 0, before.length);
                assertArrayEquals(ph.fileSize() == 0 ? new byte[(int) lead]
                        : Arrays.copyOfRange(bytes, (int) (ph.offset() - lead), (int) ph.offset()), before, name);
                highest = Math.max(highest, ph.virtualAddress() + ph.memorySize());
            }
            assertEquals(pageUp(highest), image.brkStart(), name);
            assertFalse(m.isMapped(image.brkStart()), name + ": brk starts on an unmapped page");
            assertEquals(0, image.loadBias());
            assertEquals(elf.entry(), image.entry());
        }
    }

    @Test
    void helloBreakStartsWhereLinuxPutsIt() throws IOException {
        // qemu-riscv64 -strace bin/hello: "brk(NULL) = 0x000000000007d000"
        ProgramImage image = ElfLoader.load(ElfFile.parse(program("hello")), new GuestMemory(),
                request("hello", List.of("hello"), List.of()));
        assertEquals(0x7d000, image.brkStart());
    }

    @Test
    void initialStackHoldsArgcArgvEnvpAuxvStringsAndRandomBytesAsLinuxLaysThemOut() throws IOException {
        byte[] bytes = program("hello");
        ElfFile elf = ElfFile.parse(bytes);
        GuestMemory m = new GuestMemory();
        List<String> argv = List.of("bin/hello", "two words", "\u00fcml\u00e4ut", "");
        List<String> envp = List.of("HOME=/root", "LANG=C.UTF-8");
        ProgramImage image = ElfLoader.load(elf, m, request("bin/hello", argv, envp));
        long sp = image.stackPointer();
        assertEquals(0, sp & 15, "sp is 16-byte aligned");
        assertEquals(Protection.RW, m.protection(sp));
        assertEquals(Protection.RW, m.protection(AddressLayout.STACK_BASE));
        assertEquals(Protection.RW, m.protection(AddressLayout.STACK_TOP - 1));
        assertFalse(m.isMapped(AddressLayout.STACK_TOP));
        assertFalse(m.isMapped(AddressLayout.STACK_BASE - 1));

        long p = sp;
        assertEquals(argv.size(), GuestMemory.load64(m, p));
        p += 8;
        long[] argvPtrs = new long[argv.size()];
        for (int i = 0; i < argv.size(); i++, p += 8) {
            argvPtrs[i] = GuestMemory.load64(m, p);
            assertEquals(argv.get(i), string(m, argvPtrs[i]));
        }
        assertEquals(0, GuestMemory.load64(m, p));
        p += 8;
        long[] envPtrs = new long[envp.size()];
        for (int i = 0; i < envp.size(); i++, p += 8) {
            envPtrs[i] = GuestMemory.load64(m, p);
            assertEquals(envp.get(i), string(m, envPtrs[i]));
        }
        assertEquals(0, GuestMemory.load64(m, p));
        p += 8;
        List<AuxVector> auxv = new ArrayList<>();
        while (true) {
            AuxVector a = new AuxVector((int) GuestMemory.load64(m, p), GuestMemory.load64(m, p + 8));
            auxv.add(a);
            p += 16;
            if (a.type() == AuxVector.AT_NULL) {
                break;
            }
        }
        assertEquals(image.auxv(), auxv);
        List<Integer> order = auxv.stream().map(AuxVector::type).toList();
        assertEquals(List.of(AuxVector.AT_MINSIGSTKSZ, AuxVector.AT_HWCAP, AuxVector.AT_PAGESZ, AuxVector.AT_CLKTCK,
                AuxVector.AT_PHDR, AuxVector.AT_PHENT, AuxVector.AT_PHNUM, AuxVector.AT_BASE, AuxVector.AT_FLAGS,
                AuxVector.AT_ENTRY, AuxVector.AT_UID, AuxVector.AT_EUID, AuxVector.AT_GID, AuxVector.AT_EGID,
                AuxVector.AT_SECURE, AuxVector.AT_RANDOM, AuxVector.AT_EXECFN, AuxVector.AT_NULL), order);

        assertEquals(1088, image.aux(AuxVector.AT_MINSIGSTKSZ));
        assertEquals(0x112d, image.aux(AuxVector.AT_HWCAP));
        assertEquals(4096, image.aux(AuxVector.AT_PAGESZ));
        assertEquals(100, image.aux(AuxVector.AT_CLKTCK));
        assertEquals(56, image.aux(AuxVector.AT_PHENT));
        assertEquals(elf.programHeaders().size(), image.aux(AuxVector.AT_PHNUM));
        assertEquals(0, image.aux(AuxVector.AT_BASE));
        assertEquals(0, image.aux(AuxVector.AT_FLAGS));
        assertEquals(elf.entry(), image.aux(AuxVector.AT_ENTRY));
        assertEquals(1000, image.aux(AuxVector.AT_UID));
        assertEquals(1000, image.aux(AuxVector.AT_EUID));
        assertEquals(100, image.aux(AuxVector.AT_GID));
        assertEquals(100, image.aux(AuxVector.AT_EGID));
        assertEquals(0, image.aux(AuxVector.AT_SECURE));
        // AT_PHDR: the program header table as the file has it, inside the first segment (0x10000 + e_phoff)
        long phdr = image.aux(AuxVector.AT_PHDR);
        assertEquals(0x10040, phdr);
        byte[] table = new byte[elf.programHeaders().size() * 56];
        m.read(phdr, table, 0, table.length);
        assertArrayEquals(Arrays.copyOfRange(bytes, (int) elf.programHeaderOffset(),
                (int) elf.programHeaderOffset() + table.length), table);
        long random = image.aux(AuxVector.AT_RANDOM);
        byte[] r = new byte[16];
        m.read(random, r, 0, 16);
        assertArrayEquals(RANDOM, r);
        assertEquals(0, random & 15);

        // Strings from the top: 8 zero bytes, the exec name, envp strings, argv strings; random bytes below.
        long execFn = image.aux(AuxVector.AT_EXECFN);
        assertEquals("bin/hello", string(m, execFn));
        assertEquals(AddressLayout.STACK_TOP - 8 - "bin/hello".length() - 1, execFn);
        assertEquals(0, GuestMemory.load64(m, AddressLayout.STACK_TOP - 8));
        assertEquals(execFn, envPtrs[envp.size() - 1] + envp.get(envp.size() - 1).length() + 1);
        assertEquals(envPtrs[0], argvPtrs[argv.size() - 1] + utf8(argv.get(argv.size() - 1)) + 1);
        for (int i = 1; i < argv.size(); i++) {
            assertEquals(argvPtrs[i], argvPtrs[i - 1] + utf8(argv.get(i - 1)) + 1);
        }
        assertEquals((argvPtrs[0] & ~15L) - 16, random);
        assertTrue(p <= random && random - p < 16, "only alignment padding between auxv and the random bytes");
    }

    @Test
    void staticPieLoadsAtTheFixedBias() throws IOException {
        byte[] bytes = program("hello").clone();
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putShort(16, (short) ElfFile.ET_DYN);
        ElfFile elf = ElfFile.parse(bytes);
        GuestMemory m = new GuestMemory();
        ProgramImage image = ElfLoader.load(elf, m, request("pie", List.of("pie"), List.of()));
        long bias = AddressLayout.ET_DYN_BASE - 0x10000;
        assertEquals(bias, image.loadBias());
        assertEquals(elf.entry() + bias, image.entry());
        assertEquals(elf.entry() + bias, image.aux(AuxVector.AT_ENTRY));
        assertEquals(0x10040 + bias, image.aux(AuxVector.AT_PHDR));
        assertEquals(0, image.aux(AuxVector.AT_BASE));
        assertEquals(Protection.RX, m.protection(AddressLayout.ET_DYN_BASE));
        assertFalse(m.isMapped(0x10000));
        assertEquals(0x7d000 + bias, image.brkStart());
    }

    /** hello with its first program header turned into a PT_INTERP naming interp. */
    static byte[] withInterpreter(String interp) throws IOException {
        byte[] bytes = program("hello").clone();
        ElfFile original = ElfFile.parse(bytes);
        ElfProgramHeader first = original.programHeaders().get(0); // PT_RISCV_ATTRIBUTES: make it a PT_INTERP
        byte[] s = (interp + "\0").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(s, 0, bytes, (int) first.offset(), s.length);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int ph = (int) original.programHeaderOffset();
        b.putInt(ph, ElfProgramHeader.PT_INTERP).putLong(ph + 32, s.length);
        return bytes;
    }

    @Test
    void aMissingInterpreterIsAUserErrorThatSuggestsMinusL(@TempDir Path emptyRoot) throws IOException {
        String interp = "/emu-test/no/such/ld.so.1";
        ElfFile elf = ElfFile.parse(withInterpreter(interp));
        UserError e = assertThrows(UserError.class,
                () -> ElfLoader.load(elf, null, new GuestMemory(), request("x", List.of("x"), List.of()), Sysroot.none()));
        assertTrue(e.getMessage().contains(interp) && e.getMessage().contains("-L"), e.getMessage());
        UserError inRoot = assertThrows(UserError.class, () -> ElfLoader.load(elf, null, new GuestMemory(),
                request("x", List.of("x"), List.of()), Sysroot.of(emptyRoot.toString())));
        assertTrue(inRoot.getMessage().contains(interp) && inRoot.getMessage().contains(emptyRoot.toString()),
                inRoot.getMessage());
    }

    @Test
    void anInterpreterThatIsNotAnElfLoaderIsRefused(@TempDir Path root) throws IOException {
        Path lib = Files.createDirectories(root.resolve("lib"));
        Files.write(lib.resolve("ld.so"), "not an ELF file at all, just text".getBytes(StandardCharsets.US_ASCII));
        ElfFile elf = ElfFile.parse(withInterpreter("/lib/ld.so"));
        assertThrows(UserError.class, () -> ElfLoader.load(elf, null, new GuestMemory(),
                request("x", List.of("x"), List.of()), Sysroot.of(root.toString())));
    }

    @Test
    void executableStackOnlyWhenGnuStackAsks() throws IOException {
        byte[] bytes = program("hello").clone();
        ElfFile elf = ElfFile.parse(bytes);
        ElfProgramHeader gnuStack = elf.programHeaders().stream()
                .filter(h -> h.type() == ElfProgramHeader.PT_GNU_STACK).findFirst().orElseThrow();
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN)
                .putInt((int) elf.programHeaderOffset() + gnuStack.index() * 56 + 4, 7);
        GuestMemory m = new GuestMemory();
        ElfLoader.load(ElfFile.parse(bytes), m, request("x", List.of("x"), List.of()));
        assertEquals(Protection.RWX, m.protection(AddressLayout.STACK_TOP - 1));
    }

    @Test
    void refusesArgumentsLargerThanAQuarterOfTheStack() throws IOException {
        ElfFile elf = ElfFile.parse(program("hello"));
        String big = "x".repeat((int) (AddressLayout.STACK_SIZE / 4));
        assertThrows(UserError.class, () -> ElfLoader.load(elf, new GuestMemory(), request("x", List.of(big), List.of())));
    }

    @Test
    void refusesObjectFilesAndSegmentsOutsideTheAddressSpace() throws IOException {
        byte[] rel = program("hello").clone();
        ByteBuffer.wrap(rel).order(ByteOrder.LITTLE_ENDIAN).putShort(16, (short) ElfFile.ET_REL);
        assertThrows(UserError.class,
                () -> ElfLoader.load(ElfFile.parse(rel), new GuestMemory(), request("x", List.of("x"), List.of())));
        byte[] high = program("hello").clone();
        ElfFile elf = ElfFile.parse(high);
        ElfProgramHeader load = elf.programHeaders().stream().filter(ElfProgramHeader::isLoad).findFirst().orElseThrow();
        // move the text segment onto the stack
        ByteBuffer.wrap(high).order(ByteOrder.LITTLE_ENDIAN)
                .putLong((int) elf.programHeaderOffset() + load.index() * 56 + 16, AddressLayout.STACK_BASE);
        UserError e = assertThrows(UserError.class,
                () -> ElfLoader.load(ElfFile.parse(high), new GuestMemory(), request("x", List.of("x"), List.of())));
        assertTrue(e.getMessage().contains("does not fit"), e.getMessage());
    }

    static String string(GuestMemory m, long addr) {
        byte[] buf = new byte[4096];
        int n = 0;
        while ((buf[n] = (byte) GuestMemory.load8(m, addr + n)) != 0) {
            n++;
        }
        return new String(buf, 0, n, StandardCharsets.UTF_8);
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
