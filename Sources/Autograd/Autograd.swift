// Autograd: see README.md in this folder.
