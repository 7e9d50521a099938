"""Batch ingestion on a Ray cluster: each worker (a Ray actor) loads the spaCy pipeline once and parses and
analyses whole batches (``nlp.pipe`` + ``analyse``); the driver reads, checks hashes and writes, in input order.

A batch whose worker fails (it crashed, ran out of memory, lost its node) is sent again once; if it fails
again its articles are sent one by one, so only an article that fails on its own is reported, by file, and
nothing of it is stored. Ray is imported only here, and only when ``--workers`` asks for it.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ..errors import AnnalsError
from ..ingest import Result, analyse_batch
from ..models import Article

IN_FLIGHT = 2   # tasks queued per worker: one being analysed, one waiting, so no worker idles while we write
LOCAL_OBJECT_STORE = 256 * 2**20   # bytes of shared memory for a local cluster; batches are small


class BatchAnalyser:
    """What a worker holds: the spaCy pipeline and the lexicon, loaded once, then batch after batch."""

    def __init__(self, model: str, batch_size: int):
        from ..analyse.pipeline import build
        from ..lexicon import lexicon

        self.nlp, self.lex, self.batch_size = build(model), lexicon(), batch_size

    def analyse(self, articles: list[Article]) -> list[Result]:
        """One plain, picklable result per article: its Analysis, or the error that stopped it."""
        return analyse_batch(self.nlp, self.lex, articles, self.batch_size)


@dataclass
class Job:
    """One batch on its way through the workers; ``results`` fills in as its tasks come back."""

    seq: int
    articles: list[Article]
    tries: int = 0
    results: list[Result | None] = field(default_factory=list)
    waiting: int = 0   # single-article tasks not back yet, once the batch was split


def connect(workers: int, address: str | None) -> bool:
    """Join the cluster at ``address``, or start a local one; True when this call started Ray."""
    try:
        import ray
    except ImportError as exc:
        raise AnnalsError("--workers needs Ray, which is not installed: pip install 'annals[ray]'") from exc
    if ray.is_initialized():
        return False
    opts = {"logging_level": logging.WARNING, "log_to_driver": False}
    if address:
        ray.init(address=address, **opts)
    else:
        ray.init(num_cpus=max(workers, os.cpu_count() or 1), include_dashboard=False,
                 object_store_memory=LOCAL_OBJECT_STORE, **opts)
    return True


def analysed_on_ray(batches: Iterable[list[Article]], workers: int, model: str, address: str | None = None,
                    batch_size: int = 16, analyser: type = BatchAnalyser
                    ) -> Iterator[tuple[list[Article], list[Result]]]:
    """Each batch with its results, in input order, analysed by ``workers`` Ray actors of ``analyser``."""
    started = connect(workers, address)
    import ray

    cpus = ray.cluster_resources().get("CPU", 0)
    if workers > cpus:   # an actor that can never start would hold up every batch queued behind it
        if started:
            ray.shutdown()
        raise AnnalsError(f"--workers {workers}: the Ray cluster has {cpus:g} CPUs, one per worker is needed")
    pool = Pool(ray.remote(num_cpus=1)(analyser), workers, model, batch_size)
    try:
        yield from pool.run(iter(batches))
    finally:
        pool.close()
        if started:
            ray.shutdown()


class Pool:
    """Workers with up to IN_FLIGHT tasks each; finished batches wait in ``done`` until their turn to be
    written, so memory is bounded by the workers' queues however long the stream."""

    def __init__(self, actor_cls, workers: int, model: str, batch_size: int):
        self.new_actor = lambda: actor_cls.remote(model, batch_size)
        self.actors = [self.new_actor() for _ in range(workers)]
        self.load = [0] * workers
        self.pending: dict = {}   # ObjectRef -> (job, article index or None for the whole batch, worker, actor)
        self.done: dict[int, Job] = {}

    def run(self, batches: Iterator[list[Article]]) -> Iterator[tuple[list[Article], list[Result]]]:
        import ray

        seq, turn, more = 0, 0, True
        while True:
            while more and len(self.done) < len(self.actors) * IN_FLIGHT and min(self.load) < IN_FLIGHT:
                batch = next(batches, None)
                if batch is None:
                    more = False
                else:
                    self.submit(Job(seq, batch))
                    seq += 1
            while turn in self.done:
                job = self.done.pop(turn)
                yield job.articles, job.results
                turn += 1
            if not self.pending:
                if not more:
                    return
                continue
            [ref], _ = ray.wait(list(self.pending), num_returns=1)
            self.collect(ref)

    def submit(self, job: Job, index: int | None = None) -> None:
        worker = self.load.index(min(self.load))
        articles = job.articles if index is None else [job.articles[index]]
        actor = self.actors[worker]
        self.pending[actor.analyse.remote(articles)] = (job, index, worker, actor)
        self.load[worker] += 1

    def collect(self, ref) -> None:
        import ray

        job, index, worker, actor = self.pending.pop(ref)
        self.load[worker] -= 1
        try:
            out = ray.get(ref)
        except ray.exceptions.RayError as exc:
            if isinstance(exc, ray.exceptions.RayActorError) and self.actors[worker] is actor:
                self.actors[worker] = self.new_actor()   # the worker died: a fresh one takes its place
            self.failed(job, index, exc)
            return
        if index is None:
            job.results = out
            self.done[job.seq] = job
        else:
            self.returned(job, index, out[0])

    def failed(self, job: Job, index: int | None, exc: Exception) -> None:
        if index is not None:
            self.returned(job, index, lost(job.articles[index], exc))
        elif job.tries == 0:   # once more, whole
            job.tries = 1
            self.submit(job)
        else:                  # then one by one, so only an article that fails alone is lost
            job.results, job.waiting = [None] * len(job.articles), len(job.articles)
            for i in range(len(job.articles)):
                self.submit(job, i)

    def returned(self, job: Job, index: int, result: Result) -> None:
        job.results[index] = result
        job.waiting -= 1
        if not job.waiting:
            self.done[job.seq] = job

    def close(self) -> None:
        import ray

        for actor in self.actors:
            ray.kill(actor)


def lost(article: Article, exc: Exception) -> str:
    """The report line for an article whose worker failed on it: the file, and Ray's first line of why."""
    why = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return (f"{article.path or article.id} (id {article.id}): analysis failed on a Ray worker, not stored: "
            f"{type(exc).__name__}: {why}")
