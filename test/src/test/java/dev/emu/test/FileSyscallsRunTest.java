package dev.emu.test;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;


/**
 * The file, directory, pipe, poll, epoll and socket syscalls, through guest programs that print
 * what each call returned and its errno (test/guest/src/files.c, dirs.c, pipes.c, sockets.c,
 * epoll.c; golden outputs recorded from qemu-riscv64). Each runs under emu tiered and
 * interpreter-only, and beside qemu-riscv64 when it is installed. The programs work in fresh
 * directories under /tmp and remove them; stdin is /dev/null, which pipes.c polls and epoll.c
 * fails to add to an epoll (EPERM, as for any file without a poll method).
 */
class FileSyscallsRunTest {
    static final List<GoldenCases.Program> PROGRAMS = Stream.of("files", "dirs", "pipes", "sockets", "epoll")
            .map(GoldenCases::program).toList();

    static Stream<Arguments> cases() {
        return GoldenCases.inModes(PROGRAMS, List.of(GoldenCases.TIERED, GoldenCases.INTERP));
    }

    @ParameterizedTest(name = "{0} [{1}]")
    @MethodSource("cases")
    void matchesGolden(GoldenCases.Program program, String modeText, List<String> mode) throws Exception {
        GoldenCases.assertMatchesGolden(program, modeText, mode);
    }

    @ParameterizedTest(name = "{0} vs qemu")
    @MethodSource("programs")
    void matchesQemu(GoldenCases.Program program) throws Exception {
        GoldenCases.assertMatchesQemu(program, List.of());
    }

    static Stream<GoldenCases.Program> programs() {
        return PROGRAMS.stream();
    }
}
