"""A plan as a printable page: Markdown, or one self-contained HTML page."""

from __future__ import annotations

from jinja2 import Environment

from netweave.services.plans import EventPlan

KIND_TITLES = {
    "reconnect": "Reconnect",
    "deepen": "Get to know better",
    "learn": "Learn from",
    "discover": "Meet someone new",
}

_HTML = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Plan: {{ plan.event }}</title>
<style>
  @page { size: A4; margin: 18mm; }
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
</style>
</head>
<body>
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
<p class="after">Afterwards: <code>netweave debrief</code> with whom you met, and a
one-on-one with one or two of them within a week.</p>
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


def html(plan: EventPlan, when: str) -> str:
    template = Environment(autoescape=True).from_string(_HTML)
    return template.render(plan=plan, when=when, kinds=KIND_TITLES)


__all__ = ["KIND_TITLES", "html", "markdown"]
