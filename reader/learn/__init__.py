"""Learning state: term statuses and their history, reading progress, the library's figures."""
