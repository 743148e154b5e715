package dev.emu.engine.ir;

/**
 * The IR's operations, as one table: how many value inputs each takes, whether it produces a
 * value, and its effects. Passes read the flags, never the names. Values are 64-bit integers;
 * floating-point values travel as raw bits and are worked on by helpers.
 *
 * <p>Division and remainder are total: dividing by zero gives all ones (quotient) or the
 * dividend (remainder), and the one overflowing signed case gives the dividend (quotient) or
 * zero (remainder). A frontend whose ISA traps instead guards them.
 */
public enum Opcode {
    // name        inputs result flags
    CONST(0, true, Opcode.PURE),
    /** Reads guest register slot {@code aux}. */
    GET(0, true, Opcode.READS_REGS),
    /** Writes input 0 to guest register slot {@code aux}. */
    SET(1, false, Opcode.WRITES_REGS),

    ADD(2, true, Opcode.PURE),
    SUB(2, true, Opcode.PURE),
    MUL(2, true, Opcode.PURE),
    /** High 64 bits of the signed x signed 128-bit product. */
    MULH(2, true, Opcode.PURE),
    /** High 64 bits of the unsigned x unsigned product. */
    MULHU(2, true, Opcode.PURE),
    /** High 64 bits of the signed x unsigned product. */
    MULHSU(2, true, Opcode.PURE),
    DIV(2, true, Opcode.PURE),
    DIVU(2, true, Opcode.PURE),
    REM(2, true, Opcode.PURE),
    REMU(2, true, Opcode.PURE),
    AND(2, true, Opcode.PURE),
    OR(2, true, Opcode.PURE),
    XOR(2, true, Opcode.PURE),
    /** Shifts use the low 6 bits of the amount. */
    SHL(2, true, Opcode.PURE),
    SHR(2, true, Opcode.PURE),
    SAR(2, true, Opcode.PURE),
    SEXT8(1, true, Opcode.PURE),
    SEXT16(1, true, Opcode.PURE),
    SEXT32(1, true, Opcode.PURE),
    ZEXT8(1, true, Opcode.PURE),
    ZEXT16(1, true, Opcode.PURE),
    ZEXT32(1, true, Opcode.PURE),
    /** 1 when {@code cond} ({@code aux}) holds between inputs 0 and 1, else 0. */
    SETCC(2, true, Opcode.PURE),
    /** Input 1 when input 0 is non-zero, else input 2. */
    SELECT(3, true, Opcode.PURE),

    /** Loads {@code aux & 0xf} bytes (1, 2, 4, 8) from address input 0; signed when aux has SIGNED. */
    LOAD(1, true, Opcode.MAY_FAULT | Opcode.MEMORY),
    /** Stores the low {@code aux} bytes of input 1 at address input 0. */
    STORE(2, false, Opcode.MAY_FAULT | Opcode.MEMORY | Opcode.SIDE_EFFECT),
    /** Calls {@link Helper} {@code helper} with the inputs; the helper's own flags apply. */
    CALL(-1, true, Opcode.SIDE_EFFECT),
    /**
     * Calls void {@link Helper} {@code helper} with inputs 2.. when cond {@code aux} holds between
     * inputs 0 and 1 (a plugin's conditional callback); the helper's own flags apply.
     */
    CALL_IF(-1, false, Opcode.SIDE_EFFECT),

    // Plugin inline operations on the running vCPU's scoreboard row: cpu.scoreboards[aux][imm].
    /** Adds input 0 to slot {@code imm} of scoreboard {@code aux}. */
    SCOREBOARD_ADD(1, false, Opcode.SIDE_EFFECT),
    /** Stores input 0 into slot {@code imm} of scoreboard {@code aux}. */
    SCOREBOARD_STORE(1, false, Opcode.SIDE_EFFECT),
    /** Reads slot {@code imm} of scoreboard {@code aux} (removable when unused, never folded). */
    SCOREBOARD_GET(0, true, Opcode.MEMORY),

    /** Marks the start of guest instruction {@code imm} ({@code aux}: its length). */
    INSN_START(0, false, Opcode.SIDE_EFFECT),
    /** Leaves the block for guest address {@code imm} when cond {@code aux} holds between inputs. */
    EXIT_IF(2, false, Opcode.SIDE_EFFECT | Opcode.BRANCH),
    /** Leaves the block for the guest address {@code imm}: a direct, chainable jump. */
    GOTO(0, false, Opcode.SIDE_EFFECT | Opcode.ENDS_BLOCK),
    /** Leaves the block for the guest address in input 0. */
    GOTO_INDIRECT(1, false, Opcode.SIDE_EFFECT | Opcode.ENDS_BLOCK),
    /** Leaves the block to the run loop with {@link ExitReason} {@code aux}, pc {@code imm}. */
    EXIT(0, false, Opcode.SIDE_EFFECT | Opcode.ENDS_BLOCK);

    public static final int PURE = 0;
    public static final int READS_REGS = 1;
    public static final int WRITES_REGS = 1 << 1;
    public static final int MAY_FAULT = 1 << 2;
    public static final int MEMORY = 1 << 3;
    public static final int SIDE_EFFECT = 1 << 4;
    public static final int BRANCH = 1 << 5;
    public static final int ENDS_BLOCK = 1 << 6;

    /** LOAD's aux flag for sign extension. */
    public static final int SIGNED = 0x10;

    private final int inputs;
    private final boolean hasResult;
    private final int flags;

    Opcode(int inputs, boolean hasResult, int flags) {
        this.inputs = inputs;
        this.hasResult = hasResult;
        this.flags = flags;
    }

    /** The number of value inputs, or -1 when it varies (CALL). */
    public int inputs() {
        return inputs;
    }

    public boolean hasResult() {
        return hasResult;
    }

    public boolean is(int flag) {
        return (flags & flag) != 0;
    }

    /** True when the op may be removed if its result is unused. */
    /** True for the ops that call a {@link Helper} (CALL, CALL_IF). */
    public boolean callsHelper() {
        return this == CALL || this == CALL_IF;
    }

    public boolean isRemovable() {
        return (flags & (SIDE_EFFECT | WRITES_REGS | MAY_FAULT)) == 0;
    }
}
