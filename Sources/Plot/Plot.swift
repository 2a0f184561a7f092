// Plot: see README.md in this folder.
