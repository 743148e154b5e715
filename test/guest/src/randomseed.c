/*
 * Prints the 16 AT_RANDOM bytes the kernel (or emu) put on the stack and 16 bytes from
 * getrandom: with -seed N both must be the same on every run, and differ for another seed.
 */
#include <stdio.h>
#include <sys/auxv.h>
#include <sys/random.h>

static void hex(const char *what, const unsigned char *b, int n) {
    printf("%s:", what);
    for (int i = 0; i < n; i++) {
        printf(" %02x", b[i]);
    }
    printf("\n");
}

int main(void) {
    hex("AT_RANDOM", (const unsigned char *) getauxval(AT_RANDOM), 16);
    unsigned char buf[16];
    if (getrandom(buf, sizeof buf, 0) != (ssize_t) sizeof buf) {
        perror("getrandom");
        return 1;
    }
    hex("getrandom", buf, sizeof buf);
    return 0;
}
