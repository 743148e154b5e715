/* The README's example: prints a greeting and its arguments. */
#include <stdio.h>

int main(int argc, char **argv) {
    printf("Hello from RISC-V!\n");
    for (int i = 1; i < argc; i++) {
        printf("argv[%d] = %s\n", i, argv[i]);
    }
    return 0;
}
