"""Word files: the official-layout export, the import (untrusted zip and XML walked into blocks), the draft
embedded in an export, and .doc/.wps converted by LibreOffice."""
