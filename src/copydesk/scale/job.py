"""The Spark job: one task per WARC, the per-document pipeline in ``mapPartitions``.

Spark is used for what it is good at here, scheduling and retrying tasks over a
cluster; it never sees a page. Each task writes its WARC's rows itself, as Parquet parts
under the fixed schemas (``copydesk.scale.output``), and hands back only a small summary,
so the driver holds nothing that grows with the corpus. PySpark is imported here only,
and only when a job runs: it is the ``[spark]`` extra.
"""

from __future__ import annotations

import importlib
import os
import sys
import time
from functools import partial
from typing import Any

import msgspec

from copydesk.errors import ScaleError
from copydesk.read.limits import Limits
from copydesk.scale.task import WarcResult, run_partition


def run_job(
    locations: list[str],
    out: str,
    *,
    master: str | None,
    understand: bool,
    partitions: int | None,
    limits: Limits,
) -> tuple[list[WarcResult], float]:
    """Run the WARCs as Spark tasks; their results and Spark's start-up seconds."""
    started = time.monotonic()
    spark, created = _session(master, out)
    startup = time.monotonic() - started
    try:
        slices = max(1, min(partitions or len(locations), len(locations)))
        work = partial(run_partition, out=out, understand=understand, limits=limits)
        rdd = spark.sparkContext.parallelize(locations, slices)
        try:
            answers: list[dict[str, Any]] = rdd.mapPartitions(work).collect()
        except Exception as exc:  # py4j and PySpark errors, mapped at the boundary
            raise ScaleError(f"the Spark job failed: {_first_line(exc)}", source=out) from exc
    finally:
        if created:
            spark.stop()
    return [msgspec.convert(a, WarcResult) for a in answers], startup


def _session(master: str | None, out: str) -> tuple[Any, bool]:
    """The active Spark session (Databricks, a notebook) or a new one; whether it is new.

    ``master=None`` takes what ``spark-submit`` set. A local master gets this Python as
    its workers' Python, so the workers import the same copydesk.
    """
    try:  # the [spark] extra, typed as Any so that mypy needs no PySpark installed
        SparkSession: Any = importlib.import_module("pyspark.sql").SparkSession
    except ImportError as exc:
        raise ScaleError(
            "PySpark is not installed: pip install 'copydesk[spark]' (and Java 17)", source=out
        ) from exc
    active = SparkSession.getActiveSession()
    if active is not None:
        return active, False
    builder = SparkSession.builder.appName("copydesk scale")
    builder = builder.config("spark.ui.showConsoleProgress", "false")
    if master is not None:
        builder = builder.master(master)
        if master.startswith("local"):
            builder = builder.config("spark.ui.enabled", "false")
            # PySpark reads its workers' Python from this variable alone; without it a
            # local job runs ``python3`` from PATH, which may not have copydesk
            os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    try:
        spark = builder.getOrCreate()
    except Exception as exc:  # no Java, a bad master URL
        raise ScaleError(
            f"cannot start Spark: {_first_line(exc)} (is Java 17 installed, or JAVA_HOME set?)",
            source=master or "spark-submit",
        ) from exc
    spark.sparkContext.setLogLevel("ERROR")
    return spark, True


def _first_line(exc: BaseException) -> str:
    """The line of a Spark error a user can act on: the Python error of the failing task
    when there is one, not the JVM's stack."""
    text = str(exc)
    for line in text.splitlines():
        if line.startswith(("copydesk.", "CopydeskError", "ReadError", "OSError")):
            return line.strip()
    return next((line.strip() for line in text.splitlines() if line.strip()), type(exc).__name__)
