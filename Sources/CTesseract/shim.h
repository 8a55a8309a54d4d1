#ifndef DIARIUM_CTESSERACT_SHIM_H
#define DIARIUM_CTESSERACT_SHIM_H
// The C API only: the C++ headers behind it would drag Tesseract's class
// hierarchy into the module for nothing.
#include <tesseract/capi.h>
#include <dlfcn.h>

// Debian builds Tesseract with OpenMP, and its LSTM asks for four threads
// per line whatever the caller wants; on a batch already running `--jobs`
// documents that oversubscribes the cores (measured: 3× slower on 2 cores).
// OMP_THREAD_LIMIT is read when libgomp loads, before any Swift code runs,
// so setting it from the process is too late. Allowing zero active parallel
// levels makes every parallel region run on the calling thread. Looked up at
// run time so a Tesseract built without OpenMP needs no libgomp at link time.
// Returns 1 when OpenMP was present and is now serial.
static inline int diarium_tesseract_serial_openmp(void) {
    void (*set_levels)(int) = (void (*)(int))dlsym(RTLD_DEFAULT, "omp_set_max_active_levels");
    if (set_levels == NULL) return 0;
    set_levels(0);
    return 1;
}
#endif
