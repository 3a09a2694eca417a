"""File records of a cluster run, streamed out as they come: JSON Lines or Parquet.

A record is one file's entry of the `--format json` report (`path`, `encoding`,
`chars`, `findings`, and `error` when the file could not be checked), one per line
in JSON Lines. Parquet (with pyarrow installed) has the same columns, `findings`
holding the JSON array; rows are written in groups, so neither writer holds more
than a batch. Destinations are local paths or fsspec URLs; JSON Lines without one
go to standard output.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from zhcheck.errors import ZhcheckError

#: (path, encoding, chars, error, findings as a JSON array)
Record = tuple[str, "str | None", int, "str | None", str]
#: rows per Parquet row group
ROW_GROUP = 20_000


def record_line(record: Record) -> str:
    """The record as the `--format json` file entry, on one line."""
    path, encoding, chars, error, findings = record
    line = (
        f'{{"path": {json.dumps(path, ensure_ascii=False)}, "encoding": {json.dumps(encoding)}, '
        f'"chars": {chars}, "findings": {findings}'
    )
    if error:
        line += f', "error": {json.dumps(error, ensure_ascii=False)}'
    return line + "}\n"


def is_parquet(destination: str | None) -> bool:
    return bool(destination) and destination.lower().endswith((".parquet", ".pq"))  # type: ignore[union-attr]


class JsonLinesWriter:
    """Writes records as JSON Lines to a path, a URL or standard output."""

    def __init__(self, destination: str | None) -> None:
        self.destination = destination
        if destination is None:
            self._fh: Any = sys.stdout
        else:
            import fsspec

            try:
                self._fh = fsspec.open(destination, "w", encoding="utf-8").open()
            except Exception as exc:
                raise ZhcheckError(f"--output: cannot write {destination} ({exc})") from None

    def write(self, records: list[Record]) -> None:
        self._fh.write("".join(map(record_line, records)))

    def close(self) -> None:
        if self._fh is sys.stdout:
            self._fh.flush()
        else:
            self._fh.close()


class ParquetWriter:
    """Writes records as a Parquet file (pyarrow), a row group at a time."""

    def __init__(self, destination: str) -> None:
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError:
            raise ZhcheckError("--output: writing Parquet needs pyarrow: pip install pyarrow") from None
        import fsspec

        self._pa = pa
        self.schema = pa.schema(
            [
                ("path", pa.string()),
                ("encoding", pa.string()),
                ("chars", pa.int64()),
                ("error", pa.string()),
                ("findings", pa.string()),
            ]
        )
        try:
            self._fh = fsspec.open(destination, "wb").open()
        except Exception as exc:
            raise ZhcheckError(f"--output: cannot write {destination} ({exc})") from None
        self._writer = pq.ParquetWriter(self._fh, self.schema)
        self._rows: list[Record] = []

    def write(self, records: list[Record]) -> None:
        self._rows.extend(records)
        if len(self._rows) >= ROW_GROUP:
            self._flush()

    def _flush(self) -> None:
        if self._rows:
            columns = zip(*self._rows, strict=True)
            arrays = [self._pa.array(list(c), type=f.type) for c, f in zip(columns, self.schema, strict=True)]
            self._writer.write_table(self._pa.Table.from_arrays(arrays, schema=self.schema))
            self._rows = []

    def close(self) -> None:
        self._flush()
        self._writer.close()
        self._fh.close()


def open_writer(destination: str | None) -> JsonLinesWriter | ParquetWriter:
    """A writer for `destination`: Parquet for *.parquet, JSON Lines otherwise (stdout for None)."""
    return ParquetWriter(destination) if is_parquet(destination) else JsonLinesWriter(destination)  # type: ignore[arg-type]
