"""Scaling out: batch ingestion on a Ray cluster (``ray_ingest``); Ray is an optional extra."""
