"""One module per output format, each with a ``generate_*`` (text) and ``write_*`` (file) pair."""
