"""The report on paper: one page renderer for print preview, printing and PDF (Qt's QtGui, no widgets).

`printing.layout` lays the report out on A4 pages like the DOCX export, `printing.render` draws the pages on a
printer, the preview or a PDF file, `printing.fonts` chooses the faces. Used by the wizard (`gui`) and, loaded
only for a PDF, by the command line (`cli`); it imports the model and Qt, never `gui` or `cli`.
"""
