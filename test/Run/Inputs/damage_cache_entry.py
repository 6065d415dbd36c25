"""Damages the compile-cache entry whose key a FRAMNN_CACHE_LOG line names: `flip` inverts one byte in the middle of its object code, `truncate`
cuts its last 100 bytes; `truncate-all DIR` cuts the last byte of every entry in DIR."""
import re
import sys
from pathlib import Path

how, where = sys.argv[1], Path(sys.argv[2])
if how == "truncate-all":  # every entry of the directory loses its last byte
    for entry in where.iterdir():
        entry.write_bytes(entry.read_bytes()[:-1])
    sys.exit(0)
objects, log = where, Path(sys.argv[3])
key = re.search(r"compile cache (?:hit|miss) ([0-9a-f]{64})", log.read_text()).group(1)
entry = objects / f"{key}.o"
data = bytearray(entry.read_bytes())
if how == "flip":
    data[len(data) // 2] ^= 0xFF
elif how == "truncate":
    data = data[:-100]
else:
    sys.exit(f"unknown damage '{how}'")
entry.write_bytes(bytes(data))
