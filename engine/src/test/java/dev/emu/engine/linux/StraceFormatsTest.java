package dev.emu.engine.linux;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The argument decoders, on values whose qemu-riscv64 7.2 -strace text was recorded from sockets.c and files.c. */
class StraceFormatsTest {
    @Test
    void flagSetsPrintNamesThenTheRestInHex() {
        assertEquals("0", StraceFormats.atFlags(0));
        assertEquals("AT_REMOVEDIR", StraceFormats.atFlags(0x200));
        assertEquals("AT_SYMLINK_NOFOLLOW|0x1", StraceFormats.atFlags(0x101));
        assertEquals("0x4", StraceFormats.atFlags(4));
        assertEquals("STATX_BASIC_STATS", StraceFormats.statxMask(0x7ff));
    }

    @Test
    void socketArgumentsAsQemuNamesThem() {
        assertEquals("PF_INET", StraceFormats.socketDomain(2));
        assertEquals("10", StraceFormats.socketDomain(10));
        assertEquals("SOCK_STREAM|SOCK_CLOEXEC|SOCK_NONBLOCK", StraceFormats.socketType(1 | 0x80000 | 0x800));
        assertEquals("SOCK_DGRAM", StraceFormats.socketType(2));
        assertEquals("IPPROTO_IP", StraceFormats.socketProtocol(0));
        assertEquals("IPPROTO_UDP", StraceFormats.socketProtocol(17));
    }
}
