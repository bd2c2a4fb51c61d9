"""Tools for the people who write entries: scaffolds and JSON Schemas for editors."""
