"""Batches analysed on the workers of a Dask distributed cluster; imported only for ``--executor dask``."""

from __future__ import annotations

from typing import Iterable, Iterator

from distributed import Client, LocalCluster, get_worker
from distributed.diagnostics.plugin import WorkerPlugin

from pipeline.analyse import analyse
from pipeline.errors import PipelineError
from pipeline.executors import Results, died, in_order
from pipeline.nlp import Toolkit, check_patterns
from pipeline.records import Article
from pipeline.ruletypes import Rules


class ToolkitPlugin(WorkerPlugin):
    """Loads the model and the rules once in each worker, when it joins the cluster."""

    name = "armsledger-toolkit"

    def __init__(self, rules: Rules, model: str) -> None:
        self.rules, self.model = rules, model

    def setup(self, worker) -> None:
        worker.armsledger_kit = Toolkit(self.rules, self.model).warm()


def analyse_on_worker(batch: list[Article]) -> Results:
    return analyse(batch, get_worker().armsledger_kit)


class DaskCluster:
    """The workers of a Dask distributed cluster (``scheduler`` as tcp://host:8786), or of a LocalCluster
    of ``workers`` processes started here when no scheduler is given. Each worker needs armsledger and
    the spaCy model installed; the rules travel with the job."""

    timeout = "20s"  # to reach a scheduler

    def __init__(self, rules: Rules, model: str, workers: int, scheduler: str | None = None) -> None:
        self.rules = rules
        self._cluster: LocalCluster | None = None
        self.client: Client | None = None
        try:
            if scheduler:
                self.client = Client(scheduler, timeout=self.timeout)
            else:
                self._cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                             dashboard_address=None)
                self.client = Client(self._cluster)
            self.client.register_plugin(ToolkitPlugin(rules, model))
        except (OSError, TimeoutError) as e:
            self.close()
            raise PipelineError(f"cannot reach the Dask scheduler {scheduler or '(local)'}: {e}") from None
        self.slots = max(1, sum(w.get("nthreads", 1) for w in self.client.scheduler_info()["workers"].values()))

    def _result(self, future, batch: list[Article]) -> Results:
        try:
            return future.result()
        except Exception as e:  # a worker that died on the batch again and again (KilledWorker), a lost link
            why = f"the Dask worker analysing it failed: {type(e).__name__}: {e}"
            return [died(a, why) for a in batch]

    def prepare(self) -> None:
        check_patterns(self.rules)

    def map(self, batches: Iterable[list[Article]]) -> Iterator[Results]:
        yield from in_order(lambda b: self.client.submit(analyse_on_worker, b, pure=False), batches,
                            2 * self.slots, self._result)

    def close(self) -> None:
        if self.client is not None:
            self.client.close()
            self.client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    abort = close  # closing the client cancels what it submitted
