"""The command line: one module per command, joined here (typer's one-file-per-command layout).

Every error reaches the user as one line on stderr with exit code 2; findings
at or above ``--fail-on`` exit 1; otherwise 0 (ruff's convention).
"""

from __future__ import annotations

import signal
import sys
import threading

import typer

from claims.errors import VerifierError
from verifier import __version__
from verifier.cli import audit, check, claims_cmd, lookups, refs, rule, rules, schema, text

app = typer.Typer(
    name="verifier",
    help="Check a manuscript's claims against the works it cites.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        print(f"verifier {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Citation-aware claim verifier."""


app.command("check")(check.check)
app.command("audit")(audit.audit)
app.command("claims")(claims_cmd.claims)
app.command("refs")(refs.refs)
app.command("rules")(rules.rules)
app.command("rule")(rule.rule)
app.command("schema")(schema.schema)
app.add_typer(lookups.app, name="lookups")
app.command("text")(text.text)


def fail(message: str) -> None:
    """One line on stderr, exit code 2."""
    print(f"verifier: error: {message}", file=sys.stderr)
    raise SystemExit(2)


def _usage_errors() -> tuple[type[Exception], ...]:
    """The usage-error base classes of the installed typer: its own since typer
    vendored click, click's before that."""
    found: list[type[Exception]] = []
    try:
        from typer.exceptions import TyperException

        found.append(TyperException)
    except ImportError:
        pass
    try:
        import click

        found.append(click.ClickException)
    except ImportError:
        pass
    return tuple(found)


def _terminated(signum: int, frame: object) -> None:
    """SIGTERM: unwind like an interrupt, so a report being written removes its temporary file."""
    print("verifier: terminated", file=sys.stderr)
    raise SystemExit(128 + signum)


def main(argv: list[str] | None = None) -> None:
    """Entry point: runs the app without the standalone error handling so every
    error is one line (never a box, never a traceback)."""
    if argv is None:
        argv = sys.argv[1:]
    if not argv:
        app(args=["--help"], standalone_mode=False, prog_name="verifier")
        raise SystemExit(2)
    if threading.current_thread() is threading.main_thread():  # signal handlers live in the main thread only
        signal.signal(signal.SIGTERM, _terminated)
    try:
        code = app(args=argv, standalone_mode=False, prog_name="verifier")
    except (KeyboardInterrupt, typer.Abort):  # click turns Ctrl-C into Abort
        print("verifier: interrupted", file=sys.stderr)
        raise SystemExit(130) from None
    except _usage_errors() as err:
        fail(err.format_message().replace("\n", " "))  # type: ignore[attr-defined]
    except typer.Exit as err:
        raise SystemExit(err.exit_code) from None
    except VerifierError as err:
        fail(str(err).replace("\n", " "))
    except BrokenPipeError:
        raise SystemExit(1) from None
    except MemoryError:
        fail("out of memory")
    except Exception as err:  # noqa: BLE001 - the last line of defence: never a traceback
        fail(f"internal error: {type(err).__name__}: {err} (please report this)")
    raise SystemExit(code if isinstance(code, int) else 0)
