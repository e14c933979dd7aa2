"""Reports as they are published: PDF files (`pdf`) and web pages (`html`), read into the same blocks as a
Word file (`model.reading.blocks`) and then as any printed report (`model.reading.printed.read_blocks`); and
the web page this product publishes (`html_writer`)."""
