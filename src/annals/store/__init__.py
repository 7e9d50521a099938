"""The one store (SQLite by default, PostgreSQL for scale) and the only code that writes it."""
