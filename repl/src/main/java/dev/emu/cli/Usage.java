package dev.emu.cli;

/** The text of {@code emu --help} and {@code emu --version}, laid out like qemu-riscv64's. */
final class Usage {
    private Usage() {}

    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v != null ? v : "development";
    }

    static String versionLine() {
        return "emu version " + version() + " (RISC-V 64 Linux user mode, Java " + Runtime.version().feature() + ")";
    }

    static String text() {
        return """
                usage: emu [options] program [arguments...]
                A scriptable instrumentation emulator for RISC-V 64 Linux programs (riscv64).

                Options:

                Argument             Description
                -h, -help            print this help and exit
                -version             print the version and exit
                -disas file          print the instructions of every executable section of the
                                     ELF file, line for line as 'riscv64-linux-gnu-objdump -d'
                -M options           with -disas: comma-separated 'no-aliases' (canonical names
                                     only) and 'numeric' (x0..x31, f0..f31), as objdump's -M

                Options take one or two leading dashes (-help and --help are the same).
                Defaults: the guest is a riscv64 ELF executable; running guests arrives with
                the execution engine (see docs/cli.md for what each release supports).
                """;
    }
}
