"""Where documents come from. ``files`` finds PDFs on disk."""
