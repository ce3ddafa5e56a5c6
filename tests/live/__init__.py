"""Tests against real qBittorrent 4.5 and 5.3 servers."""
