package dev.emu.engine.elf;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * GNU symbol versioning of the dynamic symbols: {@code .gnu.version} (one 16-bit index per
 * .dynsym entry, bit 15 meaning hidden), {@code .gnu.version_d} (versions this file defines)
 * and {@code .gnu.version_r} (versions it needs from libraries).
 */
public final class ElfVersions {
    public static final int SHT_GNU_VERDEF = 0x6ffffffd;
    public static final int SHT_GNU_VERNEED = 0x6ffffffe;
    public static final int SHT_GNU_VERSYM = 0x6fffffff;
    public static final int HIDDEN = 0x8000;
    public static final int VER_FLG_BASE = 0x1;

    /** A version this file defines. */
    public record Definition(int index, int flags, String name) {}

    private final int[] versym;
    private final Map<Integer, Definition> definitions;
    private final Map<Integer, String> needed;
    private final int definitionCount;

    private ElfVersions(int[] versym, Map<Integer, Definition> definitions, int definitionCount, Map<Integer, String> needed) {
        this.versym = versym;
        this.definitions = definitions;
        this.definitionCount = definitionCount;
        this.needed = needed;
    }

    private boolean hasTables;

    /** Whether the file has a version table and a definition or need section. */
    public boolean present() {
        return versym != null && hasTables;
    }

    /** The raw .gnu.version entry of dynamic symbol {@code index} (0 when there is none). */
    public int versym(int index) {
        return versym != null && index >= 0 && index < versym.length ? versym[index] : 0;
    }

    /** The definition with this index (1-based, as versym entries refer to it), if any. */
    public Definition definition(int index) {
        return definitions.get(index);
    }

    /** The highest definition index. */
    public int definitionCount() {
        return definitionCount;
    }

    /** The name of a needed version by its versym index ({@code vna_other}), or null. */
    public String needed(int index) {
        return needed.get(index);
    }

    static ElfVersions read(ElfFile elf) {
        int[] versym = null;
        Map<Integer, Definition> defs = new HashMap<>();
        Map<Integer, String> needs = new HashMap<>();
        int maxDef = 0;
        boolean tables = false;
        for (ElfSection s : elf.sections()) {
            switch (s.type()) {
                case SHT_GNU_VERSYM -> {
                    byte[] b = elf.contents(s);
                    versym = new int[b.length / 2];
                    for (int i = 0; i < versym.length; i++) {
                        versym[i] = (b[2 * i] & 0xff) | (b[2 * i + 1] & 0xff) << 8;
                    }
                }
                case SHT_GNU_VERDEF -> {
                    tables = true;
                    byte[] b = elf.contents(s);
                    byte[] strings = linked(elf, s);
                    long p = 0;
                    for (int n = 0; n < s.info() && p + 20 <= b.length; n++) {
                        int flags = u16(b, p + 2);
                        int ndx = u16(b, p + 4);
                        long aux = p + u32(b, p + 12);
                        String name = aux + 8 <= b.length ? string(strings, u32(b, aux)) : null;
                        defs.put(ndx & 0x7fff, new Definition(ndx & 0x7fff, flags, name));
                        maxDef = Math.max(maxDef, ndx & 0x7fff);
                        long next = u32(b, p + 16);
                        if (next == 0) {
                            break;
                        }
                        p += next;
                    }
                }
                case SHT_GNU_VERNEED -> {
                    tables = true;
                    byte[] b = elf.contents(s);
                    byte[] strings = linked(elf, s);
                    long p = 0;
                    for (int n = 0; n < s.info() && p + 16 <= b.length; n++) {
                        int count = u16(b, p + 2);
                        long a = p + u32(b, p + 8);
                        for (int k = 0; k < count && a + 16 <= b.length; k++) {
                            needs.putIfAbsent(u16(b, a + 6), string(strings, u32(b, a + 8)));
                            long next = u32(b, a + 12);
                            if (next == 0) {
                                break;
                            }
                            a += next;
                        }
                        long next = u32(b, p + 12);
                        if (next == 0) {
                            break;
                        }
                        p += next;
                    }
                }
                default -> {
                    // Not a version section.
                }
            }
        }
        ElfVersions v = new ElfVersions(versym, defs, maxDef, needs);
        v.hasTables = tables;
        return v;
    }

    private static byte[] linked(ElfFile elf, ElfSection s) {
        if (s.link() <= 0 || s.link() >= elf.sections().size()) {
            throw new ElfFormatException("version section " + s.name() + " links to missing string table " + s.link());
        }
        return elf.contents(elf.sections().get(s.link()));
    }

    private static String string(byte[] table, long offset) {
        if (offset < 0 || offset >= table.length) {
            return null;
        }
        int end = (int) offset;
        while (end < table.length && table[end] != 0) {
            end++;
        }
        return new String(table, (int) offset, end - (int) offset, StandardCharsets.UTF_8);
    }

    private static int u16(byte[] b, long p) {
        return (b[(int) p] & 0xff) | (b[(int) p + 1] & 0xff) << 8;
    }

    private static long u32(byte[] b, long p) {
        if (p < 0 || p + 4 > b.length) {
            return 0;
        }
        return (b[(int) p] & 0xffL) | (b[(int) p + 1] & 0xffL) << 8 | (b[(int) p + 2] & 0xffL) << 16
                | (b[(int) p + 3] & 0xffL) << 24;
    }
}
