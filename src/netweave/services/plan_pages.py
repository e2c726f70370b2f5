"""A plan as a printable page: Markdown, or one HTML page (self-contained, or styled by a link).

The CLI writes the page as one file with its style inside; the web app serves the
same page with the style as a linked stylesheet (:data:`STYLE`), since its
Content-Security-Policy allows no inline style.
"""

from __future__ import annotations

from jinja2 import Environment
from markupsafe import Markup, escape

from netweave.services.plans import EventPlan

KIND_TITLES = {
    "reconnect": "Reconnect",
    "deepen": "Get to know better",
    "learn": "Learn from",
    "discover": "Meet someone new",
}
CLI_AFTER = Markup(
    "Afterwards: <code>netweave debrief</code> with whom you met, and a\n"
    "one-on-one with one or two of them within a week."
)

STYLE = """@page { size: A4; margin: 18mm; }
body { font: 11pt/1.45 system-ui, sans-serif; color: #1d232b;
       max-width: 46rem; margin: 2rem auto; }
h1 { font-size: 1.35rem; margin: 0 0 .2rem; }
.when { color: #5a6572; margin: 0 0 1rem; }
.purpose { border-left: 4px solid #2f6f62; padding: .4rem .8rem; background: #f3f7f6; }
ol { padding-left: 1.2rem; }
li { margin: .7rem 0; }
.kind { font-size: .8rem; text-transform: uppercase; letter-spacing: .04em; color: #2f6f62; }
.opener { font-style: italic; }
.after { margin-top: 1.5rem; font-size: .95rem; color: #3b4652; }
.back { font-size: .9rem; }
@media print { .back { display: none; } }
"""

_HTML = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Plan: {{ plan.event }}</title>
<link rel="icon" href="data:,">
{% if stylesheet %}<link rel="stylesheet" href="{{ stylesheet }}">
{% else %}<style>
{{ style }}</style>
{% endif %}
</head>
<body>
{% if back %}<p class="back"><a href="{{ back }}">Back to the event</a></p>
{% endif %}
<h1>{{ plan.event }}</h1>
<p class="when">{{ when }} · targets from {{ plan.drawn_from }}</p>
<p class="purpose">{{ plan.purpose }}</p>
<ol>
{% for t in plan.targets %}
  <li><span class="kind">{{ kinds[t.kind] }}</span><br>
    <strong>{{ t.name }}</strong> — {{ t.reason }}
    {% if t.opener %}<br><span class="opener">Opener: {{ t.opener }}</span>{% endif %}</li>
{% else %}
  <li>No one stands out in the records: meet one or two new people.</li>
{% endfor %}
</ol>
<p class="after">{{ after }}</p>
</body>
</html>
"""


def markdown(plan: EventPlan, when: str) -> str:
    lines = [
        f"# {plan.event}",
        "",
        f"{when} · targets from {plan.drawn_from}",
        "",
        f"**Purpose:** {plan.purpose}",
        "",
    ]
    for number, target in enumerate(plan.targets, 1):
        lines.append(f"{number}. **{target.name}** ({KIND_TITLES[target.kind]}): {target.reason}")
        if target.opener:
            lines.append(f"   *Opener:* {target.opener}")
    if not plan.targets:
        lines.append("No one stands out in the records: meet one or two new people.")
    lines += [
        "",
        "Afterwards: `netweave debrief` with whom you met, and a one-on-one with one or two "
        "of them within a week.",
        "",
    ]
    return "\n".join(lines)


def html(
    plan: EventPlan,
    when: str,
    *,
    stylesheet: str | None = None,
    after: str | None = None,
    back: str | None = None,
) -> str:
    """The printable page; with ``stylesheet`` (a URL serving :data:`STYLE`) it links its style.

    ``after`` says how to debrief (plain text; the CLI's words by default), ``back``
    is a link back to where the page was opened from (not printed).
    """
    template = Environment(autoescape=True).from_string(_HTML)
    closing = escape(after) if after is not None else CLI_AFTER
    return template.render(
        plan=plan,
        when=when,
        kinds=KIND_TITLES,
        style=Markup(STYLE),
        stylesheet=stylesheet,
        after=closing,
        back=back,
    )


__all__ = ["KIND_TITLES", "STYLE", "html", "markdown"]
