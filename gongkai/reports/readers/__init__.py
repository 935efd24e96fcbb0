"""Document readers: files of any format → text lines and tables (see documents.py)."""
