#ifndef DIARIUM_CLIBXML2_SHIM_H
#define DIARIUM_CLIBXML2_SHIM_H
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
