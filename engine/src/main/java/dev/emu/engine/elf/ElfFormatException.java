package dev.emu.engine.elf;

import dev.emu.engine.UserError;

/**
 * The input is not an ELF file emu can read, or its headers are truncated or inconsistent. A
 * {@link UserError} because the file is the user's, not a bug of emu: the message is one line
 * naming what is wrong (and, from {@link ElfFile#read}, the file).
 */
public final class ElfFormatException extends UserError {
    private static final long serialVersionUID = 1L;

    public ElfFormatException(String message) {
        super(message);
    }
}
