package dev.emu.isa.riscv.decode;

import java.util.ArrayList;
import java.util.List;

/**
 * All decode tables, in the order rows are tried. Only rows that can match the same word need
 * an order between them: full-size words meet base, F and D rows and the Zicsr aliases on the
 * SYSTEM opcode (base aliases first, then F's {@code frflags} family, then {@code csrr} and
 * friends); compressed words meet only the C table, which orders itself.
 */
public final class RiscvEncodings {
    private RiscvEncodings() {}

    public static final List<EncodingTable> TABLES = List.of(
            new Rv64i(), new Zifencei(), new RvA(), new RvM(), new RvF(), new RvD(), new RvC(),
            new Zbb(), new Zba(), new Zbc(), new Zbs(), new Zicsr(), new Privileged());

    private static final List<Encoding> ALL = collect();

    private static List<Encoding> collect() {
        List<Encoding> all = new ArrayList<>();
        for (EncodingTable table : TABLES) {
            all.addAll(table.encodings());
        }
        return List.copyOf(all);
    }

    /** Every row of every table, in trial order. */
    public static List<Encoding> all() {
        return ALL;
    }
}
