"""`opcc-site import`: bring in awards kept in a spreadsheet, one data file per row.

    sheets.py    reads the file: CSV, XLSX (openpyxl) or a 360Giving JSON package, as rows of cells
    fields.py    the award fields a column can fill, walked from the model (describe.py)
    mapping.py   the staff's mapping file (column title -> field, date order, fund names, fixed
                 values): read, checked and, on a first run, suggested from the column titles
    giving360.py the built-in mapping for 360Giving files, derived from our own 360Giving export
    cleaning.py  one cell into one field's value, cleaned as a person would, or why it cannot be
    records.py   one row into one award (a dict in the model's field order), its id and whether it is a draft
    writer.py    the award as YAML that the project's own loader reads back
    run.py       the command: every row, the duplicates, the files written and the summary line

Every row that cannot be read is reported as `file.csv:row N: column: what is wrong and how
to fix it` (N is the spreadsheet's own row number, the header being row 1) and is not written.
"""
