"""HTML export: self-contained, text stays text, deterministic, and it runs in a real browser."""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from pathlib import Path

from kg.export.html import generate_html, write_html
from kg.export.layout import ARC_PX
from kg.graph import EventGraph
from kg.model import Article, Entity, EntityType, Event, Mention, MentionKind, Modality

NK = Entity("nk", "Corée du Nord", EntityType.COUNTRY, aliases=("Corée du Nord", "Pyongyang", "la Corée du Nord"))
RU = Entity("ru", "Russie", EntityType.COUNTRY, aliases=("Moscou", "Russie", "la Russie"))
UA = Entity("ua", "Ukraine", EntityType.COUNTRY, aliases=("Kiev", "L'Ukraine", "Ukraine"))
PUTIN = Entity(
    "putin",
    "Vladimir Poutine",
    EntityType.PERSON,
    aliases=("Poutine", "Vladimir Poutine"),
    affiliation="ru",
    role="président",
)
KIM = Entity("kim", "Kim Jong-un", EntityType.PERSON, aliases=("Kim Jong-un",))
NATO = Entity("nato", "OTAN", EntityType.ORGANIZATION, aliases=("L'OTAN", "OTAN"))
TROOPS = Entity(
    "troops",
    "soldats nord-coréens",
    EntityType.GROUP,
    affiliation="nk",
    sector="military",
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


def dated_graph() -> EventGraph:
    """Three articles, two dated and one not, one arrow each, and Kim, only ever a recipient."""
    winter = Article(text="L'Ukraine a attaqué la Russie.", title="Janvier", date=dt.date(2024, 1, 10))
    spring = Article(text="La Russie a bombardé l'Ukraine.", title="Mars", date=dt.date(2024, 3, 5))
    undated = Article(text="L'OTAN a condamné la Russie. Kiev a livré des obus à Kim Jong-un.", title="Sans date")
    events = [
        event(winter, winter.text, "attaqué", "attaquer", actor=("L'Ukraine", UA), target=("la Russie", RU)),
        event(spring, spring.text, "bombardé", "bombarder", actor=("La Russie", RU), target=("l'Ukraine", UA)),
        event(
            undated,
            "L'OTAN a condamné la Russie.",
            "condamné",
            "condamner",
            actor=("L'OTAN", NATO),
            target=("la Russie", RU),
        ),
        event(
            undated,
            "Kiev a livré des obus à Kim Jong-un.",
            "livré",
            "livrer",
            actor=("Kiev", UA),
            target=("des obus", None),
            recipient=("Kim Jong-un", KIM),
        ),
    ]
    return EventGraph.from_events([winter, spring, undated], events)


def about_graph() -> EventGraph:
    """« L'annonce de la Corée du Nord a surpris Séoul »: the announcement is about North Korea,
    which takes part in no event of its own."""
    article = Article(text="L'annonce de la Corée du Nord a surpris Séoul.", title="Annonce")
    bare_nk = Entity("nk", "Corée du Nord", EntityType.COUNTRY)
    announcement = Entity("annonce", "annonce de la Corée du Nord", EntityType.THING, about=(bare_nk,))
    south = Entity("sk", "Corée du Sud", EntityType.COUNTRY, aliases=("Séoul",))
    surprise = event(
        article,
        article.text,
        "surpris",
        "surprendre",
        actor=("L'annonce de la Corée du Nord", announcement),
        target=("Séoul", south),
    )
    return EventGraph.from_events([article], [surprise])


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
    sent = next(e for e in drawn if e["label"].startswith("envoyé\n") and e["to"] == "troops")
    assert (sent["from"], sent["status"]) == ("nk", "alleged")
    statuses = {e["label"].split("\n")[0]: e["status"] for e in drawn}
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
    sent = next(e for e in data["events"].values() if e["lemma"] == "envoyer" and e["target"][1] == "troops")
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
    assert (sent["actor"], sent["target"]) == (["Corée du Nord", "nk"], ["soldats nord-coréens", "troops"])


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
    assert "dont 8 flèches (acteur et cible identifiés)" in page
    assert '<html lang="fr">' in page
    assert '<h1 id="kg-title">Corée du Nord</h1>' in generate_html(eg, title="Corée du Nord")


def test_write_html_is_atomic_and_utf8(tmp_path):
    target = tmp_path / "graphe.html"
    write_html(realistic_graph(), target)
    write_html(realistic_graph(), str(target))
    assert target.read_bytes() == generate_html(realistic_graph()).encode("utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["graphe.html"]


# ---- what the arrows and nodes carry ----


def test_other_roles_ride_on_the_arrow():
    data = embedded_data(generate_html(realistic_graph()))
    labels = {(e["from"], e["to"]): e["label"].split("\n") for e in data["edges"]}
    assert labels["nk", "troops"] == ["envoyé", "destination : Russie", "quantité : 3 000", "selon Séoul"]
    assert labels["putin", "kim"] == ["remercié"]
    delivery = next(e for e in data["events"].values() if e["lemma"] == "livrer")
    assert delivery["cues"] == ["à Moscou", "selon Les services sud-coréens"]
    assert delivery["roles"] == [
        ["recipient", "Moscou", [["ru", "Russie"]]],
        ["source", "Les services sud-coréens", []],
    ]
    # The legend explains every line style it draws.
    assert {s["id"]: s["label"] for s in data["statuses"]} == {
        "asserted": "affirmé",
        "reported": "rapporté",
        "alleged": "allégué",
        "hypothetical": "hypothétique",
        "negated": "nié",
    }
    assert len({json.dumps(s["dashes"]) for s in data["statuses"]}) == 5


def test_node_carries_aliases_affiliation_sector_and_role():
    nodes = {n["id"]: n for n in embedded_data(generate_html(realistic_graph()))["nodes"]}
    assert nodes["nk"]["aliases"] == ["la Corée du Nord", "Pyongyang"]
    assert (nodes["troops"]["affiliation"], nodes["troops"]["sector"]) == ("nk", "military")
    assert (nodes["putin"]["affiliation"], nodes["putin"]["role"]) == ("ru", "président")
    assert len(nodes["ru"]["events"]) == 6  # every role counts, recipient included


def test_what_a_thing_is_about_travels_with_it():
    nodes = {n["id"]: n for n in embedded_data(generate_html(about_graph()))["nodes"]}
    assert nodes["annonce"]["about"] == ["nk"]
    assert (nodes["nk"]["events"], nodes["nk"]["linked"]) == ([], False)


def test_dates_come_from_the_articles():
    page = generate_html(dated_graph())
    data = embedded_data(page)
    assert data["dates"] == {"min": "2024-01-10", "max": "2024-03-05", "undated": 2}
    by_lemma = {e["lemma"]: e for e in data["events"].values()}
    assert (by_lemma["attaquer"]["date"], by_lemma["attaquer"]["date_text"]) == ("2024-01-10", "10 janvier 2024")
    assert by_lemma["livrer"]["date"] is None
    assert 'id="kg-date-from" min="2024-01-10" max="2024-03-05" value="2024-01-10"' in page
    assert 'id="kg-date-to" min="2024-01-10" max="2024-03-05" value="2024-03-05"' in page
    assert "Aucun article n'est daté" in generate_html(realistic_graph())


# ---- layout: computed here, so that the browser draws at once ----


def test_positions_are_computed_and_physics_is_off():
    data = embedded_data(generate_html(dated_graph()))
    assert data["options"]["physics"] == {"enabled": False}
    nodes = {n["id"]: n for n in data["nodes"]}
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in nodes.values())
    assert len({(n["x"], n["y"]) for n in nodes.values()}) == len(nodes)
    # Kim is only a recipient, of an event without a resolved target: no arrow, a place in the
    # row under the drawn ones.
    assert not nodes["kim"]["linked"]
    assert nodes["kim"]["y"] > max(n["y"] for n in nodes.values() if n["linked"])
    assert {(e["from"], e["to"]) for e in data["edges"]} == {("ua", "ru"), ("ru", "ua"), ("nato", "ru")}


def test_arrows_around_a_hub_leave_room_for_their_labels():
    hub = Entity("hub", "Moyeu", EntityType.COUNTRY)
    names = [f"Pays{i}" for i in range(12)]
    article = Article(text=" ".join(f"Moyeu a aidé {n}." for n in names))
    spokes = [Entity(n.lower(), n, EntityType.COUNTRY) for n in names]
    events = [
        event(article, f"Moyeu a aidé {n}.", "aidé", "aider", actor=("Moyeu", hub), target=(n, e))
        for n, e in zip(names, spokes, strict=True)
    ]
    nodes = {n["id"]: n for n in embedded_data(generate_html(EventGraph.from_events([article], events)))["nodes"]}
    centre = nodes["hub"]["x"], nodes["hub"]["y"]
    radii = [((n["x"] - centre[0]) ** 2 + (n["y"] - centre[1]) ** 2) ** 0.5 for n in nodes.values() if n["id"] != "hub"]
    assert min(radii) >= 12 * ARC_PX / math.pi - 1  # ARC_PX of circle for each label, halfway out
