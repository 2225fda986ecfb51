// zlib: deflate for the gzip dumps (Catalog/Dump), inflate and deflate for the raw pages the harvester keeps.
#include <zlib.h>
