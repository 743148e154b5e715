package dev.emu.engine.elf;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The file-scope build attributes of one vendor from an attributes section such as
 * {@code .riscv.attributes} (format version 'A': length-prefixed vendor subsections holding
 * tag/value pairs). RISC-V records the ISA string the code was built for (Tag_RISCV_arch) and
 * the privileged-spec version there; objdump picks the instruction set to decode from them.
 *
 * <p>Values are ULEB128 integers for even tags and NUL-terminated strings for odd tags (the
 * gABI convention RISC-V follows); Tag_compatibility (32) carries both, kept as its string.
 */
public final class ElfAttributes {
    public static final int TAG_FILE = 1;
    public static final int TAG_COMPATIBILITY = 32;

    public static final int TAG_RISCV_STACK_ALIGN = 4;
    public static final int TAG_RISCV_ARCH = 5;
    public static final int TAG_RISCV_UNALIGNED_ACCESS = 6;
    public static final int TAG_RISCV_PRIV_SPEC = 8;
    public static final int TAG_RISCV_PRIV_SPEC_MINOR = 10;
    public static final int TAG_RISCV_PRIV_SPEC_REVISION = 12;

    private final Map<Integer, Object> values;

    private ElfAttributes(Map<Integer, Object> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** Every file-scope attribute, by tag: a {@code Long} or a {@code String}. */
    public Map<Integer, Object> all() {
        return values;
    }

    public Optional<String> string(int tag) {
        return values.get(tag) instanceof String s ? Optional.of(s) : Optional.empty();
    }

    public OptionalLong integer(int tag) {
        return values.get(tag) instanceof Long l ? OptionalLong.of(l) : OptionalLong.empty();
    }

    /** Tag_RISCV_arch, e.g. {@code rv64i2p1_m2p0_a2p1_f2p2_d2p2_c2p0_zicsr2p0}. */
    public Optional<String> riscvArch() {
        return string(TAG_RISCV_ARCH);
    }

    /** The privileged spec version as major.minor[.revision], when Tag_RISCV_priv_spec is present. */
    public Optional<String> riscvPrivSpec() {
        OptionalLong major = integer(TAG_RISCV_PRIV_SPEC);
        if (major.isEmpty()) {
            return Optional.empty();
        }
        long minor = integer(TAG_RISCV_PRIV_SPEC_MINOR).orElse(0);
        long revision = integer(TAG_RISCV_PRIV_SPEC_REVISION).orElse(0);
        return Optional.of(major.getAsLong() + "." + minor + (revision != 0 ? "." + revision : ""));
    }

    /**
     * Parses an attributes section and keeps the file-scope attributes of {@code vendor}
     * ({@code "riscv"} for RISC-V). Section- and symbol-scope attributes are skipped.
     */
    public static ElfAttributes parse(byte[] data, String sectionName, String vendor) {
        Reader r = new Reader(data, sectionName);
        Map<Integer, Object> values = new LinkedHashMap<>();
        if (data.length == 0) {
            return new ElfAttributes(values);
        }
        if (data[0] != 'A') {
            throw r.corrupt("unknown format version 0x" + Integer.toHexString(data[0] & 0xff));
        }
        int pos = 1;
        while (pos < data.length) {
            long length = r.u32(pos);
            if (length < 4 || length > data.length - pos) {
                throw r.corrupt("subsection length " + length + " at offset " + pos + " runs past its end");
            }
            int end = pos + (int) length;
            int namePos = pos + 4;
            String name = r.string(namePos, end);
            if (name.equals(vendor)) {
                readSubsection(r, namePos + name.length() + 1, end, values);
            }
            pos = end;
        }
        return new ElfAttributes(values);
    }

    private static void readSubsection(Reader r, int pos, int end, Map<Integer, Object> values) {
        while (pos < end) {
            int start = pos;
            long[] tag = r.uleb(pos, end);
            pos = (int) tag[1];
            long size = r.u32(pos, end);
            if (size < pos + 4 - start || size > end - start) {
                throw r.corrupt("attribute block size " + size + " at offset " + start + " is out of range");
            }
            int blockEnd = start + (int) size;
            pos += 4;
            if (tag[0] == TAG_FILE) {
                readAttributes(r, pos, blockEnd, values);
            }
            pos = blockEnd;
        }
    }

    private static void readAttributes(Reader r, int pos, int end, Map<Integer, Object> values) {
        while (pos < end) {
            long[] tag = r.uleb(pos, end);
            pos = (int) tag[1];
            int t = (int) tag[0];
            if (t == TAG_COMPATIBILITY) {
                pos = (int) r.uleb(pos, end)[1];
            }
            if (t == TAG_COMPATIBILITY || (t & 1) != 0) {
                String s = r.string(pos, end);
                values.put(t, s);
                pos += s.getBytes(StandardCharsets.ISO_8859_1).length + 1;
            } else {
                long[] v = r.uleb(pos, end);
                values.put(t, v[0]);
                pos = (int) v[1];
            }
        }
    }

    /** Bounds-checked little-endian reads that fail with a message naming the section. */
    private record Reader(byte[] data, String section) {
        ElfFormatException corrupt(String what) {
            return new ElfFormatException("corrupt " + section + " section: " + what);
        }

        long u32(int pos) {
            return u32(pos, data.length);
        }

        long u32(int pos, int end) {
            if (pos < 0 || pos > end - 4) {
                throw corrupt("truncated at offset " + pos);
            }
            return (data[pos] & 0xffL) | (data[pos + 1] & 0xffL) << 8 | (data[pos + 2] & 0xffL) << 16
                    | (data[pos + 3] & 0xffL) << 24;
        }

        /** Returns {value, position after it}. */
        long[] uleb(int pos, int end) {
            long value = 0;
            for (int shift = 0; ; shift += 7) {
                if (pos >= end) {
                    throw corrupt("truncated number at offset " + pos);
                }
                int b = data[pos++] & 0xff;
                if (shift < 64) {
                    value |= (long) (b & 0x7f) << shift;
                }
                if ((b & 0x80) == 0) {
                    return new long[] {value, pos};
                }
            }
        }

        String string(int pos, int end) {
            for (int i = pos; i < end; i++) {
                if (data[i] == 0) {
                    return new String(data, pos, i - pos, StandardCharsets.ISO_8859_1);
                }
            }
            throw corrupt("unterminated string at offset " + pos);
        }
    }
}
