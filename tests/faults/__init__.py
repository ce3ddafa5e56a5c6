"""Faults, bans and bad input: what a user sees when things go wrong, and what leaks."""
