"""HTTP API and web UI over the store."""
