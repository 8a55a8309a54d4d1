#ifndef DIARIUM_CLIBXML2_SHIM_H
#define DIARIUM_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
// Debian builds libxml2 with ICU, so encoding.h would include the system's
// <unicode/ucnv.h>, whose enums clash with the ICU copy inside Foundation.
// Diarium never touches the ICU fields of libxml2's encoding handler (only
// pointers to it), so the ICU part of the headers is left out.
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlerror.h>

// xmlFree is a global function pointer in libxml2; Swift imports it as an
// optional variable, so calling it through one inline function is simpler.
static inline void diarium_xml_free(void *pointer) {
    if (pointer != NULL) xmlFree(pointer);
}
#endif
