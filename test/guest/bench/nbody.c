/* Floating-point simulation: the Sun and the four giant planets pulling on each other, advanced
 * with a symplectic Euler step (double-precision add, multiply, divide and square root).
 * Argument: time steps (default 1000000). Prints the system's energy before and after, whose
 * digits depend on every rounding of every step. */
#include <math.h>
#include <stdio.h>
#include "common.h"

#define BODIES 5
#define PI 3.141592653589793
#define SOLAR_MASS (4 * PI * PI)
#define DAYS_PER_YEAR 365.24

struct body {
    double x, y, z, vx, vy, vz, mass;
};

/* Positions in AU, velocities in AU per day (scaled to per year below), masses in solar masses. */
static struct body bodies[BODIES] = {
    {0, 0, 0, 0, 0, 0, SOLAR_MASS},
    {4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01,
     1.66007664274403694e-03, 7.69901118419740425e-03, -6.90460016972063023e-05,
     9.54791938424326609e-04},
    {8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01,
     -2.76742510726862411e-03, 4.99852801234917238e-03, 2.30417297573763929e-05,
     2.85885980666130812e-04},
    {1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01,
     2.96460137564761618e-03, 2.37847173959480950e-03, -2.96589568540237556e-05,
     4.36624404335156298e-05},
    {1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01,
     2.68067772490389322e-03, 1.62824170038242295e-03, -9.51592254519715870e-05,
     5.15138902046611451e-05},
};

static void prepare(void) {
    double px = 0, py = 0, pz = 0;
    for (int i = 0; i < BODIES; i++) {
        struct body *b = &bodies[i];
        if (i > 0) {
            b->vx *= DAYS_PER_YEAR; b->vy *= DAYS_PER_YEAR; b->vz *= DAYS_PER_YEAR;
            b->mass *= SOLAR_MASS;
        }
        px += b->vx * b->mass; py += b->vy * b->mass; pz += b->vz * b->mass;
    }
    /* Give the Sun the momentum that makes the system's total zero, so it does not drift. */
    bodies[0].vx = -px / SOLAR_MASS;
    bodies[0].vy = -py / SOLAR_MASS;
    bodies[0].vz = -pz / SOLAR_MASS;
}

static double energy(void) {
    double e = 0;
    for (int i = 0; i < BODIES; i++) {
        struct body *a = &bodies[i];
        e += 0.5 * a->mass * (a->vx * a->vx + a->vy * a->vy + a->vz * a->vz);
        for (int j = i + 1; j < BODIES; j++) {
            struct body *b = &bodies[j];
            double dx = a->x - b->x, dy = a->y - b->y, dz = a->z - b->z;
            e -= a->mass * b->mass / sqrt(dx * dx + dy * dy + dz * dz);
        }
    }
    return e;
}

static void advance(double dt) {
    for (int i = 0; i < BODIES; i++) {
        struct body *a = &bodies[i];
        for (int j = i + 1; j < BODIES; j++) {
            struct body *b = &bodies[j];
            double dx = a->x - b->x, dy = a->y - b->y, dz = a->z - b->z;
            double distance_squared = dx * dx + dy * dy + dz * dz;
            double magnitude = dt / (distance_squared * sqrt(distance_squared));
            a->vx -= dx * b->mass * magnitude; a->vy -= dy * b->mass * magnitude; a->vz -= dz * b->mass * magnitude;
            b->vx += dx * a->mass * magnitude; b->vy += dy * a->mass * magnitude; b->vz += dz * a->mass * magnitude;
        }
    }
    for (int i = 0; i < BODIES; i++) {
        struct body *b = &bodies[i];
        b->x += dt * b->vx; b->y += dt * b->vy; b->z += dt * b->vz;
    }
}

int main(int argc, char **argv) {
    long steps = bench_size(argc, argv, 1000000, "time steps");
    prepare();
    printf("nbody %ld steps\nenergy before %.12f\n", steps, energy());
    for (long i = 0; i < steps; i++) advance(0.01);
    printf("energy after  %.12f\nsun at %.17g %.17g %.17g\n", energy(), bodies[0].x, bodies[0].y, bodies[0].z);
    return 0;
}
