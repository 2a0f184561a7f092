// TextEncoding: see README.md in this folder.
