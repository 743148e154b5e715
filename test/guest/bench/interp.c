/* An interpreter's inner loop: a stack-based bytecode VM whose dispatch is one `switch` in a
 * loop (an indirect jump through a table per bytecode, the pattern of CPython, Lua or a JVM
 * interpreter). The bytecode program, assembled below, repeats three kernels: a sieve of
 * Eratosthenes over VM memory, recursive Fibonacci (VM calls and returns) and Collatz step
 * counting (data-dependent branches).
 * Argument: repetitions (default 300). Prints the VM's result and the bytecodes executed. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "common.h"

enum opcode {
    OP_HALT, OP_PUSH, OP_POP, OP_DUP,
    OP_LOAD, OP_STORE,          /* local variable of the current frame (operand: index) */
    OP_MEM_LOAD, OP_MEM_STORE,  /* VM memory: [addr] -> [value], [addr value] -> [] */
    OP_ADD, OP_SUB, OP_MUL, OP_AND, OP_SHR, OP_LT, OP_EQ,
    OP_JMP, OP_JZ, OP_JNZ,      /* operand: absolute target */
    OP_CALL,                    /* operands: target, argument count; arguments become locals 0.. */
    OP_RET,                     /* return value on top of the stack */
    OP_INC,                     /* local += 1 (operand: index); a "superinstruction" */
};

#define CODE_MAX 1024
#define LABEL_MAX 32
#define STACK_MAX 4096
#define FRAME_LOCALS 8
#define CALL_DEPTH_MAX 256
#define MEMORY_WORDS 4096

/* A tiny assembler with forward labels, so the program below reads like assembly. */
static int32_t code[CODE_MAX];
static int code_length;
static int label_address[LABEL_MAX];
static struct { int at, label; } fixups[CODE_MAX];
static int fixup_count;

static void emit(int32_t word) { code[code_length++] = word; }
static void op(enum opcode o) { emit(o); }
static void op_arg(enum opcode o, int32_t arg) { emit(o); emit(arg); }
static void jump(enum opcode o, int label) {
    emit(o);
    fixups[fixup_count].at = code_length;
    fixups[fixup_count++].label = label;
    emit(-1);
}
static void call(int label, int argc) { jump(OP_CALL, label); emit(argc); }
static void label(int l) { label_address[l] = code_length; }
static void link(void) {
    for (int i = 0; i < fixup_count; i++) code[fixups[i].at] = label_address[fixups[i].label];
}

enum label {
    MAIN, MAIN_LOOP,
    SIEVE, SIEVE_CLEAR, SIEVE_OUTER, SIEVE_INNER, SIEVE_NEXT, SIEVE_DONE,
    FIB, FIB_SMALL,
    COLLATZ, COLLATZ_OUTER, COLLATZ_INNER, COLLATZ_EVEN, COLLATZ_NEXT, COLLATZ_DONE,
};

static void assemble(void) {
    /* main(repetitions): acc = 0; do { acc += sieve(2000) + fib(15) + collatz(300) } while (--repetitions) */
    enum { REPS = 0, ACC = 1 };
    label(MAIN);
    op_arg(OP_PUSH, 0); op_arg(OP_STORE, ACC);
    label(MAIN_LOOP);
    op_arg(OP_PUSH, 2000); call(SIEVE, 1);
    op_arg(OP_PUSH, 15); call(FIB, 1); op(OP_ADD);
    op_arg(OP_PUSH, 300); call(COLLATZ, 1); op(OP_ADD);
    op_arg(OP_LOAD, ACC); op(OP_ADD); op_arg(OP_STORE, ACC);
    op_arg(OP_LOAD, REPS); op_arg(OP_PUSH, 1); op(OP_SUB); op(OP_DUP); op_arg(OP_STORE, REPS);
    jump(OP_JNZ, MAIN_LOOP);
    op_arg(OP_LOAD, ACC); op(OP_HALT);

    /* sieve(n): number of primes below n */
    enum { N = 0, I = 1, J = 2, COUNT = 3 };
    label(SIEVE);
    op_arg(OP_PUSH, 0); op_arg(OP_STORE, I);
    label(SIEVE_CLEAR);
    op_arg(OP_LOAD, I); op_arg(OP_PUSH, 1); op(OP_MEM_STORE);
    op_arg(OP_INC, I);
    op_arg(OP_LOAD, I); op_arg(OP_LOAD, N); op(OP_LT); jump(OP_JNZ, SIEVE_CLEAR);
    op_arg(OP_PUSH, 0); op_arg(OP_STORE, COUNT);
    op_arg(OP_PUSH, 2); op_arg(OP_STORE, I);
    label(SIEVE_OUTER);
    op_arg(OP_LOAD, I); op_arg(OP_LOAD, N); op(OP_LT); jump(OP_JZ, SIEVE_DONE);
    op_arg(OP_LOAD, I); op(OP_MEM_LOAD); jump(OP_JZ, SIEVE_NEXT);
    op_arg(OP_INC, COUNT);
    op_arg(OP_LOAD, I); op(OP_DUP); op(OP_MUL); op_arg(OP_STORE, J);
    label(SIEVE_INNER);
    op_arg(OP_LOAD, J); op_arg(OP_LOAD, N); op(OP_LT); jump(OP_JZ, SIEVE_NEXT);
    op_arg(OP_LOAD, J); op_arg(OP_PUSH, 0); op(OP_MEM_STORE);
    op_arg(OP_LOAD, J); op_arg(OP_LOAD, I); op(OP_ADD); op_arg(OP_STORE, J);
    jump(OP_JMP, SIEVE_INNER);
    label(SIEVE_NEXT);
    op_arg(OP_INC, I); jump(OP_JMP, SIEVE_OUTER);
    label(SIEVE_DONE);
    op_arg(OP_LOAD, COUNT); op(OP_RET);

    /* fib(n): n < 2 ? n : fib(n - 1) + fib(n - 2) */
    label(FIB);
    op_arg(OP_LOAD, 0); op_arg(OP_PUSH, 2); op(OP_LT); jump(OP_JNZ, FIB_SMALL);
    op_arg(OP_LOAD, 0); op_arg(OP_PUSH, 1); op(OP_SUB); call(FIB, 1);
    op_arg(OP_LOAD, 0); op_arg(OP_PUSH, 2); op(OP_SUB); call(FIB, 1);
    op(OP_ADD); op(OP_RET);
    label(FIB_SMALL);
    op_arg(OP_LOAD, 0); op(OP_RET);

    /* collatz(k): total Collatz steps to reach 1 from every m in 1..k-1 */
    enum { K = 0, M = 1, X = 2, STEPS = 3 };
    label(COLLATZ);
    op_arg(OP_PUSH, 0); op_arg(OP_STORE, STEPS);
    op_arg(OP_PUSH, 1); op_arg(OP_STORE, M);
    label(COLLATZ_OUTER);
    op_arg(OP_LOAD, M); op_arg(OP_LOAD, K); op(OP_LT); jump(OP_JZ, COLLATZ_DONE);
    op_arg(OP_LOAD, M); op_arg(OP_STORE, X);
    label(COLLATZ_INNER);
    op_arg(OP_LOAD, X); op_arg(OP_PUSH, 1); op(OP_EQ); jump(OP_JNZ, COLLATZ_NEXT);
    op_arg(OP_INC, STEPS);
    op_arg(OP_LOAD, X); op_arg(OP_PUSH, 1); op(OP_AND); jump(OP_JZ, COLLATZ_EVEN);
    op_arg(OP_LOAD, X); op_arg(OP_PUSH, 3); op(OP_MUL); op_arg(OP_PUSH, 1); op(OP_ADD);
    op_arg(OP_STORE, X); jump(OP_JMP, COLLATZ_INNER);
    label(COLLATZ_EVEN);
    op_arg(OP_LOAD, X); op_arg(OP_PUSH, 1); op(OP_SHR); op_arg(OP_STORE, X);
    jump(OP_JMP, COLLATZ_INNER);
    label(COLLATZ_NEXT);
    op_arg(OP_INC, M); jump(OP_JMP, COLLATZ_OUTER);
    label(COLLATZ_DONE);
    op_arg(OP_LOAD, STEPS); op(OP_RET);

    link();
}

static int64_t stack[STACK_MAX];
static int64_t locals[CALL_DEPTH_MAX * FRAME_LOCALS];
static int return_address[CALL_DEPTH_MAX];
static int64_t memory[MEMORY_WORDS];

/* Runs from `pc` with `argument` as local 0 of the first frame; returns the value HALT leaves. */
static int64_t run(int pc, int64_t argument, uint64_t *executed) {
    int sp = 0, depth = 0;
    int64_t *frame = locals;
    uint64_t count = 0;
    frame[0] = argument;
    for (;;) {
        count++;
        switch ((enum opcode)code[pc++]) {
        case OP_HALT: *executed = count; return stack[sp - 1];
        case OP_PUSH: stack[sp++] = code[pc++]; break;
        case OP_POP: sp--; break;
        case OP_DUP: stack[sp] = stack[sp - 1]; sp++; break;
        case OP_LOAD: stack[sp++] = frame[code[pc++]]; break;
        case OP_STORE: frame[code[pc++]] = stack[--sp]; break;
        case OP_INC: frame[code[pc++]]++; break;
        case OP_MEM_LOAD: stack[sp - 1] = memory[stack[sp - 1] & (MEMORY_WORDS - 1)]; break;
        case OP_MEM_STORE: memory[stack[sp - 2] & (MEMORY_WORDS - 1)] = stack[sp - 1]; sp -= 2; break;
        case OP_ADD: sp--; stack[sp - 1] += stack[sp]; break;
        case OP_SUB: sp--; stack[sp - 1] -= stack[sp]; break;
        case OP_MUL: sp--; stack[sp - 1] *= stack[sp]; break;
        case OP_AND: sp--; stack[sp - 1] &= stack[sp]; break;
        case OP_SHR: sp--; stack[sp - 1] = (int64_t)((uint64_t)stack[sp - 1] >> stack[sp]); break;
        case OP_LT: sp--; stack[sp - 1] = stack[sp - 1] < stack[sp]; break;
        case OP_EQ: sp--; stack[sp - 1] = stack[sp - 1] == stack[sp]; break;
        case OP_JMP: pc = code[pc]; break;
        case OP_JZ: pc = stack[--sp] == 0 ? code[pc] : pc + 1; break;
        case OP_JNZ: pc = stack[--sp] != 0 ? code[pc] : pc + 1; break;
        case OP_CALL: {
            int target = code[pc], argc = code[pc + 1];
            return_address[depth++] = pc + 2;
            frame += FRAME_LOCALS;
            sp -= argc;
            for (int i = 0; i < argc; i++) frame[i] = stack[sp + i];
            pc = target;
            break;
        }
        case OP_RET:
            frame -= FRAME_LOCALS;
            pc = return_address[--depth];
            break;
        default:
            printf("bad opcode %d at %d\n", code[pc - 1], pc - 1);
            exit(1);
        }
    }
}

int main(int argc, char **argv) {
    long repetitions = bench_size(argc, argv, 300, "repetitions of the bytecode kernels");
    assemble();
    uint64_t executed;
    int64_t result = run(label_address[MAIN], repetitions, &executed);
    printf("interp %ld repetitions, %d words of bytecode\nresult %lld\nbytecodes executed %llu\n",
           repetitions, code_length, (long long)result, (unsigned long long)executed);
    /* Per repetition: 303 primes below 2000, fib(15) = 610, and the Collatz steps below 300. */
    return result % repetitions == 0 ? 0 : 1;
}
