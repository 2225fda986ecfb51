// libxml2 built with ICU includes <unicode/ucnv.h> from encoding.h; in one Swift module with Foundation
// that clashes with Foundation's own ICU (UErrorCode). We never use the ICU-dependent members.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlreader.h>
