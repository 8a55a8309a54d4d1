#ifndef DIARIUM_CTESSERACT_SHIM_H
#define DIARIUM_CTESSERACT_SHIM_H
// The C API only: the C++ headers behind it would drag Tesseract's class
// hierarchy into the module for nothing.
#include <tesseract/capi.h>
#include <dlfcn.h>
#include <stddef.h>

// Tesseract is opened with dlopen when the first page needs OCR, not linked:
// it brings some forty libraries (leptonica, curl, archive, nss, ldap …)
// whose loading and relocation cost every process ~10 ms at start-up, and a
// batch of born-digital PDFs, a re-run with nothing to do, or an isolated
// child for one document never reads a page image. The table holds the
// functions Diarium calls, typed from capi.h's own declarations, so a
// mismatch with the header is a compile error, as with linking.
#define DIARIUM_TESSERACT_FUNCTIONS(X) \
    X(TessVersion) X(TessBaseAPICreate) X(TessBaseAPIDelete) X(TessBaseAPIInit4) X(TessBaseAPIEnd) \
    X(TessBaseAPISetVariable) X(TessBaseAPISetImage) X(TessBaseAPISetSourceResolution) X(TessBaseAPIClear) \
    X(TessBaseAPIRecognize) X(TessBaseAPIMeanTextConf) X(TessBaseAPIGetIterator) X(TessResultIteratorDelete) \
    X(TessResultIteratorGetPageIteratorConst) X(TessResultIteratorGetUTF8Text) X(TessResultIteratorConfidence) \
    X(TessResultIteratorNext) X(TessDeleteText) X(TessPageIteratorIsAtBeginningOf) \
    X(TessPageIteratorBoundingBox) X(TessPageIteratorBaseline) \
    X(TessMonitorCreate) X(TessMonitorDelete) X(TessMonitorSetDeadlineMSecs)

typedef struct DiariumTesseract {
#define DIARIUM_TESSERACT_FIELD(name) __typeof__(name) * _Nonnull name;
    DIARIUM_TESSERACT_FUNCTIONS(DIARIUM_TESSERACT_FIELD)
#undef DIARIUM_TESSERACT_FIELD
    // Debian builds Tesseract with OpenMP, and its LSTM asks for four
    // threads per line whatever the caller wants; on a batch already running
    // `--jobs` documents that oversubscribes the cores (measured: 3× slower
    // on 2 cores). Allowing zero active parallel levels makes every parallel
    // region run on the calling thread. NULL when Tesseract has no OpenMP.
    void (* _Nullable omp_set_max_active_levels)(int);
} DiariumTesseract;

// Fills `api` from an opened libtesseract (the search covers the libraries
// it depends on, libgomp among them). Returns the name of the first
// function missing, or NULL when all were found.
static inline const char * _Nullable diarium_tesseract_bind(void * _Nonnull library, DiariumTesseract * _Nonnull api) {
#define DIARIUM_TESSERACT_BIND(name) \
    if ((api->name = (__typeof__(name) *)dlsym(library, #name)) == NULL) return #name;
    DIARIUM_TESSERACT_FUNCTIONS(DIARIUM_TESSERACT_BIND)
#undef DIARIUM_TESSERACT_BIND
    api->omp_set_max_active_levels = (void (*)(int))dlsym(library, "omp_set_max_active_levels");
    return NULL;
}
#endif
