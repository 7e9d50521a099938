"""Doc -> facts: pure functions over analysed documents."""
