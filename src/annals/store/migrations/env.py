"""Alembic environment for the Annals store: runs on the connection ``annals.store.migrate`` hands it."""

from alembic import context

from annals.store.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True, compare_type=True)
with context.begin_transaction():
    context.run_migrations()
