"""Tests of the integration inside Home Assistant's test harness."""
