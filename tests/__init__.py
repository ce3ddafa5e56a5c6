"""Tests of the qBittorrent Multi-Server integration."""
