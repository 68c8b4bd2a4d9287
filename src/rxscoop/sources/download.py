"""Download openFDA's drug-label partitions: read the manifest (download.json), fetch each partition with
resume (HTTP Range), retries with backoff, and a size and zip-integrity check, into a cache folder."""

from __future__ import annotations

import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from rxscoop.errors import SourceError
from rxscoop.sources.openfda import MANIFEST_URL

RETRIES = 5


@dataclass(frozen=True)
class Partition:
    name: str  # file name, e.g. drug-label-0001-of-0013.json.zip
    url: str
    size_mb: float | None
    records: int | None


@dataclass
class Fetched:
    path: Path
    downloaded: bool  # False when a complete copy was already in the cache
    resumed: bool = False
    attempts: int = 1


def read_manifest(data: dict[str, Any]) -> list[Partition]:
    """The drug/label partitions listed in an openFDA download.json document."""
    try:
        label = data["results"]["drug"]["label"]
        parts = label["partitions"]
    except (KeyError, TypeError) as exc:
        raise SourceError("the download manifest has no results.drug.label.partitions") from exc
    out = []
    for part in parts:
        url = str(part.get("file", ""))
        if not url.endswith(".zip"):
            raise SourceError(f"the download manifest lists a partition that is not a zip: {url!r}")
        size = part.get("size_mb")
        out.append(Partition(name=url.rsplit("/", 1)[-1], url=url,
                             size_mb=float(size) if size not in (None, "") else None,
                             records=int(part["records"]) if part.get("records") else None))
    if not out:
        raise SourceError("the download manifest lists no drug label partitions")
    return out


def fetch_manifest(client: httpx.Client, url: str = MANIFEST_URL) -> list[Partition]:
    try:
        response = _with_retries(lambda: client.get(url), url)
        response.raise_for_status()
        return read_manifest(response.json())
    except httpx.HTTPStatusError as exc:
        raise SourceError(f"{url}: the server answered {exc.response.status_code}") from exc
    except ValueError as exc:
        raise SourceError(f"{url}: the manifest is not JSON ({exc})") from exc


def _offline(url: str, exc: Exception) -> SourceError:
    return SourceError(f"cannot reach {httpx.URL(url).host} ({exc.__class__.__name__}): are you offline? "
                       "rxscoop build LABEL-FILES… builds from files you already have")


def _with_retries(call: Callable[[], httpx.Response], url: str, sleep: Callable[[float], None] = time.sleep,
                  attempts: int = RETRIES) -> httpx.Response:
    for attempt in range(1, attempts + 1):
        try:
            response = call()
            if response.status_code < 500 and response.status_code != 429:
                return response
            problem: Exception = httpx.HTTPStatusError(f"{response.status_code}", request=response.request,
                                                       response=response)
        except httpx.TransportError as exc:
            problem = exc
        if attempt == attempts:
            if isinstance(problem, httpx.ConnectError):
                raise _offline(url, problem)
            raise SourceError(f"{url}: failed after {attempts} attempts ({problem})") from problem
        sleep(min(30.0, 0.5 * 2 ** (attempt - 1)))  # 0.5, 1, 2, 4 … seconds
    raise AssertionError("unreachable")


def verify(path: Path, partition: Partition) -> None:
    """A partition is whole when it is a readable zip whose every member's CRC checks out, and (when the
    manifest says) about the size it should be."""
    if partition.size_mb:
        size_mb = path.stat().st_size / 1e6
        if abs(size_mb - partition.size_mb) > max(1.0, 0.05 * partition.size_mb):
            raise SourceError(f"{partition.name}: {size_mb:.1f} MB, but the manifest says {partition.size_mb} MB")
    try:
        with zipfile.ZipFile(path) as archive:
            bad = archive.testzip()
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise SourceError(f"{partition.name}: not a readable zip archive ({exc})") from exc
    if bad:
        raise SourceError(f"{partition.name}: member {bad} fails its CRC check")


def fetch_partition(client: httpx.Client, partition: Partition, folder: Path,
                    progress: Callable[[str, int, int | None], None] | None = None,
                    sleep: Callable[[float], None] = time.sleep) -> Fetched:
    """Download one partition into `folder`, resuming a `.part` file left by an interrupted download."""
    folder.mkdir(parents=True, exist_ok=True)
    final = folder / partition.name
    if final.exists():
        try:
            verify(final, partition)
            return Fetched(final, downloaded=False)
        except SourceError:
            final.unlink()
    part = final.with_name(final.name + ".part")
    resumed = part.exists() and part.stat().st_size > 0
    attempts = 0
    while True:
        attempts += 1
        have = part.stat().st_size if part.exists() else 0
        headers = {"Range": f"bytes={have}-"} if have else {}
        try:
            with client.stream("GET", partition.url, headers=headers) as response:
                if response.status_code == 416:  # already complete
                    break
                if response.status_code >= 400:
                    raise httpx.HTTPStatusError(str(response.status_code), request=response.request,
                                                response=response)
                if have and response.status_code != 206:
                    have = 0  # the server ignored Range: start over
                total = int(response.headers.get("content-length", 0)) + have or None
                with part.open("ab" if have else "wb") as out:
                    done = have
                    for chunk in response.iter_bytes():  # as received: a cut keeps what came
                        out.write(chunk)
                        done += len(chunk)
                        if progress:
                            progress(partition.name, done, total)
            break
        except (httpx.TransportError, httpx.HTTPStatusError) as exc:
            status = exc.response.status_code if isinstance(exc, httpx.HTTPStatusError) else None
            if status is not None and status < 500 and status not in (408, 429):
                raise SourceError(f"{partition.name}: the server answered {status}") from exc
            if attempts >= RETRIES:
                if isinstance(exc, httpx.ConnectError):
                    raise _offline(partition.url, exc) from exc
                raise SourceError(f"{partition.name}: download failed after {attempts} attempts ({exc})") from exc
            resumed = True
            sleep(min(30.0, 0.5 * 2 ** (attempts - 1)))
    verify(part, partition)
    part.replace(final)
    return Fetched(final, downloaded=True, resumed=resumed, attempts=attempts)


def download(folder: Path, manifest_url: str = MANIFEST_URL,
             progress: Callable[[str, int, int | None], None] | None = None,
             client: httpx.Client | None = None, sleep: Callable[[float], None] = time.sleep) -> list[Fetched]:
    """Every drug-label partition, fetched (or found complete) in `folder`."""
    own = client is None
    client = client or httpx.Client(timeout=httpx.Timeout(60.0, connect=10.0), follow_redirects=True)
    try:
        partitions = fetch_manifest(client, manifest_url)
        return [fetch_partition(client, p, folder, progress, sleep) for p in partitions]
    except httpx.ConnectError as exc:
        raise _offline(manifest_url, exc) from exc
    finally:
        if own:
            client.close()
