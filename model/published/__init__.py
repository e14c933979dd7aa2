"""Reports as they are published: PDF files and web pages — readers (→ blocks) and writers."""
