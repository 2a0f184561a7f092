// Rx: see README.md in this folder.
