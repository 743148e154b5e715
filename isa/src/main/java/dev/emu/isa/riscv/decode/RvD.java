package dev.emu.isa.riscv.decode;

import java.util.List;

/** Decode table: to be filled. */
public final class RvD implements EncodingTable {

    @Override
    public List<Encoding> encodings() {
        return new TableBuilder(Extension.D)
                .build();
    }
}
