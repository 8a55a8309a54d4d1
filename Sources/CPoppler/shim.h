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

// An outline (bookmark) entry's title and target page (1-based; 0 when the
// target is missing). Kept in C because PopplerAction and PopplerDest are
// unions that Swift imports awkwardly. The title is g_malloc'd or NULL.
static inline char *diarium_outline_entry(PopplerDocument *document, PopplerIndexIter *iter, int *page) {
    *page = 0;
    PopplerAction *action = poppler_index_iter_get_action(iter);
    if (action == NULL) return NULL;
    char *title = action->any.title != NULL ? g_strdup(action->any.title) : NULL;
    if (action->type == POPPLER_ACTION_GOTO_DEST && action->goto_dest.dest != NULL) {
        PopplerDest *dest = action->goto_dest.dest;
        if (dest->type == POPPLER_DEST_NAMED && dest->named_dest != NULL) {
            PopplerDest *named = poppler_document_find_dest(document, dest->named_dest);
            if (named != NULL) {
                *page = named->page_num;
                poppler_dest_free(named);
            }
        } else {
            *page = dest->page_num;
        }
    }
    poppler_action_free(action);
    return title;
}
#endif
