// Lab: see README.md in this folder.
