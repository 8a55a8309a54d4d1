#ifndef DIARIUM_CPOPPLER_SHIM_H
#define DIARIUM_CPOPPLER_SHIM_H
#include <poppler.h>
#include <glib.h>

// Swift cannot call the g_object_unref macro-wrapped forms on typed pointers
// without casts at every call site; one typed helper keeps the casts here.
static inline void diarium_object_unref(void *object) {
    if (object != NULL) g_object_unref(object);
}

// PopplerTextAttributes lives in a GList; walking a GList from Swift needs
// these two accessors because GList's fields are plain C struct members of
// type gpointer that Swift imports awkwardly.
static inline const PopplerTextAttributes *diarium_list_attributes(GList *node) {
    return (const PopplerTextAttributes *)node->data;
}
static inline GList *diarium_list_next(GList *node) {
    return node->next;
}
#endif
