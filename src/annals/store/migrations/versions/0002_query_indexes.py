"""Indexes for the queries of a big store: names, countries, a person's contacts and offices, spans.

Revision 0002, after 0001.
"""

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('aliases', schema=None) as batch_op:
        batch_op.create_index('ix_aliases_doc', ['doc_id'], unique=False)

    with op.batch_alter_table('contact_participants', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contact_participants_entity'))
        batch_op.create_index('ix_contact_participants_entity', ['entity_id', 'contact_id'], unique=False)

    with op.batch_alter_table('contacts', schema=None) as batch_op:
        batch_op.create_index('ix_contacts_spans', ['date_latest', 'date_earliest'], unique=False,
                              sqlite_where=sa.text('date_latest > date_earliest'),
                              postgresql_where=sa.text('date_latest > date_earliest'))

    with op.batch_alter_table('entities', schema=None) as batch_op:
        batch_op.create_index('ix_entities_country', ['country'], unique=False)
        batch_op.create_index('ix_entities_key', ['key'], unique=False)

    with op.batch_alter_table('offices', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_offices_person_id'))
        batch_op.drop_index(batch_op.f('ix_offices_role_country'))
        batch_op.create_index('ix_offices_country_role_person', ['country', 'role', 'person_id'], unique=False)
        batch_op.create_index('ix_offices_person_country', ['person_id', 'country'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('offices', schema=None) as batch_op:
        batch_op.drop_index('ix_offices_person_country')
        batch_op.drop_index('ix_offices_country_role_person')
        batch_op.create_index(batch_op.f('ix_offices_role_country'), ['role', 'country'], unique=False)
        batch_op.create_index(batch_op.f('ix_offices_person_id'), ['person_id'], unique=False)

    with op.batch_alter_table('entities', schema=None) as batch_op:
        batch_op.drop_index('ix_entities_key')
        batch_op.drop_index('ix_entities_country')

    with op.batch_alter_table('contacts', schema=None) as batch_op:
        batch_op.drop_index('ix_contacts_spans')

    with op.batch_alter_table('contact_participants', schema=None) as batch_op:
        batch_op.drop_index('ix_contact_participants_entity')
        batch_op.create_index(batch_op.f('ix_contact_participants_entity'), ['entity_id'], unique=False)

    with op.batch_alter_table('aliases', schema=None) as batch_op:
        batch_op.drop_index('ix_aliases_doc')

