"""Subcommands of the `cleaner` command line, one module each."""
