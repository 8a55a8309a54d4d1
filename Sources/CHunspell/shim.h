#ifndef DIARIUM_CHUNSPELL_SHIM_H
#define DIARIUM_CHUNSPELL_SHIM_H
#include <hunspell.h>
#endif
