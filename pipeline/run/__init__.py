"""Running batches of letters: what to process, the archive they are written into, and the
Prefect flows."""
