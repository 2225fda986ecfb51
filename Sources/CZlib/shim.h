// zlib for the gzip dumps (Sources/Catalog/Dump/GzipDeflater.swift). Only deflate is used.
#include <zlib.h>
