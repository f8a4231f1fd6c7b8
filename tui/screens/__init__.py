"""The explorer's screens: search, reader, help, too-small (compare lives in compare.py)."""
