"""The schema of every store made before migrations (the tables ``open_engine`` used to create).

Revision 0001, the first.
"""

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('contacts',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('participants_key', sa.String(length=512), nullable=False),
    sa.Column('date_earliest', sa.Date(), nullable=True),
    sa.Column('date_latest', sa.Date(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('contacts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contacts_date_earliest'), ['date_earliest'], unique=False)
        batch_op.create_index(batch_op.f('ix_contacts_participants_key'), ['participants_key'], unique=False)

    op.create_table('documents',
    sa.Column('id', sa.String(length=255), nullable=False),
    sa.Column('published', sa.Date(), nullable=False),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('source', sa.Text(), nullable=True),
    sa.Column('path', sa.Text(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('ingested_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_documents_published'), ['published'], unique=False)

    op.create_table('entities',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('key', sa.String(length=255), nullable=False),
    sa.Column('sound', sa.String(length=255), nullable=True),
    sa.Column('country', sa.String(length=16), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('kind', 'key', name='uq_entity_kind_key')
    )
    with op.batch_alter_table('entities', schema=None) as batch_op:
        batch_op.create_index('ix_entities_sound', ['sound'], unique=False)

    op.create_table('aliases',
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('doc_id', sa.String(length=255), nullable=False),
    sa.Column('alias', sa.Text(), nullable=False),
    sa.Column('key', sa.String(length=255), nullable=False),
    sa.ForeignKeyConstraint(['doc_id'], ['documents.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['entity_id'], ['entities.id'], ondelete='CASCADE'),
    sa.UniqueConstraint('entity_id', 'doc_id', 'key', name='uq_alias')
    )
    with op.batch_alter_table('aliases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_aliases_key'), ['key'], unique=False)

    op.create_table('contact_participants',
    sa.Column('contact_id', sa.Integer(), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['contact_id'], ['contacts.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['entity_id'], ['entities.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('contact_id', 'entity_id')
    )
    with op.batch_alter_table('contact_participants', schema=None) as batch_op:
        batch_op.create_index('ix_contact_participants_entity', ['entity_id'], unique=False)

    op.create_table('contact_sources',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('contact_id', sa.Integer(), nullable=False),
    sa.Column('doc_id', sa.String(length=255), nullable=False),
    sa.Column('date_value', sa.String(length=32), nullable=True),
    sa.Column('date_earliest', sa.Date(), nullable=True),
    sa.Column('date_latest', sa.Date(), nullable=True),
    sa.Column('place', sa.Text(), nullable=True),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('sentence', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['contact_id'], ['contacts.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['doc_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('contact_sources', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contact_sources_contact_id'), ['contact_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_contact_sources_doc_id'), ['doc_id'], unique=False)

    op.create_table('offices',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('doc_id', sa.String(length=255), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=32), nullable=False),
    sa.Column('country', sa.String(length=16), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('date_value', sa.String(length=32), nullable=True),
    sa.Column('date_earliest', sa.Date(), nullable=True),
    sa.Column('date_latest', sa.Date(), nullable=True),
    sa.Column('country_inferred', sa.Boolean(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('sentence', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['doc_id'], ['documents.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['entities.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('offices', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_offices_doc_id'), ['doc_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_offices_person_id'), ['person_id'], unique=False)
        batch_op.create_index('ix_offices_role_country', ['role', 'country'], unique=False)

    op.create_table('quotes',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('doc_id', sa.String(length=255), nullable=False),
    sa.Column('speaker_id', sa.Integer(), nullable=True),
    sa.Column('speaker', sa.Text(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('sentence', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['doc_id'], ['documents.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['speaker_id'], ['entities.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('quotes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_quotes_doc_id'), ['doc_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_quotes_speaker_id'), ['speaker_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('quotes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_quotes_speaker_id'))
        batch_op.drop_index(batch_op.f('ix_quotes_doc_id'))

    op.drop_table('quotes')
    with op.batch_alter_table('offices', schema=None) as batch_op:
        batch_op.drop_index('ix_offices_role_country')
        batch_op.drop_index(batch_op.f('ix_offices_person_id'))
        batch_op.drop_index(batch_op.f('ix_offices_doc_id'))

    op.drop_table('offices')
    with op.batch_alter_table('contact_sources', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contact_sources_doc_id'))
        batch_op.drop_index(batch_op.f('ix_contact_sources_contact_id'))

    op.drop_table('contact_sources')
    with op.batch_alter_table('contact_participants', schema=None) as batch_op:
        batch_op.drop_index('ix_contact_participants_entity')

    op.drop_table('contact_participants')
    with op.batch_alter_table('aliases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_aliases_key'))

    op.drop_table('aliases')
    with op.batch_alter_table('entities', schema=None) as batch_op:
        batch_op.drop_index('ix_entities_sound')

    op.drop_table('entities')
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_documents_published'))

    op.drop_table('documents')
    with op.batch_alter_table('contacts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contacts_participants_key'))
        batch_op.drop_index(batch_op.f('ix_contacts_date_earliest'))

    op.drop_table('contacts')
