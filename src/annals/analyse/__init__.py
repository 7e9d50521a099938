"""Article -> spaCy Doc carrying Annals' spans and extension values."""
