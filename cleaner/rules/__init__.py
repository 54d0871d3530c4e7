"""Rules that decide, block by block, what is body and what is boilerplate."""
