#!/usr/bin/env python3
"""Converts MARC records with pymarc, for Katalog's differential tests and benchmarks.

    pymarc_convert.py FROM TO INPUT OUTPUT      FROM, TO: marc | xml | json

marc = ISO 2709 (MARCReader, to_unicode, UTF-8); xml = MARCXML (map_xml streams on input,
XMLWriter on output); json = MARC-in-JSON (JSONReader on input — it loads the whole array or
file —, one object per line on output, the same shape JSONWriter writes). Prints the record count.
"""
import json
import sys

import pymarc


def read(kind, path):
    if kind == "marc":
        with open(path, "rb") as fh:
            for record in pymarc.MARCReader(fh, to_unicode=True, force_utf8=True, utf8_handling="replace"):
                if record is not None:
                    yield record
    elif kind == "xml":
        records = []
        pymarc.map_xml(records.append, path)
        yield from records
    elif kind == "json":
        with open(path, "rb") as fh:
            text = fh.read().decode("utf-8")
        stripped = text.lstrip()
        if stripped.startswith("["):
            objects = json.loads(stripped)
        else:
            objects = [json.loads(line) for line in text.splitlines() if line.strip()]
        for obj in objects:
            yield from pymarc.JSONReader(json.dumps(obj))
    else:
        raise SystemExit(f"unknown input kind {kind}")


def main():
    source, target, in_path, out_path = sys.argv[1:5]
    count = 0
    if target == "marc":
        with open(out_path, "wb") as out:
            writer = pymarc.MARCWriter(out)
            for record in read(source, in_path):
                writer.write(record)
                count += 1
    elif target == "xml":
        with open(out_path, "wb") as out:
            writer = pymarc.XMLWriter(out)
            for record in read(source, in_path):
                writer.write(record)
                count += 1
            writer.close(close_fh=False)
    elif target == "json":
        with open(out_path, "w", encoding="utf-8") as out:
            for record in read(source, in_path):
                out.write(json.dumps(record.as_dict(), ensure_ascii=False) + "\n")
                count += 1
    else:
        raise SystemExit(f"unknown output kind {target}")
    print(count)


if __name__ == "__main__":
    main()
