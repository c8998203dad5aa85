"""The terminal view of ``framing compare``: two articles' figures side by side, the
terms one loads and the other keeps neutral, and who speaks in each.

Reads only the :class:`framing.compare.Comparison`; colour only when asked for.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Any, Callable

from framing.render import comparison_figures

if TYPE_CHECKING:
    from framing.compare import Comparison

_WIDTH = 88


def _styler(colour: bool) -> Callable[..., str]:
    if not colour:
        return lambda text, **_: text
    import click

    return click.style


def _names(items: Any) -> str:
    return ", ".join(items) if items else "none"


def render_comparison_text(c: "Comparison", *, colour: bool = False) -> str:
    """A :class:`framing.compare.Comparison` for the terminal."""
    style = _styler(colour)
    a, b = c.a, c.b
    out = [style("framing compare", bold=True),
           f"  A: {a.source or 'A'}",
           f"  B: {b.source or 'B'}",
           ""]
    rows = comparison_figures(c)
    out.append(style(f"{'':<40}{'A':>12}{'B':>12}", bold=True))
    out += [f"{name:<40}{str(x):>12}{str(y):>12}" for name, x, y in rows]
    out.append("")

    out.append(style("Loaded in one, neutral in the other", bold=True))
    if not c.contrasts:
        out.append("  none found (no loaded word in one article whose neutral alternative the other uses)")
    for t in c.contrasts:
        loaded, other = t.loaded_side.upper(), "B" if t.loaded_side == "a" else "A"
        out.append(f"  {loaded} “{t.loaded}” ({t.category.replace('_', ' ')})  <->  {other} “{t.neutral}”")
        out.append("      " + style(f"{loaded}: {''.join(t.loaded_context)}", dim=True))
        out.append("      " + style(f"{other}: {''.join(t.neutral_context)}", dim=True))
    if c.shared_loaded:
        out.append(f"  loaded words both use: {', '.join(c.shared_loaded)}")
    out.append("")

    out.append(style("Who speaks", bold=True))
    if c.voices_only_a is None:
        out.append("  no attribution data in these reports: sources cannot be compared")
    else:
        for label, side in (("A", a), ("B", b)):
            shares = ", ".join(
                f"{s.name}{f' ({s.type})' if s.type else ''} {100 * s.share:.0f}%" if s.share is not None else s.name
                for s in side.sources or ())
            out += textwrap.wrap(f"{label} sources: {shares or 'none'}", _WIDTH, initial_indent="  ",
                                 subsequent_indent="      ")
        out += textwrap.wrap(f"heard only in A: {_names(c.voices_only_a)}", _WIDTH, initial_indent="  ",
                             subsequent_indent="      ")
        out += textwrap.wrap(f"heard only in B: {_names(c.voices_only_b)}", _WIDTH, initial_indent="  ",
                             subsequent_indent="      ")
        for label, side in (("A", a), ("B", b)):
            if side.voice_gap is not None:
                out += textwrap.wrap(f"talked about in {label}, never heard: {_names(side.voice_gap)}", _WIDTH,
                                     initial_indent="  ", subsequent_indent="      ")
    out.append("")
    return "\n".join(out)
