"""Reading a printed report from its blocks, whatever the file: tables by their labels, narrative by headings."""
