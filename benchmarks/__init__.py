"""Benchmarks: qBittorrent Multi-Server against Home Assistant's built-in qbittorrent.

Run with `scripts/bench` (or `scripts/bench --quick`); the figures are printed
as tables. Not part of the tests.
"""
