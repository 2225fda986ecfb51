// The validator: structure, MARC 21 rules (tables kept as data) and the MARCXML schema (issue 9).
