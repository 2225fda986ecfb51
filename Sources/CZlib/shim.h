// zlib: deflate for the gzip dumps (Catalog/Dump/GzipDeflater.swift), inflate for gzip responses (Harvest).
#include <zlib.h>
