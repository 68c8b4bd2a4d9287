"""The `rxscoop` command: a thin layer over the Python API."""

from __future__ import annotations

import functools
import json
import sys
import time
from collections.abc import Callable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, ParamSpec, TypeVar

import typer
from rich.console import Console
from rich.markdown import Markdown
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table

from rxscoop import api
from rxscoop.errors import BadQuestion, RxScoopError
from rxscoop.pack import default_pack_path
from rxscoop.pack.query import Pack
from rxscoop.render import Format, Result, render
from rxscoop.sources.openfda import MANIFEST_URL

app = typer.Typer(
    help="What is this medicine used for? Answers built only from FDA label text, offline.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(highlight=False)
err = Console(stderr=True, highlight=False)

PackOption = Annotated[
    Path | None,
    typer.Option("--pack", help="Pack file (default: $RXSCOOP_PACK, else the user data folder)."),
]


class Shown(StrEnum):
    """How a result is shown: for the terminal, or in one of the renderer's formats."""

    text = "text"
    markdown = "markdown"
    json = "json"
    html = "html"


class Report(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"


P = ParamSpec("P")
T = TypeVar("T")


def _say_error(exc: RxScoopError) -> None:
    err.print(f"[bold red]Error:[/] {exc}", markup=True, soft_wrap=True)


def _handled(command: Callable[P, T]) -> Callable[P, T]:
    """The CLI's one error policy: an error rxscoop raises on purpose is a message and its exit code."""

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> T:
        try:
            return command(*args, **kwargs)
        except RxScoopError as exc:
            _say_error(exc)
            raise typer.Exit(exc.exit_code) from None

    return run


def _show(result: Result, how: str) -> None:
    """Print a result: rendered for the terminal when stdout is one and `text` was asked, else as the
    renderer writes it (Markdown when text goes to a pipe)."""
    if how == Shown.text and out.is_terminal:
        out.print(Markdown(render(result, Format.markdown)))
        return
    text = render(result, Format.markdown if how == Shown.text else Format(how))
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


DownloadOption = Annotated[bool, typer.Option(
    "--download", help="Fetch every drug-label partition from openFDA first (resumes, checks each file)")]
CacheOption = Annotated[Path | None, typer.Option(help="Where downloads go (default: the user cache folder)")]
ManifestOption = Annotated[str, typer.Option(help="openFDA download manifest")]


def _downloaded(cache: Path | None, manifest: str) -> list[Path]:
    from platformdirs import user_cache_path

    from rxscoop.sources.download import download

    folder = cache or user_cache_path("rxscoop") / "openfda"
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                  console=err, transient=True, disable=not err.is_terminal) as bar:
        task = bar.add_task("reading the openFDA manifest", total=None)

        def show(name: str, done: int, total: int | None) -> None:
            of = f" of {total / 1e6:.0f} MB" if total else ""
            bar.update(task, description=f"downloading {name}: {done / 1e6:.0f} MB{of}")

        fetched = download(folder, manifest, progress=show)
    new = sum(f.downloaded for f in fetched)
    err.print(f"openFDA: {len(fetched)} partitions in {folder} ({new} downloaded, {len(fetched) - new} already "
              f"complete{', some resumed' if any(f.resumed for f in fetched) else ''})", soft_wrap=True)
    return [f.path for f in fetched]


JobsOption = Annotated[int | None, typer.Option(
    "--jobs", "-j", min=1, help="Worker processes that read labels (default: one per core).")]


@app.command()
def build(
    sources: Annotated[list[Path] | None, typer.Argument(
        help="Label files or folders (openFDA bulk .json.zip, .json, .jsonl, snapshot .jsonl, review files).")
    ] = None,
    download: DownloadOption = False,
    cache: CacheOption = None,
    manifest: ManifestOption = MANIFEST_URL,
    pack: PackOption = None,
    jobs: JobsOption = None,
) -> None:
    """Build the pack from label files; an existing pack is replaced only if the build succeeds."""
    _build(sources, download, cache, manifest, pack, update=False, jobs=jobs)


@app.command()
def update(
    sources: Annotated[list[Path] | None, typer.Argument(help="Newer label files or folders")] = None,
    download: DownloadOption = False,
    cache: CacheOption = None,
    manifest: ManifestOption = MANIFEST_URL,
    pack: PackOption = None,
    jobs: JobsOption = None,
) -> None:
    """Update the pack: only new or newer labels are read again; replaced versions are kept as history."""
    _build(sources, download, cache, manifest, pack, update=True, jobs=jobs)


@app.command()
@_handled
def changes(
    drug: Annotated[list[str], typer.Argument(help="The drug, e.g. dupixent")],
    format: Annotated[Report, typer.Option("--format", "-f", help="text, markdown or json")] = Report.text,
    pack: PackOption = None,
) -> None:
    """What changed between the versions of a drug's label the pack has seen."""
    _show(api.label_changes(" ".join(drug), pack), format)


@_handled
def _build(sources: list[Path] | None, download: bool, cache: Path | None, manifest: str, pack: Path | None,
           update: bool, jobs: int | None = None) -> None:
    target = pack or default_pack_path()
    sources = list(sources or [])
    if download:
        sources += _downloaded(cache, manifest)
    if not sources:
        raise BadQuestion("name label files or folders to build from, or use --download")
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(),
                  TextColumn("eta"), TimeRemainingColumn(), console=err, transient=True,
                  disable=not err.is_terminal) as bar:
        task = bar.add_task("reading labels", total=None)
        started = time.perf_counter()

        def show(p: object) -> None:  # the bar and its ETA count input bytes (pack/build.py Progress)
            rate = p.records / max(time.perf_counter() - started, 1e-6)  # type: ignore[attr-defined]
            bar.update(task, completed=p.bytes_done, total=p.bytes_total or None,  # type: ignore[attr-defined]
                       description=f"file {p.file_index}/{p.files} {p.file}: {p.records:,} records, "  # type: ignore[attr-defined]
                                   f"{rate:,.0f}/s")

        report = api.build_pack(sources, target, progress=show, update=update, jobs=jobs)
    err.print(
        f"Built {report.pack} ({report.size_bytes / 1e6:.1f} MB) in {report.seconds:.1f} s: "
        f"{report.labels:,} labels from {report.records_read:,} records in {len(report.files)} label file(s)"
        + (f"; {report.new:,} new, {report.unchanged:,} unchanged (not read again)" if update else "")
        + (f"; {report.superseded:,} older versions kept as history" if report.superseded else "")
        + (f"; {report.skipped:,} bad records skipped" if report.skipped else ""),
        soft_wrap=True,
    )
    if report.reviews and report.reviews.read:
        r = report.reviews
        reasons = ", ".join(f"{n:,} {why}" for why, n in r.unmapped.most_common())
        err.print(f"Reviews: {r.read:,} read, {r.mapped:,} mapped to a label"
                  + (f"; not mapped: {reasons}" if reasons else ""), soft_wrap=True)
    for problem in report.problems[:10]:
        err.print(f"  skipped {problem}", soft_wrap=True)
    if len(report.problems) > 10:
        err.print(f"  … and {report.skipped - 10:,} more")


@app.command()
@_handled
def info(pack: PackOption = None) -> None:
    """Show what the pack holds."""
    with api.open_pack(pack, verify=True) as opened:
        meta, counts = opened.meta(), opened.counts()
        path, checksum = opened.path, opened.checksum
    out.print(f"pack: {path}")
    unverified = " (no .sha256 beside the pack: not verified)" if checksum == "missing" else ""
    out.print(f"checksum: {checksum}{unverified}")
    for key in ("built_at", "schema_version", "rxscoop_version", "records_read", "skipped", "superseded"):
        out.print(f"{key}: {meta.get(key, '?')}")
    for key, value in counts.items():
        out.print(f"{key}: {value:,}")
    out.print("sources: " + meta.get("sources", "[]"), soft_wrap=True)


@app.command()
@_handled
def ask(
    question: Annotated[list[str], typer.Argument(help="The question, e.g. what is dupixent used for")],
    format: Annotated[Shown, typer.Option("--format", "-f", help="text (terminal), markdown, json or html")
                      ] = Shown.text,
    pack: PackOption = None,
    region: Annotated[str, typer.Option("--region", help="us, eu or both: whose approvals to show")] = "both",
) -> None:
    """Ask about a medicine."""
    answer = api.ask(" ".join(question), pack, region)
    _show(answer, format)
    if answer.status != "answered":
        raise typer.Exit(1)


@app.command()
@_handled
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port")] = 8000,
    workers: Annotated[int, typer.Option(help="Worker processes (each opens the pack read-only)", min=1)] = 1,
    rate: Annotated[int, typer.Option(help="Requests per minute per client before 429 (0 = no limit)")] = 600,
    pack: PackOption = None,
) -> None:
    """Serve the HTTP API and the web page."""
    from rxscoop.web.serve import serve as run_server
    from rxscoop.web.settings import Settings

    settings = Settings(pack=pack or default_pack_path(), rate_per_minute=rate)
    api.open_pack(settings.pack, verify=True).close()  # fail fast, with a clear message, before any worker
    err.print(f"rxscoop on http://{host}:{port}/ (pack {settings.pack}); Ctrl-C to stop")
    run_server(settings, host=host, port=port, workers=workers)


@app.command()
@_handled
def chat(pack: PackOption = None) -> None:
    """Ask questions one after another; follow-ups ("what about asthma?") use the drug already discussed."""
    with api.open_pack(pack) as opened:
        context = None
        out.print("Ask about a medicine (empty line or Ctrl-D to quit). Not medical advice.")
        while True:
            try:
                question = input("you> ")
            except (EOFError, KeyboardInterrupt):
                break
            if not question.strip() or question.strip().lower() in ("quit", "exit", "bye"):
                break
            try:
                reply = api.chat(question, context, opened)
            except RxScoopError as exc:
                _say_error(exc)
                continue
            context = reply.context
            _show(reply.answer, Shown.text)


@app.command()
@_handled
def reviews(
    drug: Annotated[list[str], typer.Argument(help="The drug, e.g. zoloft")],
    condition: Annotated[
        str | None, typer.Option("--condition", "-c", help="Only reviews about this condition")
    ] = None,
    format: Annotated[Report, typer.Option("--format", "-f", help="text, markdown or json")] = Report.text,
    pack: PackOption = None,
) -> None:
    """What patients say about a drug, from the review data in the pack."""
    voices = api.patient_reviews(" ".join(drug), condition=condition, pack=pack)
    _show(voices, format)
    if not voices.reviews:
        raise typer.Exit(1)


def _on_pack(pack: Path | None, work: Callable[[Pack], T]) -> T:
    with api.open_pack(pack) as opened:
        return work(opened)


def _print_scores(key: str, scores: Sequence[object], total: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps({key: [vars(s) for s in scores], "total": total}, indent=2) + "\n")


class AuditFormat(StrEnum):
    text = "text"
    json = "json"


@app.command()
@_handled
def audit(
    format: Annotated[AuditFormat, typer.Option("--format", "-f", help="text or json")] = AuditFormat.text,
    pack: PackOption = None,
) -> None:
    """Check every label in the pack: garbled conditions, table text in prose, children-only uses offered
    to adults, kinds of medicine the label does not back, facts their quotes do not support. Exits 1 when
    anything is found."""
    from rxscoop.evaluation.audit import EXAMPLES
    from rxscoop.evaluation.audit import audit as run_audit

    report = _on_pack(pack, run_audit)
    if format is AuditFormat.json:
        sys.stdout.write(json.dumps(report.as_dict(), indent=2, ensure_ascii=False) + "\n")
    else:
        out.print(f"{report.labels:,} labels with uses, {report.uses:,} uses, {report.statements:,} statements checked")

        if not report.found:
            out.print("problems found: none")
        for kind, examples in sorted(report.found.items()):
            out.print(f"{kind}: {len(examples)}")
            for example in examples[:EXAMPLES]:
                out.print(f"    {example}", markup=False)
        if report.eu_medicines:
            out.print(f"EU (EMA list, shape counts, not failures): {report.eu_medicines:,} authorised medicines "
                      f"with indication text, {report.eu_uses:,} uses")
            for kind, examples in sorted(report.eu_found.items()):
                out.print(f"  {kind}: {len(examples)}")
                for example in examples[:3]:
                    out.print(f"    {example}", markup=False)
        if report.dropped_at_build:
            out.print("dropped by the claim check at build (the answer says less):")
            for kind, info in report.dropped_at_build.items():
                out.print(f"  {kind}: {info['count']}")
                for example in info["examples"][:3]:  # type: ignore[index]
                    out.print(f"    {example}", markup=False)
    if report.found:
        raise typer.Exit(1)


@app.command("eval")
@_handled
def eval_(
    gold: Annotated[Path | None, typer.Option(
        help="Gold file: drug → approved uses (like ../shared/eval/indications-dev.json), or label gold keyed "
             "by set id (eval/labels-*.json)")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON")] = False,
    questions: Annotated[Path | None, typer.Option(
        help="Also score question understanding on a MedicationQA file (drug and intent accuracy)")] = None,
    folds: Annotated[int, typer.Option(
        help="With --questions: also K-fold cross-validated intent accuracy (a model trained without each "
             "fold scores it; needs the 'train' extra), the figure that generalizes", min=0)] = 0,
    pack: PackOption = None,
) -> None:
    """Score answers against development gold: recall, precision, age accuracy, readability, citations."""
    from rxscoop.evaluation.drugs import evaluate, totals
    from rxscoop.evaluation.labels import is_label_gold

    if questions is not None:
        _eval_questions(questions, pack, folds)
        if gold is None:
            return
    if gold is None:
        raise BadQuestion("name a gold file (--gold FILE) or a question file (--questions FILE)")
    if not gold.is_file():
        err.print(f"[bold red]Error:[/] no gold file at {gold}", markup=True)
        raise typer.Exit(1)
    if is_label_gold(json.loads(gold.read_text(encoding="utf-8"))):
        _eval_labels(gold, pack, as_json)
        return
    scores = _on_pack(pack, lambda opened: evaluate(gold, opened))
    total = totals(scores)
    if as_json:
        _print_scores("drugs", scores, total)
        return
    table = Table("drug", "recall", "precision", "ages", "grade", "cited", "missed / extra", box=None)
    for s in scores:
        table.add_row(
            s.drug, f"{s.found}/{s.gold}", f"{s.correct}/{s.answered}", f"{s.ages_right}/{s.ages}",
            f"{s.grade}", f"{s.covered}/{s.statements}",
            "; ".join([*(f"-{m}" for m in s.missed), *(f"+{e}" for e in s.extra)])[:60],
        )
    out.print(table)
    out.print(
        f"total: recall {total['recall']}%  precision {total['precision']}%  age accuracy {total['age_accuracy']}%  "
        f"citation coverage {total['citation_coverage']}% of {total['statements']} statements  "
        f"readability grade {total['readability_grade']} (Flesch-Kincaid, rxscoop's own prose)"
    )


def _eval_labels(gold: Path, pack: Path | None, as_json: bool) -> None:
    """Gold read from labels, keyed by set id: uses, ages, children-only uses, kind, routes, how often."""
    from rxscoop.evaluation.labels import evaluate_labels, label_totals

    entries = json.loads(gold.read_text(encoding="utf-8"))
    scores = _on_pack(pack, lambda opened: evaluate_labels(entries, opened))
    total = label_totals(scores)
    if as_json:
        _print_scores("labels", scores, total)
        return
    table = Table("label", "recall", "precision", "ages", "kind", "routes", "often", "missed / extra / wrong",
                  box=None)
    for s in scores:
        table.add_row(
            s.drug[:24], f"{s.found}/{s.gold}", f"{s.correct}/{s.answered}", f"{s.ages_right}/{s.ages}",
            s.facts.get("kind", "-"), s.facts.get("routes", "-"), s.facts.get("how_often", "-"),
            "; ".join([*(f"-{m[:40]}" for m in s.missed), *(f"+{e[:40]}" for e in s.extra), *s.wrong])[:200],
        )
    out.print(table)
    facts = total["facts"]
    out.print(
        f"total over {total['labels']} labels: recall {total['recall']}%  precision {total['precision']}%  "
        f"age accuracy {total['age_accuracy']}%  children-only {total['children_only_accuracy']}%\n"
        + "\n".join(f"{name}: right {total[name + '_right']}% of what is said (said for {total[name + '_said']}%: "
                    f"{c['right']} right, {c['wrong']} wrong, {c['unsaid']} not said)" for name, c in facts.items())
    )


def _eval_questions(path: Path, pack: Path | None, folds: int = 0) -> None:
    from rxscoop.evaluation.questions import cross_validate, evaluate_questions

    if not path.is_file():
        err.print(f"[bold red]Error:[/] no question file at {path}", markup=True)
        raise typer.Exit(1)
    try:
        with api.open_pack(pack) as opened:
            score = evaluate_questions(path, opened)
            checked = cross_validate(path, opened, folds) if folds >= 2 else None
    except ImportError:
        err.print("[bold red]Error:[/] --folds trains models and needs scikit-learn: pip install -e '.[train]'",
                  markup=True)
        raise typer.Exit(1) from None
    out.print(f"questions: {score.questions}; drug resolution {score.drug_accuracy}% of {score.drug_in_pack} "
              f"whose drug is in the pack ({score.wrong_drug} answered about another drug); intent accuracy "
              f"{score.intent_accuracy}% of {score.intent_scored} with a mapped type (shipped model, which was "
              "trained on the development questions)")
    if checked:
        out.print(f"cross-validated intent accuracy: {checked.intent_accuracy}% of {checked.intent_scored} "
                  f"({checked.folds} folds, fixed seed; each fold answered by a model trained on the other folds "
                  f"({checked.training['medicationqa']} questions) and {checked.training['written']} written "
                  f"questions); {checked.intent_wrong_unsure} of its {checked.intent_scored - checked.intent_right} "
                  "misses said what they understood instead of answering with confidence")


@app.command()
@_handled
def mcp(
    http: Annotated[bool, typer.Option("--http", help="Streamable HTTP at http://HOST:PORT/mcp, not stdio")] = False,
    host: Annotated[str, typer.Option(help="With --http: address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="With --http: port")] = 8765,
    pack: PackOption = None,
) -> None:
    """Serve rxscoop to AI assistants over the Model Context Protocol (stdio, or --http): tools, label resources
    and a prompt, read-only."""
    from rxscoop.assistant.server import serve as serve_mcp

    opened = api.open_pack(pack, verify=True)  # a missing or damaged pack is a message now, not a failed call
    if http:
        err.print(f"rxscoop MCP server on http://{host}:{port}/mcp (pack {opened.path}); Ctrl-C to stop")
    with opened:
        serve_mcp(opened, "streamable-http" if http else "stdio", host, port)


if __name__ == "__main__":
    app()
