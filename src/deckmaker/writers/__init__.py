"""Writers: one package per output format, each rendering a model.Document to bytes."""
