"""The PySide6 window. Nothing outside this package imports it (except the CLI's hook)."""
