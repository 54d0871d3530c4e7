"""cleaner test suite."""
