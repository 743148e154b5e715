package dev.emu.engine.elf;

import dev.emu.engine.UserError;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ELF reader on hand-built images (good and broken) and, when present, a real guest program. */
class ElfFileTest {
    static final Path HELLO = Path.of("..", "test", "guest", "bin", "hello");

    /**
     * A minimal RISC-V executable: one PT_LOAD, sections null/.text/.symtab/.strtab/.shstrtab/
     * .riscv.attributes/.bss, two symbols. Offsets are fixed so tests can damage fields.
     */
    static byte[] tiny() {
        ByteBuffer b = ByteBuffer.allocate(0x400).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
        b.putShort(16, (short) ElfFile.ET_EXEC).putShort(18, (short) ElfFile.EM_RISCV).putInt(20, 1);
        b.putLong(24, 0x10078).putLong(32, 64).putLong(40, 0x200).putInt(48, ElfFile.EF_RISCV_RVC);
        b.putShort(52, (short) 64).putShort(54, (short) 56).putShort(56, (short) 1);
        b.putShort(58, (short) 64).putShort(60, (short) 7).putShort(62, (short) 4);
        // PT_LOAD r-x covering the file's first 0x100 bytes at 0x10000.
        b.putInt(64, ElfProgramHeader.PT_LOAD).putInt(68, ElfProgramHeader.PF_R | ElfProgramHeader.PF_X)
                .putLong(72, 0).putLong(80, 0x10000).putLong(88, 0x10000).putLong(96, 0x100).putLong(104, 0x100)
                .putLong(112, 0x1000);
        b.putInt(0x78, 0x00000013).putInt(0x7c, 0x00008067); // .text: nop; ret
        // .symtab at 0x100: null, main (FUNC GLOBAL in .text), file (FILE LOCAL ABS)
        b.putInt(0x118, 1).put(0x11c, (byte) 0x12).putShort(0x11e, (short) 1).putLong(0x120, 0x10078).putLong(0x128, 8);
        b.putInt(0x130, 6).put(0x134, (byte) 0x04).putShort(0x136, (short) 0xfff1);
        put(b, 0x148, "\0main\0t.c\0"); // .strtab
        put(b, 0x160, "\0.text\0.symtab\0.strtab\0.shstrtab\0.riscv.attributes\0.bss\0"); // .shstrtab
        byte[] attrs = attributes("rv64i2p1_m2p0_c2p0_zicsr2p0", 1, 11);
        b.position(0x1a0);
        b.put(attrs);
        section(b, 1, 1, ElfSection.SHT_PROGBITS, ElfSection.SHF_ALLOC | ElfSection.SHF_EXECINSTR, 0x10078, 0x78, 8, 0, 0, 0);
        section(b, 2, 7, ElfSection.SHT_SYMTAB, 0, 0, 0x100, 72, 3, 2, 24);
        section(b, 3, 15, ElfSection.SHT_STRTAB, 0, 0, 0x148, 10, 0, 0, 0);
        section(b, 4, 23, ElfSection.SHT_STRTAB, 0, 0, 0x160, 0x38, 0, 0, 0);
        section(b, 5, 33, ElfSection.SHT_RISCV_ATTRIBUTES, 0, 0, 0x1a0, attrs.length, 0, 0, 0);
        section(b, 6, 51, ElfSection.SHT_NOBITS, ElfSection.SHF_ALLOC | ElfSection.SHF_WRITE, 0x11000, 0x3f0, 0x10000, 0, 0, 0);
        return b.array();
    }

    private static void put(ByteBuffer b, int at, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < bytes.length; i++) {
            b.put(at + i, bytes[i]);
        }
    }

    private static void section(ByteBuffer b, int index, int name, int type, long flags, long addr, long off, long size,
                                int link, int info, long entsize) {
        int p = 0x200 + index * 64;
        b.putInt(p, name).putInt(p + 4, type).putLong(p + 8, flags).putLong(p + 16, addr).putLong(p + 24, off)
                .putLong(p + 32, size).putInt(p + 40, link).putInt(p + 44, info).putLong(p + 48, 1).putLong(p + 56, entsize);
    }

    /** A 'A' attributes section with one "riscv" subsection holding Tag_File attributes. */
    static byte[] attributes(String arch, int privMajor, int privMinor) {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(ElfAttributes.TAG_RISCV_STACK_ALIGN);
        file.write(16);
        file.write(ElfAttributes.TAG_RISCV_ARCH);
        file.writeBytes(arch.getBytes(StandardCharsets.US_ASCII));
        file.write(0);
        file.write(ElfAttributes.TAG_RISCV_PRIV_SPEC);
        file.write(privMajor);
        file.write(ElfAttributes.TAG_RISCV_PRIV_SPEC_MINOR);
        file.write(privMinor);
        byte[] attrs = file.toByteArray();
        ByteBuffer sub = ByteBuffer.allocate(4 + 6 + 5 + attrs.length).order(ByteOrder.LITTLE_ENDIAN);
        sub.putInt(sub.capacity()).put("riscv\0".getBytes(StandardCharsets.US_ASCII));
        sub.put((byte) ElfAttributes.TAG_FILE).putInt(5 + attrs.length).put(attrs);
        byte[] out = new byte[1 + sub.capacity()];
        out[0] = 'A';
        System.arraycopy(sub.array(), 0, out, 1, sub.capacity());
        return out;
    }

    @Test
    void readsAHandBuiltExecutable() {
        ElfFile elf = ElfFile.parse(tiny());
        assertEquals(ElfFile.ET_EXEC, elf.type());
        assertEquals(ElfFile.EM_RISCV, elf.machine());
        assertEquals(0x10078, elf.entry());
        assertEquals(ElfFile.EF_RISCV_RVC, elf.flags());

        ElfProgramHeader load = elf.programHeaders().get(0);
        assertTrue(load.isLoad() && load.readable() && load.executable() && !load.writable());
        assertEquals(0x10000, load.virtualAddress());
        assertEquals(0x100, elf.contents(load).length);

        List<ElfSection> sections = elf.sections();
        assertEquals(7, sections.size());
        ElfSection text = elf.section(".text").orElseThrow();
        assertTrue(text.isExecutable() && text.isAlloc() && !text.isWritable());
        assertEquals(0x10078, text.address());
        assertEquals(0x00000013, ByteBuffer.wrap(elf.contents(text)).order(ByteOrder.LITTLE_ENDIAN).getInt());
        assertTrue(text.containsAddress(0x1007f) && !text.containsAddress(0x10080));
        ElfSection bss = elf.section(".bss").orElseThrow();
        assertFalse(bss.hasFileData());
        assertEquals(0, elf.contents(bss).length, "NOBITS has no file bytes even when its offset is past the end");

        List<ElfSymbol> symbols = elf.symbols();
        assertEquals(2, symbols.size());
        ElfSymbol main = symbols.get(0);
        assertEquals("main", main.name());
        assertEquals(0x10078, main.value());
        assertEquals(8, main.size());
        assertEquals(ElfSymbol.STT_FUNC, main.type());
        assertEquals(ElfSymbol.STB_GLOBAL, main.binding());
        assertEquals(1, main.sectionIndex());
        ElfSymbol file = symbols.get(1);
        assertEquals("t.c", file.name());
        assertEquals(ElfSymbol.STT_FILE, file.type());
        assertTrue(file.isAbsolute());
        assertTrue(elf.dynamicSymbols().isEmpty());

        ElfAttributes attrs = elf.riscvAttributes().orElseThrow();
        assertEquals("rv64i2p1_m2p0_c2p0_zicsr2p0", attrs.riscvArch().orElseThrow());
        assertEquals("1.11", attrs.riscvPrivSpec().orElseThrow());
        assertEquals(16, attrs.integer(ElfAttributes.TAG_RISCV_STACK_ALIGN).getAsLong());
        assertTrue(elf.interpreter().isEmpty());
    }

    @Test
    void rejectsFilesThatAreNotElf() {
        assertMessage("not an ELF file", new byte[0]);
        assertMessage("not an ELF file", "#!/bin/sh\necho hi\n".getBytes(StandardCharsets.US_ASCII));
        assertMessage("not an ELF file", new byte[] {0x7f, 'E', 'L'});
    }

    @Test
    void rejectsOtherClassesAndByteOrders() {
        byte[] elf32 = Arrays.copyOf(tiny(), 0x400);
        elf32[4] = 1;
        assertMessage("not a 64-bit little-endian ELF (class 1, data 1)", elf32);
        byte[] bigEndian = tiny();
        bigEndian[5] = 2;
        assertMessage("not a 64-bit little-endian ELF (class 2, data 2)", bigEndian);
    }

    @Test
    void rejectsTruncatedHeaders() {
        assertMessage("truncated ELF header (5 bytes)", Arrays.copyOf(tiny(), 5));
        assertMessage("truncated ELF header (40 bytes, need 64)", Arrays.copyOf(tiny(), 40));
        assertMessage("program header table extends past the end of the file", Arrays.copyOf(tiny(), 100));
        byte[] badPhentsize = tiny();
        badPhentsize[54] = 32;
        assertMessage("bad program header size 32 (expected 56)", badPhentsize);
    }

    @Test
    void reportsCorruptSectionAndSymbolTablesWhenAskedFor() {
        // The header and segments are fine, so the file opens; the damage shows when sections are read.
        ElfFile truncated = ElfFile.parse(Arrays.copyOf(tiny(), 0x300));
        assertEquals(1, truncated.programHeaders().size());
        assertThrowsMessage("section header table extends past the end of the file", truncated::sections);

        ElfFile badSection = ElfFile.parse(edit(b -> b.putLong(0x200 + 64 + 32, 0x10000)));
        assertThrowsMessage("section .text extends past the end of the file", badSection::sections);

        ElfFile badStrndx = ElfFile.parse(edit(b -> b.putShort(62, (short) 9)));
        assertThrowsMessage("section name table index 9 is out of range (7 sections)", badStrndx::sections);

        ElfFile badName = ElfFile.parse(edit(b -> b.putInt(0x118, 5000)));
        assertThrowsMessage("symbol 1 name in .symtab is outside its string table (offset 5000)", badName::symbols);

        ElfFile badEntsize = ElfFile.parse(edit(b -> b.putLong(0x200 + 2 * 64 + 56, 16)));
        assertThrowsMessage("symbol table .symtab has entry size 16 (expected 24)", badEntsize::symbols);

        ElfFile badAttrs = ElfFile.parse(edit(b -> b.putInt(0x1a1, 0x7fff)));
        assertThrowsMessage("corrupt .riscv.attributes section: subsection length 32767 at offset 1 runs past its end",
                badAttrs::riscvAttributes);
    }

    @Test
    void readNamesTheFile(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path script = dir.resolve("script.sh");
        Files.writeString(script, "#!/bin/sh\n");
        UserError e = assertThrows(UserError.class, () -> ElfFile.read(script));
        assertEquals(script + ": not an ELF file", e.getMessage());
        UserError missing = assertThrows(UserError.class, () -> ElfFile.read(dir.resolve("nope")));
        assertEquals(dir.resolve("nope") + ": no such file", missing.getMessage());
    }

    /** Random damage to a real program's headers and tables: a UserError or a result, never another exception. */
    @Test
    void damagedFilesFailOnlyWithUserErrors() throws IOException {
        byte[] original = Files.exists(HELLO) ? Files.readAllBytes(HELLO) : tiny();
        ElfFile good = ElfFile.parse(original);
        long shoff = ByteBuffer.wrap(original).order(ByteOrder.LITTLE_ENDIAN).getLong(40);
        SplittableRandom random = new SplittableRandom(42);
        int userErrors = 0;
        for (int i = 0; i < 400; i++) {
            byte[] bytes = original.clone();
            int edits = 1 + random.nextInt(4);
            for (int k = 0; k < edits; k++) {
                int where = switch (random.nextInt(3)) {
                    case 0 -> random.nextInt(64 + 56 * good.programHeaders().size());
                    case 1 -> (int) shoff + random.nextInt(Math.max(1, original.length - (int) shoff));
                    default -> random.nextInt(original.length);
                };
                bytes[where] = (byte) random.nextInt(256);
            }
            if (random.nextInt(8) == 0) {
                bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length));
            }
            try {
                ElfFile elf = ElfFile.parse(bytes);
                elf.interpreter();
                elf.sections();
                elf.symbols();
                elf.dynamicSymbols();
                elf.riscvAttributes();
                for (ElfSection s : elf.sections()) {
                    elf.contents(s);
                }
            } catch (UserError e) {
                userErrors++;
                assertFalse(e.getMessage().contains("\n"), "one-line message: " + e.getMessage());
            }
        }
        assertTrue(userErrors > 0, "some damage must be detected");
    }

    @Test
    void readsARealGuestProgram() throws Exception {
        Assumptions.assumeTrue(Files.exists(HELLO), "guest program not built");
        ElfFile elf = ElfFile.read(HELLO);
        assertEquals(ElfFile.EM_RISCV, elf.machine());
        assertEquals(ElfFile.ET_EXEC, elf.type());
        assertTrue(elf.interpreter().isEmpty(), "static program");
        ElfSection text = elf.section(".text").orElseThrow();
        assertTrue(text.containsAddress(elf.entry()), "entry point in .text");
        assertTrue(elf.programHeaders().stream().anyMatch(p -> p.isLoad() && p.executable()
                && Long.compareUnsigned(elf.entry() - p.virtualAddress(), p.memorySize()) < 0));
        ElfSymbol main = elf.symbols().stream().filter(s -> s.name().equals("main")).findFirst().orElseThrow();
        assertTrue(main.isFunction() && text.containsAddress(main.value()));
        assertEquals(text.index(), main.sectionIndex());
        String arch = elf.riscvAttributes().flatMap(ElfAttributes::riscvArch).orElseThrow();
        assertTrue(arch.startsWith("rv64i"), arch);
        String readelf = run("riscv64-linux-gnu-readelf", "-hSsA", "-W", HELLO.toString());
        Assumptions.assumeTrue(readelf != null, "readelf not installed");
        assertTrue(readelf.contains(String.format("Entry point address:               0x%x", elf.entry())));
        assertTrue(readelf.contains("Number of section headers:         " + elf.sections().size()));
        assertTrue(readelf.contains("'.symtab' contains " + (elf.symbols().size() + 1) + " entries"));
        assertTrue(readelf.contains("Tag_RISCV_arch: \"" + arch + "\""));
        String priv = elf.riscvAttributes().orElseThrow().riscvPrivSpec().orElseThrow();
        assertTrue(readelf.contains("Tag_RISCV_priv_spec: " + priv.split("\\.")[0]));
    }

    private static String run(String... cmd) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static byte[] edit(Consumer<ByteBuffer> change) {
        ByteBuffer b = ByteBuffer.wrap(tiny()).order(ByteOrder.LITTLE_ENDIAN);
        change.accept(b);
        return b.array();
    }

    private static void assertMessage(String expected, byte[] bytes) {
        assertThrowsMessage(expected, () -> ElfFile.parse(bytes));
    }

    private static void assertThrowsMessage(String expected, Runnable action) {
        UserError e = assertThrows(UserError.class, action::run);
        assertTrue(e.getMessage().startsWith(expected), "message: " + e.getMessage());
    }
}
