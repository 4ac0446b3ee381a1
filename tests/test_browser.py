"""The HTML page in a real browser: Debian's Chromium driven by Playwright, offline, from file://.

Screenshots land in ``tests/artifacts/`` (or ``$KG_ARTIFACTS``) to be looked at; times to first
draw are printed (``pytest -s`` shows them).
"""

from __future__ import annotations

import itertools
import os
import random
from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest
from conftest import CORPUS, NO_CORPUS, WIKINEWS, require_tool
from playwright.sync_api import BrowserContext, Page, sync_playwright
from test_html import NK, RU, TITLE, about_graph, dated_graph, event, realistic_graph

from kg.export.html import write_html
from kg.graph import EventGraph
from kg.model import Article, Entity, EntityType, Event, Mention, MentionKind, Modality

ARTIFACTS = Path(os.environ.get("KG_ARTIFACTS", Path(__file__).parent / "artifacts"))
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1400, "height": 900}


@pytest.fixture(scope="module")
def browser(tmp_path_factory) -> BrowserContext:
    """One Chromium with a fresh profile for the module; each test opens its own page."""
    chromium = require_tool("chromium")
    playwright = sync_playwright().start()
    context = playwright.chromium.launch_persistent_context(
        tmp_path_factory.mktemp("chromium-profile"),
        executable_path=chromium,
        headless=True,
        args=CHROMIUM_FLAGS,
        viewport=VIEWPORT,
    )
    yield context
    context.close()
    playwright.stop()


@dataclass
class Opened:
    page: Page
    url: str
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def eval(self, script: str, arg: object = None) -> object:
        return self.page.evaluate(script, arg)

    def shown(self) -> tuple[int, int]:
        """Entities and arrows the filters leave visible."""
        visible = "(set) => set.get({filter: (item) => !item.hidden}).length"
        return tuple(self.eval(f"[nodes, edges].map({visible})"))

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / name
        self.page.screenshot(path=path)
        return path


def open_page(browser: BrowserContext, eg: EventGraph, tmp_path: Path, name: str = "graph.html", **kw) -> Opened:
    path = tmp_path / name
    write_html(eg, path, **kw)
    page = browser.new_page()
    opened = Opened(page, path.as_uri())
    page.on("console", lambda m: m.type in ("error", "warning") and opened.errors.append(f"{m.type}: {m.text}"))
    page.on("pageerror", lambda e: opened.errors.append(f"pageerror: {e}"))
    page.on("request", lambda r: opened.requests.append(r.url))
    page.goto(opened.url)
    page.wait_for_function("document.body.dataset.ready === '1'", timeout=60_000)
    return opened


def assert_clean(opened: Opened) -> None:
    """No error, no warning, and nothing fetched but the page itself."""
    assert opened.errors == []
    assert opened.eval("document.body.dataset.jsError") is None
    assert opened.requests == [opened.url]


def held_entities(eg: EventGraph) -> set[str]:
    """Entities an event holds, or a thing is about: the others are only named in the text, and
    the page hides them until « entités sans événement » is checked."""
    held = {x.id for e in eg.events for m in e.roles().values() for x in m.all_entities()}
    return held | {x.id for entity in eg.entities.values() for x in entity.about}


def drawn_counts(eg: EventGraph) -> tuple[int, int]:
    """Entities held by an event, and events whose actor and target both resolved: what the
    page must draw at first (one arrow per event, however many reports it has)."""
    leads = [h.lead for h in eg.happenings]
    arrows = [e for e in leads if e.actor and e.target and e.actor.entity and e.target.entity]
    return len(held_entities(eg)), len(arrows)


def vis_counts(opened: Opened) -> tuple[int, int]:
    """What vis-network itself holds and draws (its visible nodes and edges)."""
    return tuple(opened.eval("[network.body.nodeIndices.length, network.body.edgeIndices.length]"))


def ink(opened: Opened) -> int:
    """Non-white pixels on the canvas: something was painted."""
    return opened.eval(
        """(() => {
        const canvas = document.querySelector('#kg-network canvas');
        const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        let n = 0;
        for (let i = 0; i < pixels.length; i += 4) if (pixels[i] < 250 || pixels[i + 1] < 250) n++;
        return n;
    })()"""
    )


def times(opened: Opened) -> tuple[int, int]:
    """Milliseconds from navigation to the first frame, and to the page answering clicks."""
    return int(opened.eval("document.body.dataset.drawnMs")), int(opened.eval("document.body.dataset.readyMs"))


def hover(opened: Opened, x: float, y: float) -> None:
    """Move the mouse over canvas point (x, y), as a reader would, and wait for the tooltip."""
    point = opened.eval("(p) => network.canvasToDOM(p)", {"x": x, "y": y})
    box = opened.page.locator("#kg-network").bounding_box()
    opened.page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
    opened.page.wait_for_timeout(400)


def click_at(opened: Opened, x: float, y: float) -> None:
    point = opened.eval("(p) => network.canvasToDOM(p)", {"x": x, "y": y})
    box = opened.page.locator("#kg-network").bounding_box()
    opened.page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])


# ---- graphs ----


def injection_graph() -> EventGraph:
    """Markup, script and quotes everywhere an article or a name can carry them."""
    text = (
        'Selon "Le Monde" <script>window.__pwned = 1</script>, l\'ONG <b>Libre</b> a accusé '
        'Ivan « le Terrible » <img src=x onerror="window.__pwned = 2"> d\'avoir menti. '
        "</script><script>window.__pwned = 3</script> Le groupe 'Alpha' a attaqué "
        '<img src="x" onerror="window.__pwned = 4">Bravo.'
    )
    article = Article(
        text=text,
        title='<img src=x onerror="window.__pwned = 5"> « Titre » </script><script>window.__pwned = 6</script>',
        date=None,
        url='javascript:window.__pwned = 7"><script>window.__pwned = 8</script>',
    )
    ong = Entity("ong", "L'ONG <b>Libre</b> </script>", EntityType.ORGANIZATION, aliases=("l'ONG <b>Libre</b>",))
    ivan = Entity(
        "ivan",
        'Ivan "le Terrible" <img src=x onerror="window.__pwned = 9">',
        EntityType.PERSON,
        aliases=("</script><script>window.__pwned = 10</script>",),
        affiliation="ong",
        role="<i>chef</i>",
    )
    alpha = Entity("alpha", "groupe 'Alpha'", EntityType.GROUP)
    bravo = Entity("bravo", '<img src="x" onerror="window.__pwned = 11">Bravo', EntityType.THING)
    first, second = text.split(" </script>")
    second = "</script>" + second
    events = [
        event(
            article,
            first,
            "accusé",
            "accuser",
            Modality.REPORTED,
            actor=("l'ONG <b>Libre</b>", ong),
            target=('Ivan « le Terrible » <img src=x onerror="window.__pwned = 2">', ivan),
            source=('"Le Monde" <script>window.__pwned = 1</script>', None),
        ),
        event(
            article,
            second,
            "attaqué",
            "attaquer",
            actor=("Le groupe 'Alpha'", alpha),
            target=('<img src="x" onerror="window.__pwned = 4">Bravo', bravo),
        ),
    ]
    return EventGraph.from_events([article], events)


def synthetic_graph(n_nodes: int = 2000, n_edges: int = 5000, seed: int = 7) -> EventGraph:
    """``n_nodes`` entities, every one an actor at least once, and ``n_edges`` arrows between them
    (no pair twice: « A attaque B » twice in one article would be one event with two reports)."""
    rng = random.Random(seed)
    kinds = list(EntityType)
    entities = [
        Entity(f"e{i:05d}", f"Entité {i}", kinds[i % len(kinds)], aliases=(f"Alias {i}",)) for i in range(n_nodes)
    ]
    pairs: dict[tuple[int, int], None] = {}
    for i in itertools.count():
        if len(pairs) == n_edges:
            break
        pairs.setdefault((i % n_nodes, rng.randrange(n_nodes)))
    sentences = [f"{entities[a].label} attaque {entities[b].label}." for a, b in pairs]
    article = Article(text=" ".join(sentences), title="Graphe synthétique")
    events, start = [], 0
    for (a, b), sentence in zip(pairs, sentences, strict=True):
        actor, target = entities[a], entities[b]
        verb = start + len(actor.label) + 1
        events.append(
            Event(
                action=Mention("attaque", verb, verb + 7, kind=MentionKind.VERB),
                lemma="attaquer",
                actor=Mention(actor.label, start, start + len(actor.label), kind=MentionKind.NAME, entity=actor),
                target=Mention(target.label, verb + 8, verb + 8 + len(target.label), MentionKind.NAME, entity=target),
                sentence=Mention(sentence, start, start + len(sentence), kind=MentionKind.SENTENCE),
                doc_id=article.id,
            )
        )
        start += len(sentence) + 1
    return EventGraph.from_events([article], events)


# ---- what is drawn ----


def test_realistic_page_draws_every_entity_and_arrow(browser, tmp_path):
    eg = realistic_graph()
    opened = open_page(browser, eg, tmp_path)
    assert_clean(opened)
    assert drawn_counts(eg) == (8, 8)
    assert opened.shown() == vis_counts(opened) == drawn_counts(eg)
    assert ink(opened) > 2000
    assert opened.eval("window.network === window.kg.network && typeof window.network.getPositions") == "function"
    assert opened.page.locator("#kg-counts").inner_text() == "2 articles · 8 entités · 10 événements"
    opened.screenshot("realistic.png")


def test_empty_graph_page(browser, tmp_path):
    opened = open_page(browser, EventGraph(), tmp_path)
    assert_clean(opened)
    assert vis_counts(opened) == (0, 0)
    assert opened.page.locator("#kg-empty").is_visible()


# ---- search, panels, filters ----


def test_search_pyongyang_selects_north_korea(browser, tmp_path):
    assert "Pyongyang" in NK.aliases
    opened = open_page(browser, realistic_graph(), tmp_path)
    opened.page.fill("#kg-search-input", "Pyongyang")
    opened.page.press("#kg-search-input", "Enter")
    assert opened.eval("network.getSelectedNodes()") == ["nk"]
    panel = opened.page.locator("#kg-details")
    assert panel.locator("h3").inner_text() == "Corée du Nord"
    assert "Pyongyang" in panel.inner_text()
    # Case, accents and hyphens aside, « COREE-du-nord » is « Corée du Nord » too.
    opened.eval("network.unselectAll()")
    opened.page.fill("#kg-search-input", "  COREE-du-nord ")
    opened.page.press("#kg-search-input", "Enter")
    assert opened.eval("network.getSelectedNodes()") == ["nk"]
    opened.page.fill("#kg-search-input", "Atlantide")
    opened.page.press("#kg-search-input", "Enter")
    assert opened.page.locator("#kg-search-status").inner_text() == "Aucune entité ne correspond."
    assert_clean(opened)
    opened.screenshot("search-pyongyang.png")


def test_node_panel_lists_aliases_affiliation_and_events(browser, tmp_path):
    opened = open_page(browser, realistic_graph(), tmp_path)
    x, y = opened.eval("Object.values(network.getPositions(['troops']))[0]").values()
    click_at(opened, x, y)
    panel = opened.page.locator("#kg-details")
    text = panel.inner_text()
    assert panel.locator("h3").inner_text() == "soldats nord-coréens"
    for expected in ["Groupe · 2 événements", "3 000 soldats", "affiliation", "Corée du Nord", "secteur", "armée"]:
        assert expected in text
    assert "Corée du Nord → envoyer → soldats nord-coréens" in text
    assert panel.locator(".kg-article-note").first.inner_text() == TITLE  # the article of each event
    # The affiliation leads to its entity, whose neighbourhood is one click away.
    panel.get_by_role("button", name="Corée du Nord", exact=True).click()
    assert panel.locator("h3").inner_text() == "Corée du Nord"
    panel.get_by_role("button", name="Voir son voisinage seul").click()
    assert opened.page.is_checked("#kg-neighbourhood")
    assert opened.shown() == (3, 2)
    panel.get_by_role("button", name="Fermer le détail").click()
    assert panel.is_hidden()
    assert opened.shown() == (8, 8)  # nothing selected: no neighbourhood to show
    assert "Choisissez d'abord une entité" in opened.page.locator("#kg-neighbourhood-note").inner_text()
    assert_clean(opened)


def test_node_panel_links_a_thing_and_what_it_is_about(browser, tmp_path):
    opened = open_page(browser, about_graph(), tmp_path)
    page, panel = opened.page, opened.page.locator("#kg-details")
    assert opened.shown() == (3, 1)
    page.fill("#kg-search-input", "annonce")
    page.press("#kg-search-input", "Enter")
    assert "à propos de" in panel.inner_text()
    panel.get_by_role("button", name="Corée du Nord", exact=True).click()
    assert panel.locator("h3").inner_text() == "Corée du Nord"
    assert "Pays · 0 événement" in panel.inner_text()
    assert "en est le sujet" in panel.inner_text()
    # No event of its own, so no filter can judge it: it stays while every box is ticked.
    panel.get_by_role("button", name="Fermer le détail").click()
    page.uncheck("input[name=status][value=negated]")
    assert opened.shown() == (3, 1)
    assert_clean(opened)


def test_edge_panel_tells_the_event(browser, tmp_path):
    eg = realistic_graph()
    sending = next(e for e in eg.events if e.lemma == "envoyer" and e.target.entity.id == "troops")
    opened = open_page(browser, eg, tmp_path)
    a, b = opened.eval("(ids) => Object.values(network.getPositions(ids))", ["nk", "troops"])
    hover(opened, (a["x"] + b["x"]) / 2, (a["y"] + b["y"]) / 2)
    tooltip = opened.page.locator("div.vis-tooltip")
    assert tooltip.is_visible()
    assert "Corée du Nord → envoyer → soldats nord-coréens" in tooltip.inner_text()
    assert "selon Séoul" in tooltip.inner_text()
    opened.screenshot("edge-tooltip.png")
    click_at(opened, (a["x"] + b["x"]) / 2, (a["y"] + b["y"]) / 2)
    assert opened.eval("network.getSelectedEdges()") == [sending.id]
    panel = opened.page.locator("#kg-details")
    text = panel.inner_text()
    for expected in [
        "Corée du Nord → envoyer → soldats nord-coréens",
        "destination : Russie · quantité : 3 000 · selon Séoul",
        "allégué",
        "Des soldats nord-coréens en Russie </script><b>gras</b> & co",  # the title, as text
        "Selon Séoul, la Corée du Nord aurait envoyé 3 000 soldats en Russie.",
    ]:
        assert expected in text
    marks = panel.locator("p.kg-sentence mark")
    in_sentence = "ms => ms.filter(m => !m.closest('.kg-mark-key')).map(m => [m.className, m.innerText])"
    classes = marks.evaluate_all(in_sentence)
    assert dict(classes) == {
        "kg-role-source": "Séoul",
        "kg-role-actor": "la Corée du Nord",
        "kg-role-action": "envoyé",
        "kg-role-quantity": "3 000",
        "kg-role-target": "soldats",
        "kg-role-destination": "Russie",
    }
    assert_clean(opened)
    opened.page.wait_for_timeout(600)  # the edge slides out from under the panel
    opened.screenshot("edge-panel.png")


def test_type_modality_neighbourhood_filters(browser, tmp_path):
    opened = open_page(browser, realistic_graph(), tmp_path)
    page = opened.page
    page.fill("#kg-search-input", "Corée du Nord")
    page.press("#kg-search-input", "Enter")
    page.check("#kg-neighbourhood")
    assert opened.shown() == (3, 2)  # itself, Russie and the soldiers it sends
    page.uncheck("input[name=status][value=alleged]")
    assert opened.shown() == (1, 0)  # both sendings are alleged; the selected entity stays
    page.uncheck("#kg-neighbourhood")
    assert opened.shown() == (8, 6)
    assert page.locator("#kg-shown").inner_text() == "Affichés : 2 articles · 8 entités · 6 flèches"
    page.uncheck("input[name=type][value=Country]")
    assert opened.shown() == (6, 2)  # Corée du Nord stays, being selected, but has no arrow left
    page.click("#kg-reset")
    assert opened.shown() == (8, 8)
    assert page.locator("#kg-shown").inner_text() == "Tout est affiché."
    assert vis_counts(opened) == (8, 8)
    assert_clean(opened)


def test_date_range_filter(browser, tmp_path):
    eg = dated_graph()
    opened = open_page(browser, eg, tmp_path)
    page = opened.page
    assert opened.shown() == (4, 3)
    page.fill("#kg-date-from", "2024-02-01")
    assert opened.shown() == (4, 2)  # January's attack goes; undated events stay
    page.uncheck("#kg-undated")
    assert opened.shown() == (2, 1)  # March's bombing only
    page.fill("#kg-date-to", "2024-02-28")
    assert opened.shown() == (0, 0)
    page.check("#kg-undated")
    assert opened.shown() == (4, 1)  # the undated article: NATO's condemnation, Kiev's delivery to Kim
    page.uncheck("#kg-isolated")
    assert opened.shown() == (3, 1)  # Kim has no arrow
    page.click("#kg-reset")
    assert opened.shown() == (4, 3)
    assert_clean(opened)


def test_minimum_confidence_filter_hides_less_confident_arrows(browser, tmp_path):
    dated = dated_graph()
    scores = {"attaquer": 0.9, "bombarder": 0.4, "condamner": None, "livrer": 0.6}
    events = [replace(e, confidence=scores[e.lemma]) for e in dated.events]
    eg = EventGraph.from_events(dated.articles.values(), events)
    opened = open_page(browser, eg, tmp_path)
    page = opened.page
    assert opened.shown() == (4, 3)
    page.fill("#kg-min-confidence", "0.5")
    assert opened.shown() == (4, 2)  # the bombing (0,4) goes
    assert page.locator("#kg-min-confidence-value").inner_text() == "0,5"
    page.fill("#kg-min-confidence", "0.95")
    assert opened.shown() == (2, 1)  # NATO's condemnation has no confidence: it stays
    page.click("#kg-reset")
    assert opened.shown() == (4, 3)
    attack = next(e for e in events if e.lemma == "attaquer")
    page.goto(f"{opened.url}#{attack.id}")
    page.wait_for_function("document.querySelector('#kg-details .kg-summary')")
    lines = page.locator("#kg-details").inner_text().splitlines()
    assert lines[lines.index("confiance") + 1] == "0,9"
    assert_clean(opened)


def test_hash_opens_an_entity_or_an_event(browser, tmp_path):
    eg = realistic_graph()
    bombing = next(e for e in eg.events if e.lemma == "bombarder")
    opened = open_page(browser, eg, tmp_path)
    opened.page.goto(f"{opened.url}#{bombing.id}")
    opened.page.wait_for_function("document.querySelector('#kg-details .kg-summary')")
    panel = opened.page.locator("#kg-details")
    assert "Russie → bombarder → Ukraine" in panel.inner_text()
    assert "Kiev dit que <script>alert(1)</script> la Russie a bombardé L'Ukraine." in panel.inner_text()
    opened.page.goto(f"{opened.url}#kim")
    opened.page.wait_for_function("document.querySelector('#kg-details h3')")
    assert panel.locator("h3").inner_text() == "Kim Jong-un"


# ---- article text is text ----


def test_injected_markup_runs_no_script(browser, tmp_path):
    eg = injection_graph()
    ivan = eg.entities["ivan"]
    title = '<img src=x onerror="window.__pwned = 12"></title><script>x</script>'
    opened = open_page(browser, eg, tmp_path, title=title)
    assert opened.shown() == (4, 2)
    # Every tooltip and every panel shown once.
    for node in opened.eval("nodes.getIds()"):
        pos = opened.eval("(id) => network.getPositions([id])[id]", node)
        hover(opened, pos["x"], pos["y"])
        click_at(opened, pos["x"], pos["y"])
    for edge in opened.eval("edges.get().map(e => [e.from, e.to])"):
        a, b = opened.eval("(ids) => Object.values(network.getPositions(ids))", edge)
        hover(opened, (a["x"] + b["x"]) / 2, (a["y"] + b["y"]) / 2)
        click_at(opened, (a["x"] + b["x"]) / 2, (a["y"] + b["y"]) / 2)
    opened.page.fill("#kg-search-input", "</script><script>window.__pwned = 10</script>")
    opened.page.press("#kg-search-input", "Enter")
    assert opened.page.locator("#kg-details h3").inner_text() == ivan.label
    details = opened.page.locator("#kg-details").inner_text()
    assert "<i>chef</i>" in details
    assert "L'ONG <b>Libre</b> </script>" in details  # the affiliation, by its label
    opened.page.locator("#kg-details .kg-event-list button").first.click()
    details = opened.page.locator("#kg-details").inner_text()
    assert 'Selon "Le Monde" <script>window.__pwned = 1</script>' in details
    assert '<img src=x onerror="window.__pwned = 5"> « Titre » </script><script>window.__pwned = 6</script>' in details
    assert opened.eval("window.__pwned") is None
    assert opened.eval("document.querySelectorAll('img, b, i').length") == 0
    assert opened.eval("document.querySelectorAll('script').length") == 4  # error hook, data, vis, page
    assert opened.page.title() == title
    assert_clean(opened)
    opened.screenshot("injection.png")


# ---- fast on big graphs ----


def test_seed_article_page(browser, tmp_path, seed_graph):
    opened = open_page(browser, seed_graph, tmp_path, name="seed.html")
    assert_clean(opened)
    assert opened.shown() == vis_counts(opened) == drawn_counts(seed_graph)
    drawn, ready = times(opened)
    print(f"\nseed article: {drawn_counts(seed_graph)} drawn, first frame {drawn} ms, interactive {ready} ms")
    opened.screenshot("seed.png")


def test_entities_without_events_wait_for_their_switch_and_search_finds_them(browser, tmp_path, seed_graph):
    named_only = sorted(set(seed_graph.entities) - held_entities(seed_graph))
    assert named_only, "the seed names entities that no event holds"
    opened = open_page(browser, seed_graph, tmp_path)
    page = opened.page
    assert opened.shown()[0] == len(seed_graph.entities) - len(named_only)
    opened.screenshot("named-only-off.png")
    page.check("#kg-named-only")
    assert opened.shown()[0] == len(seed_graph.entities)
    opened.screenshot("named-only-on.png")
    page.uncheck("#kg-named-only")
    assert opened.shown()[0] == len(seed_graph.entities) - len(named_only)
    entity = seed_graph.entities[named_only[0]]
    page.fill("#kg-search-input", entity.label)
    page.press("#kg-search-input", "Enter")
    page.wait_for_function("document.querySelector('#kg-details h3')")
    assert page.locator("#kg-details h3").inner_text() == entity.label
    assert opened.shown()[0] == len(seed_graph.entities) - len(named_only) + 1  # the one chosen shows
    page.click("#kg-reset")
    assert opened.shown()[0] == len(seed_graph.entities) - len(named_only)
    assert_clean(opened)


@pytest.fixture(
    scope="module",
    params=[WIKINEWS, pytest.param(CORPUS, marks=pytest.mark.skipif(not CORPUS.is_dir(), reason=NO_CORPUS))],
    ids=["shipped", "corpus"],
)
def corpus_graph(request):
    import kg

    graph = kg.build_graph([request.param])
    assert len(graph.articles) >= 12 and graph.events
    return graph


def test_the_event_panel_shows_the_resolved_period_under_the_time(browser, tmp_path, seed_graph):
    sent = next(e for e in seed_graph.events if e.time is not None and e.time.text == "à l'automne dernier")
    opened = open_page(browser, seed_graph, tmp_path)
    opened.page.goto(f"{opened.url}#{sent.id}")
    opened.page.wait_for_function("document.querySelector('#kg-details .kg-summary')")

    lines = opened.page.locator("#kg-details").inner_text().splitlines()
    at = lines.index("à l'automne dernier")
    assert lines[at + 1 : at + 3] == ["période", "automne 2024 (du 1 septembre au 30 novembre 2024)"]
    assert opened.errors == []


def test_wikinews_corpus_page(browser, tmp_path, corpus_graph):
    """Wikinews articles together (the 12 shipped, and the 100 when they are there): the issue
    asks for a page interactive within 3 s."""
    name = f"wikinews-{len(corpus_graph.articles)}"
    opened = open_page(browser, corpus_graph, tmp_path, name=f"{name}.html")
    assert_clean(opened)
    assert opened.shown() == vis_counts(opened) == drawn_counts(corpus_graph)
    drawn, ready = times(opened)
    print(f"\n{name}: {drawn_counts(corpus_graph)} drawn, first frame {drawn} ms, interactive {ready} ms")
    opened.screenshot(f"{name}.png")
    # Search and neighbourhood stay usable on the whole corpus.
    first = corpus_graph.entities[sorted(corpus_graph.entities)[0]]
    opened.page.fill("#kg-search-input", first.label)
    opened.page.press("#kg-search-input", "Enter")
    opened.page.check("#kg-neighbourhood")
    assert opened.eval("network.getSelectedNodes()") != []
    assert_clean(opened)


def test_two_thousand_nodes_five_thousand_edges(browser, tmp_path):
    eg = synthetic_graph()
    assert drawn_counts(eg) == (2000, 5000)
    opened = open_page(browser, eg, tmp_path, name="synthetic.html")
    assert_clean(opened)
    assert opened.shown() == vis_counts(opened) == (2000, 5000)
    assert ink(opened) > 10_000
    drawn, ready = times(opened)
    print(f"\nsynthetic 2,000 / 5,000: first frame {drawn} ms, interactive {ready} ms")
    opened.page.uncheck("input[name=type][value=Thing]")
    things = sum(e.type is EntityType.THING for e in eg.entities.values())  # one type in len(EntityType)
    assert opened.shown()[0] == 2000 - things
    opened.screenshot("synthetic.png")


def reported_graph() -> EventGraph:
    """« La Corée du Nord a envoyé des troupes en Russie » in three articles: one event, three reports."""
    troops = Entity("troops", "troupes", aliases=("des troupes",))
    texts = [
        ("Guerre", "La Corée du Nord a envoyé des troupes en Russie.", "envoyé", Modality.ASSERTED),
        ("Front", "Selon Séoul, la Corée du Nord a envoyé des troupes en Russie.", "envoyé", Modality.REPORTED),
        ("Conflit", "La Corée du Nord aurait envoyé des troupes en Russie.", "envoyé", Modality.ALLEGED),
    ]
    articles, events = [], []
    for title, text, trigger, modality in texts:
        article = Article(text=text, title=title)
        articles.append(article)
        roles = {"actor": ("Corée du Nord", NK), "target": ("troupes", troops), "destination": ("Russie", RU)}
        if text.startswith("Selon"):
            roles["source"] = ("Séoul", None)
        events.append(event(article, text, trigger, "envoyer", modality, **roles))
    return EventGraph.from_events(articles, events)


def test_event_panel_lists_the_reports(browser, tmp_path):
    eg = reported_graph()
    (happening,) = eg.happenings
    opened = open_page(browser, eg, tmp_path)
    assert "1 événement (3 récits)" in opened.page.inner_text("body")
    a, b = opened.eval("(ids) => Object.values(network.getPositions(ids))", ["nk", "troops"])
    click_at(opened, (a["x"] + b["x"]) / 2, (a["y"] + b["y"]) / 2)
    assert opened.eval("network.getSelectedEdges()") == [happening.id]
    panel = opened.page.locator("#kg-details")
    assert "3 récits dans 3 articles" in panel.inner_text()
    reports = panel.locator("li.kg-report")
    assert reports.count() == 3
    heads = [reports.nth(i).locator(".kg-report-head").inner_text() for i in range(3)]
    assert sorted(h.split(" ")[0] for h in heads) == ["affirmé", "allégué", "rapporté"]
    assert any("selon Séoul" in h for h in heads)
    assert "Selon Séoul, la Corée du Nord a envoyé des troupes en Russie." in panel.inner_text()
    assert_clean(opened)
    opened.page.wait_for_timeout(600)
    opened.screenshot("event-reports.png")
