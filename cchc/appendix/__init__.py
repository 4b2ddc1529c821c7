"""`cchc import`: a plan appendix table (Word or converted text) → a plan YAML file.

Pure logic, no I/O: `model` (cells, rows, tables, located notes), `headers` (which column is
which), `agencies` (splitting agency cells, building the registry), `convert` (rows → sections
and tasks). I/O lives apart: `reader` reads .docx and text into `model.Source`, `emit` writes
the YAML text.
"""
