"""HTML export: self-contained, text stays text, deterministic, and it runs in a real browser."""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from kg.export.html import generate_html, write_html
from kg.graph import EventGraph
from kg.model import Article, Entity, EntityType, Event, Mention, MentionKind, Modality

CHROMIUM = Path("/usr/bin/chromium")

NK = Entity("nk", "Corée du Nord", EntityType.COUNTRY, aliases=("Corée du Nord", "Pyongyang", "la Corée du Nord"))
RU = Entity("ru", "Russie", EntityType.COUNTRY, aliases=("Moscou", "Russie", "la Russie"))
UA = Entity("ua", "Ukraine", EntityType.COUNTRY, aliases=("Kiev", "L'Ukraine", "Ukraine"))
PUTIN = Entity("putin", "Vladimir Poutine", EntityType.PERSON, aliases=("Poutine", "Vladimir Poutine"))
KIM = Entity("kim", "Kim Jong-un", EntityType.PERSON, aliases=("Kim Jong-un",))
NATO = Entity("nato", "OTAN", EntityType.ORGANIZATION, aliases=("L'OTAN", "OTAN"))
TROOPS = Entity(
    "troops",
    "soldats nord-coréens",
    EntityType.GROUP,
    affiliation="nk",
    aliases=("3 000 soldats", "les troupes nord-coréennes"),
)
KURSK = Entity("kursk", "Koursk", EntityType.PLACE, aliases=("la région de Koursk",))

TEXT = (
    "Selon Séoul, la Corée du Nord aurait envoyé 3 000 soldats en Russie. "
    "Vladimir Poutine a remercié Kim Jong-un. "
    "L'Ukraine n'a pas attaqué la région de Koursk. "
    "Les services sud-coréens affirment que Pyongyang a livré des obus à Moscou. "
    "Washington craint que la Russie ne fournisse des technologies à la Corée du Nord. "
    "L'OTAN a condamné la Russie. "
    "Kiev dit que <script>alert(1)</script> la Russie a bombardé L'Ukraine. "
    "L'Ukraine a visé les troupes nord-coréennes."
)
TITLE = "Des soldats nord-coréens en Russie </script><b>gras</b> & co"


def mention(
    text: str,
    needle: str,
    within: Mention,
    entity: Entity | None = None,
    kind: MentionKind = MentionKind.NOUN,
) -> Mention:
    start = text.index(needle, within.start, within.end)
    return Mention(needle, start, start + len(needle), kind=kind, entity=entity)


def event(
    article: Article,
    sentence: str,
    action: str,
    lemma: str,
    modality: Modality = Modality.ASSERTED,
    **roles: tuple[str, Entity | None],
) -> Event:
    """An event of ``article``, every span looked up inside ``sentence`` as a real extraction would."""
    start = article.text.index(sentence)
    sent = Mention(sentence, start, start + len(sentence), kind=MentionKind.SENTENCE)
    found = {role: mention(article.text, needle, sent, entity) for role, (needle, entity) in roles.items()}
    return Event(
        action=mention(article.text, action, sent, kind=MentionKind.VERB),
        lemma=lemma,
        modality=modality,
        sentence=sent,
        doc_id=article.id,
        **found,
    )


def realistic_graph() -> EventGraph:
    article = Article(text=TEXT, title=TITLE)
    other = Article(text="Kim Jong-un a rencontré Vladimir Poutine à Vladivostok.", title="Sommet")
    sentences = re.findall(r"[^.]+\.", TEXT)
    s = [x.strip() for x in sentences]
    events = [
        event(
            article,
            s[0],
            "envoyé",
            "envoyer",
            Modality.ALLEGED,
            actor=("la Corée du Nord", NK),
            target=("soldats", TROOPS),
            quantity=("3 000", None),
            destination=("Russie", RU),
            source=("Séoul", None),
        ),
        event(
            article,
            s[1],
            "remercié",
            "remercier",
            actor=("Vladimir Poutine", PUTIN),
            target=("Kim Jong-un", KIM),
        ),
        event(
            article,
            s[2],
            "attaqué",
            "attaquer",
            Modality.NEGATED,
            actor=("L'Ukraine", UA),
            target=("la région de Koursk", KURSK),
        ),
        event(
            article,
            s[3],
            "livré",
            "livrer",
            Modality.REPORTED,
            actor=("Pyongyang", NK),
            target=("des obus", None),
            recipient=("Moscou", RU),
            source=("Les services sud-coréens", None),
        ),
        event(
            article,
            s[4],
            "fournisse",
            "fournir",
            Modality.HYPOTHETICAL,
            actor=("la Russie", RU),
            target=("des technologies", None),
            recipient=("la Corée du Nord", NK),
        ),
        event(article, s[5], "condamné", "condamner", actor=("L'OTAN", NATO), target=("la Russie", RU)),
        event(
            article,
            s[6],
            "bombardé",
            "bombarder",
            Modality.REPORTED,
            actor=("la Russie", RU),
            target=("L'Ukraine", UA),
            source=("Kiev", UA),
        ),
        event(
            article,
            s[7],
            "visé",
            "viser",
            actor=("L'Ukraine", UA),
            target=("les troupes nord-coréennes", TROOPS),
        ),
        event(
            other,
            other.text,
            "rencontré",
            "rencontrer",
            actor=("Kim Jong-un", KIM),
            target=("Vladimir Poutine", PUTIN),
            place=("Vladivostok", None),
        ),
        event(
            other,
            other.text,
            "rencontré",
            "rencontrer",
            actor=("Kim Jong-un", KIM),
            target=("Vladimir Poutine", PUTIN),
            place=("Vladivostok", None),
        ),
        event(
            article,
            s[0],
            "envoyé",
            "envoyer",
            Modality.ALLEGED,
            actor=("la Corée du Nord", NK),
            target=("Russie", RU),
        ),
    ]
    return EventGraph.from_events([article, other], events)


def embedded_data(page: str) -> dict:
    block = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.DOTALL)
    return json.loads(block.group(1))


# ---- self-contained ----

REMOTE = re.compile(
    r"""(?:\b(?:src|href|srcset|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//)"""
    r"""|(?:url\(\s*["']?\s*(?:https?:)?//)|(?:@import)""",
    re.IGNORECASE,
)


def test_nothing_is_loaded_from_the_network():
    page = generate_html(realistic_graph())
    assert REMOTE.search(page) is None
    assert "<link" not in page.lower()
    assert re.search(r"<script[^>]*\bsrc\s*=", page, re.IGNORECASE) is None
    assert re.search(r"<img\b", page, re.IGNORECASE) is None
    assert "vis.Network" in page  # vis-network is inlined, not fetched


def test_graph_data_matches_the_event_graph():
    eg = realistic_graph()
    data = embedded_data(generate_html(eg))
    assert [n["id"] for n in data["nodes"]] == sorted(eg.entities)
    assert {n["label"] for n in data["nodes"]} >= {"Corée du Nord", "Vladimir Poutine", "OTAN"}
    # Events whose actor and target both resolved become arrows; the others only appear in panels.
    drawn = data["edges"]
    assert len(drawn) == 8
    assert len(data["events"]) == len(eg.events) == 10  # one duplicate merged
    sent = next(e for e in drawn if e["label"] == "envoyé" and e["to"] == "troops")
    assert (sent["from"], sent["status"]) == ("nk", "alleged")
    statuses = {e["label"]: e["status"] for e in drawn}
    assert statuses["attaqué"] == "negated"
    assert statuses["remercié"] == "asserted"
    sizes = {n["id"]: n["size"] for n in data["nodes"]}
    assert sizes["ru"] > sizes["nato"]  # Russia takes part in more events
    # Kim → Poutine and Poutine → Kim bow to opposite sides: clockwise is relative to each edge.
    parallel = [e for e in drawn if {e["from"], e["to"]} == {"kim", "putin"}]
    sides = {(e["from"] < e["to"]) == (e["smooth"]["type"] == "curvedCW") for e in parallel}
    assert len(parallel) == 2 and all(e["smooth"]["enabled"] for e in parallel) and len(sides) == 2


def test_sentence_marks_follow_article_offsets():
    data = embedded_data(generate_html(realistic_graph()))
    sent = next(e for e in data["events"].values() if e["lemma"] == "envoyer" and e["target"] != "Russie")
    marks = {role: text for text, role in sent["sentence"] if role}
    assert marks == {
        "source": "Séoul",
        "actor": "la Corée du Nord",
        "action": "envoyé",
        "quantity": "3 000",
        "target": "soldats",
        "destination": "Russie",
    }
    assert "".join(text for text, _ in sent["sentence"]) == TEXT.split(". ")[0] + "."
    assert (sent["actor"], sent["target"]) == ("Corée du Nord", "soldats nord-coréens")


# ---- text stays text ----


def test_article_markup_is_never_markup():
    page = generate_html(realistic_graph(), title="<i>titre</i> & </script>")
    assert "<script>alert(1)" not in page
    assert "alert(1)</script>" not in page
    assert "<b>gras</b>" not in page
    assert "<i>titre</i>" not in page
    assert "<title>&lt;i&gt;titre&lt;/i&gt; &amp; &lt;/script&gt;</title>" in page
    # The data block holds the article text intact once decoded.
    data = embedded_data(page)
    sentence = next(e for e in data["events"].values() if e["lemma"] == "bombarder")["sentence"]
    assert "<script>alert(1)</script>" in "".join(text for text, _ in sentence)
    assert {e["title"] for e in data["events"].values()} == {TITLE, "Sommet"}


def test_page_script_never_writes_markup():
    js = (Path(__file__).parents[1] / "kg" / "export" / "templates" / "graph.js").read_text(encoding="utf-8")
    assert re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write", js) is None


# ---- determinism, empty graph, header ----


def test_same_graph_same_bytes():
    assert generate_html(realistic_graph()) == generate_html(realistic_graph())


def test_merge_order_does_not_change_the_page():
    eg = realistic_graph()
    halves = [
        EventGraph.from_events(eg.articles.values(), eg.events[:4]),
        EventGraph.from_events(eg.articles.values(), eg.events[4:]),
    ]
    assert generate_html(halves[0].merge(halves[1])) == generate_html(halves[1].merge(halves[0]))


def test_empty_graph_says_there_is_nothing_to_show():
    page = generate_html(EventGraph())
    assert "Rien à afficher" in page
    assert "0 article · 0 entité · 0 événement" in page
    assert embedded_data(page)["nodes"] == []


def test_header_title_and_counts():
    eg = realistic_graph()
    page = generate_html(eg)
    assert '<h1 id="kg-title">kg — graphe d&#39;événements</h1>' in page
    assert "2 articles · 8 entités · 10 événements" in page
    assert "8 liens dessinés" in page
    assert '<html lang="fr">' in page
    assert '<h1 id="kg-title">Corée du Nord</h1>' in generate_html(eg, title="Corée du Nord")


def test_write_html_is_atomic_and_utf8(tmp_path):
    target = tmp_path / "graphe.html"
    write_html(realistic_graph(), target)
    write_html(realistic_graph(), str(target))
    assert target.read_bytes() == generate_html(realistic_graph()).encode("utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["graphe.html"]


# ---- in a real browser ----


def run_chromium(url: str, tmp_path: Path, *extra: str) -> str:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is required under CI")
        pytest.skip(f"{CHROMIUM} is not installed")
    command = [
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--virtual-time-budget=5000",
        *extra,
        url,
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def body_attributes(dom: str) -> dict[str, str]:
    tag = re.search(r"<body([^>]*)>", dom)
    assert tag is not None, dom[:500]
    return {k: html.unescape(v) for k, v in re.findall(r'([\w-]+)="([^"]*)"', tag.group(1))}


@pytest.mark.parametrize("graph", [realistic_graph, EventGraph], ids=["realistic", "empty"])
def test_page_runs_in_headless_chromium(graph, tmp_path):
    eg = graph()
    path = tmp_path / "graphe.html"
    write_html(eg, path)
    attributes = body_attributes(run_chromium(path.as_uri(), tmp_path, "--dump-dom"))
    assert "data-js-error" not in attributes, attributes.get("data-js-error")
    assert attributes.get("data-ready") == "1"
    if eg.entities:
        assert attributes["data-drawn-nodes"] == str(len(eg.entities))
        assert attributes["data-drawn-edges"] == "8"


def test_event_panel_shows_article_markup_as_text(tmp_path):
    eg = realistic_graph()
    bombing = next(e for e in eg.events if e.lemma == "bombarder")
    path = tmp_path / "graphe.html"
    write_html(eg, path)
    dom = run_chromium(f"{path.as_uri()}#{bombing.id}", tmp_path, "--dump-dom")  # opens on that event
    assert "data-js-error" not in body_attributes(dom)
    panel = re.search(r'<aside class="kg-side kg-details" id="kg-details"[^>]*>(.*?)</aside>', dom, re.DOTALL)
    assert panel is not None
    assert "Russie → bombarder → Ukraine" in panel.group(1)
    assert '<mark class="kg-role-action" title="déclencheur">bombardé</mark>' in panel.group(1)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in panel.group(1)
    assert "<script>alert(1)" not in dom
    assert "&lt;/script&gt;&lt;b&gt;gras&lt;/b&gt; &amp; co" in panel.group(1)


# Played in the page once it is ready; it reports through data- attributes of <body>.
INTERACTIONS = """<script>
const poll = setInterval(() => {
  if (document.body.dataset.ready !== "1") return;
  clearInterval(poll);
  const visible = () => String(kg.nodes.get({filter: (n) => !n.hidden}).length);
  const report = document.body.dataset;
  document.getElementById("kg-search-input").value = "  COREE-du-nord ";
  document.getElementById("kg-search").requestSubmit();
  report.searchHit = document.querySelector("#kg-details h3").textContent;
  report.selected = kg.network.getSelectedNodes().join(",");
  const around = document.getElementById("kg-neighbourhood");
  around.click();
  report.neighbourhood = visible();
  document.querySelector("input[name=status][value=alleged]").click();
  report.withoutAlleged = visible();
  around.click();
  report.everything = visible();
  document.querySelector("input[name=type][value=Country]").click();
  report.withoutCountries = visible();
  report.done = "1";
}, 20);
</script></body>"""


def test_search_filters_and_neighbourhood(tmp_path):
    path = tmp_path / "graphe.html"
    path.write_text(generate_html(realistic_graph()).replace("</body>", INTERACTIONS), encoding="utf-8")
    report = body_attributes(run_chromium(path.as_uri(), tmp_path, "--dump-dom"))
    assert "data-js-error" not in report, report.get("data-js-error")
    assert report.get("data-done") == "1"
    # Case, accents and hyphens aside, « COREE-du-nord » is « Corée du Nord ».
    assert (report["data-search-hit"], report["data-selected"]) == ("Corée du Nord", "nk")
    assert report["data-neighbourhood"] == "3"  # itself, the Russie and the soldiers it sends
    assert report["data-without-alleged"] == "1"  # both sendings are alleged
    assert report["data-everything"] == "8"
    assert report["data-without-countries"] == "5"


def test_screenshot(tmp_path):
    """Leaves /tmp/kg-html.png behind for a look by eye."""
    path = tmp_path / "graphe.html"
    write_html(realistic_graph(), path)
    shot = Path(os.environ.get("KG_SCREENSHOT", "/tmp/kg-html.png"))
    run_chromium(path.as_uri(), tmp_path, f"--screenshot={shot}", "--window-size=1400,900", "--hide-scrollbars")
    assert shot.stat().st_size > 10_000
