"""The WebAPI client against the fake server: errors, sessions, TLS."""
