"""build_graph end to end: what it accepts, what it builds, and that offsets point at the text."""

from __future__ import annotations

import re
from pathlib import Path

import networkx as nx
import pytest
from conftest import wikinews_articles

import kg
from kg.graph import EventGraph
from kg.model import Article, Entity, EntityType, Event, Mention, MentionKind

THANKS = "La Russie remercie la Corée du Nord."
SENT = "Pyongyang a envoyé des troupes en Russie."
ARMS = "Outre l'envoi de troupes, la Corée du Nord a fourni une grande quantité d'armes à la Russie."
PRONOUNS = {"il", "elle", "ils", "elles", "lui", "leur", "eux", "qui", "que", "ce", "cela", "ça", "on", "nous"}


def lemmas(graph: EventGraph) -> set[str]:
    return {e.lemma for e in graph.events}


def assert_offsets_match(graph: EventGraph) -> int:
    """Every span of every event is the text it claims to be; returns how many were checked."""
    checked = 0
    for event in graph.events:
        text = graph.articles[event.doc_id].text
        for role, mention in [("action", event.action), ("sentence", event.sentence), *event.roles().items()]:
            if mention is None:
                continue
            assert text[mention.start : mention.end] == mention.text, (role, mention, event.lemma)
            checked += 1
    return checked


@pytest.fixture(scope="module")
def corpus_graph():
    return kg.build_graph(wikinews_articles(5))


# --- what build_graph accepts -----------------------------------------------------------------


@pytest.fixture
def article_file(tmp_path) -> Path:
    path = tmp_path / "merci.txt"
    path.write_text(f"---\ndate: 2025-04-28\n---\n{THANKS}\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("as_str", [True, False], ids=["str", "Path"])
def test_accepts_a_file_path(article_file, as_str):
    graph = kg.build_graph([str(article_file) if as_str else article_file])

    assert graph.problems == []
    assert [a.source for a in graph.articles.values()] == [str(article_file)]
    assert "remercier" in lemmas(graph)


def test_accepts_a_single_path_not_in_a_list(article_file):
    graph = kg.build_graph(article_file)

    assert [a.source for a in graph.articles.values()] == [str(article_file)]


def test_accepts_a_folder(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text(THANKS + "\n", encoding="utf-8")
    (tmp_path / "sub" / "b.md").write_text(SENT + "\n", encoding="utf-8")

    graph = kg.build_graph([str(tmp_path)])

    assert len(graph.articles) == 2
    assert {"remercier", "envoyer"} <= lemmas(graph)


def test_accepts_raw_text():
    graph = kg.build_graph(THANKS)

    (article,) = graph.articles.values()
    assert article.text == THANKS
    assert article.source is None
    assert "remercier" in lemmas(graph)


def test_accepts_article_objects():
    article = Article(text=SENT, title="Troupes", source="https://example.org/troupes")

    graph = kg.build_graph([article])

    assert graph.articles == {article.id: article}
    assert {e.doc_id for e in graph.events} == {article.id}
    assert "envoyer" in lemmas(graph)


def test_accepts_a_mix(article_file, tmp_path):
    folder = tmp_path / "dossier"
    folder.mkdir()
    (folder / "c.txt").write_text(ARMS + "\n", encoding="utf-8")

    graph = kg.build_graph([article_file, str(folder), SENT, Article(text="Kiev a remercié Washington.")])

    assert graph.problems == []
    assert len(graph.articles) == 4
    assert {"remercier", "fournir", "envoyer"} <= lemmas(graph)


def test_same_text_twice_is_one_article(article_file):
    text = article_file.read_text(encoding="utf-8").split("---\n")[-1]

    graph = kg.build_graph([article_file, article_file, text, Article(text=text)])

    assert len(graph.articles) == 1
    assert len({e.id for e in graph.events}) == len(graph.events)


def test_missing_path_is_a_problem_and_the_rest_is_built(article_file, tmp_path):
    missing = tmp_path / "nulle-part" / "absent.txt"

    graph = kg.build_graph([str(missing), article_file])

    assert [p.source for p in graph.problems] == [str(missing)]
    assert graph.problems[0].skipped
    assert [a.source for a in graph.articles.values()] == [str(article_file)]
    assert "remercier" in lemmas(graph)


def test_missing_bare_name_is_a_problem_not_an_article(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    graph = kg.build_graph(["corpus-2025"])

    assert graph.articles == {}
    assert [p.source for p in graph.problems] == ["corpus-2025"]


# --- offsets and mentions ------------------------------------------------------------------


def test_seed_offsets_index_the_article_text(seed_graph, seed_text):
    (article,) = seed_graph.articles.values()
    assert article.text == seed_text
    assert assert_offsets_match(seed_graph) > 0


def test_corpus_offsets_index_the_article_text(corpus_graph):
    assert len(corpus_graph.articles) == 5
    assert assert_offsets_match(corpus_graph) > 0


def test_crlf_offsets_index_the_article_text(tmp_path):
    path = tmp_path / "windows.txt"
    path.write_bytes(f"---\r\ndate: 2025-04-28\r\n---\r\nTitre\r\n{THANKS}\r\n{ARMS}\r\n".encode())

    graph = kg.build_graph([path])

    assert {"remercier", "fournir"} <= lemmas(graph)
    assert assert_offsets_match(graph) > 0


# --- an article on one huge line, parsed in pieces (the limit made tiny) ---------------------


def _one_line(n: int = 3) -> str:
    """The first ``n`` shipped Wikinews articles as one paragraph: their lines joined by spaces."""
    lines = [" ".join(ln.split()) for p in wikinews_articles(n) for ln in p.read_text(encoding="utf-8").splitlines()]
    return "Un très long article\n\n" + " ".join(ln for ln in lines if ln) + "\n"


@pytest.fixture(scope="module")
def one_line() -> str:
    return _one_line()


def _mentions(mention: Mention | None):
    if mention is not None:
        yield mention
        for complement in mention.complements:
            yield from _mentions(complement)


def test_offsets_of_an_article_parsed_in_pieces_index_its_text(one_line, monkeypatch):
    from kg import nlp

    monkeypatch.setattr(nlp, "MAX_UNIT", 400)
    assert len(nlp.paragraphs(one_line)) > 10
    graph = kg.build_graph([one_line])
    assert assert_offsets_match(graph) > 200
    spans = [m for n in graph.names for x in (n.mention, n.sentence, n.appositive) for m in _mentions(x)]
    spans += [m for e in graph.events for x in (e.action, e.sentence, *e.roles().values()) for m in _mentions(x)]
    assert len(spans) > 300
    assert all(one_line[m.start : m.end] == m.text for m in spans)


def test_an_article_in_pieces_has_the_events_of_its_text_split_there(one_line, monkeypatch):
    """The pieces of one line are parsed as the paragraphs of the same text with a line break
    where each piece ends: same events, offsets, sentences, names and confidences."""
    from kg import nlp
    from kg.extract import extract_articles

    monkeypatch.setattr(nlp, "MAX_UNIT", 400)
    pieces = nlp.paragraphs(one_line)
    split = list(one_line)
    for offset, _ in pieces[2:]:
        assert split[offset - 1] == " "
        split[offset - 1] = "\n"
    split = "".join(split)
    assert [o for o, _ in nlp.paragraphs(split)] == [o for o, _ in pieces]
    monkeypatch.setattr(nlp, "MAX_UNIT", 100_000)  # the split text is not cut again
    assert [o for o, _ in nlp.paragraphs(split)] == [o for o, _ in pieces]
    monkeypatch.setattr(nlp, "MAX_UNIT", 400)
    whole, parts = extract_articles([one_line, split], ["a", "a"])
    assert len(whole.events) > 30
    assert whole == parts


def test_pieces_begin_where_the_whole_line_has_a_sentence_start(one_line, monkeypatch):
    from kg import nlp

    line = one_line.rstrip("\n").split("\n\n")[1]
    line = line[:15_000]  # within MAX_UNIT: parsed whole
    starts = {s.start_char for doc in [nlp.load()(line)] for s in doc.sents}
    cuts = {o for o, _ in nlp.cut_line(line, 400)}
    assert len(cuts) > 10
    assert cuts <= starts


@pytest.mark.parametrize("graph_name", ["seed_graph", "corpus_graph"])
def test_no_entity_is_a_pronoun(request, graph_name):
    graph = request.getfixturevalue(graph_name)

    named_like_pronouns = [e for e in graph.entities.values() if e.label.casefold() in PRONOUNS]

    assert named_like_pronouns == []
    assert not set(graph.entities) & PRONOUNS


@pytest.mark.parametrize("graph_name", ["seed_graph", "corpus_graph"])
def test_entity_labels_of_common_nouns_are_whole_words_of_the_mention(request, graph_name):
    """« le match » → « match », « une guerre » → « guerre », never « tch » or « e guerre »: the label is
    whole words of one of the entity's mentions."""
    graph = request.getfixturevalue(graph_name)

    cut = {
        (m.text, m.entity.label)
        for e in graph.events
        for m in e.roles().values()
        if m.entity is not None
        and m.kind is MentionKind.NOUN
        and m.entity.type is EntityType.THING  # coreference and groups name things otherwise
        and not any(
            re.search(rf"(?<!\w){re.escape(m.entity.label.casefold())}(?!\w)", alias.replace("’", "'").casefold())
            for alias in m.entity.aliases  # a built graph's entity: every mention of it, in all articles
        )
    }

    assert cut == set()


# --- the seed graph -------------------------------------------------------------------------


def seed_event(graph: EventGraph, lemma: str, sentence_start: str) -> Event:
    (article,) = graph.articles.values()
    at = article.text.index(sentence_start)
    found = [e for e in graph.events if e.lemma == lemma and e.sentence is not None and e.sentence.start == at]
    assert len(found) == 1, (lemma, sentence_start, found)
    return found[0]


def test_arms_to_russia(seed_graph, seed_text):
    event = seed_event(seed_graph, "fournir", "Outre l'envoi de troupes")
    at = seed_text.index("la Corée du Nord a fourni")

    assert event.action.start == seed_text.index("fourni", at)
    assert (event.actor.text, event.actor.start) == ("la Corée du Nord", at)
    assert event.actor.entity is not None and event.actor.entity.label == "Corée du Nord"
    assert (event.target.text, event.target.start) == ("armes", seed_text.index("armes à la Russie"))
    assert "quantité" in event.quantity.text
    assert seed_text[event.quantity.start : event.quantity.end] == event.quantity.text


def test_arms_recipient_is_russia(seed_graph, seed_text):
    event = seed_event(seed_graph, "fournir", "Outre l'envoi de troupes")

    assert event.recipient is not None
    assert event.recipient.text == "la Russie"
    assert event.recipient.start == seed_text.index("la Russie", event.target.end)
    assert event.recipient.entity is not None and event.recipient.entity.label == "Russie"


def test_headline_without_final_period(seed_graph, seed_text):
    headline = "La Russie remercie la Corée du Nord"
    at = seed_text.index(headline + "\n")
    event = seed_event(seed_graph, "remercier", headline)

    assert event.sentence.text == headline
    assert (event.actor.text, event.actor.start) == ("La Russie", at)
    assert (event.target.text, event.target.start) == ("la Corée du Nord", at + len("La Russie remercie "))
    assert event.actor.entity.label == "Russie"
    assert event.target.entity.label == "Corée du Nord"


def test_networkx_graph_has_entity_and_event_nodes(seed_graph):
    g = seed_graph.graph

    for entity_id in seed_graph.entities:
        assert g.nodes[entity_id]["kind"] == "entity"
    for happening in seed_graph.happenings:  # the events of the graph, each with its reports
        assert g.nodes[happening.id]["kind"] == "event"
        assert g.nodes[happening.id]["label"] == happening.lead.lemma
        assert g.nodes[happening.id]["reports"] == len(happening.reports)
    for source, target, data in g.edges(data=True):
        assert g.nodes[target]["kind"] == "entity"
        if data["role"] == "about":  # « l'annonce de la Corée du Nord » → Corée du Nord
            assert g.nodes[source]["kind"] == "entity"
        else:
            assert g.nodes[source]["kind"] == "event"
            assert data["role"] in kg.model.ROLES


def test_entity_graph_has_actor_to_target_edges(seed_graph):
    flat = seed_graph.entity_graph()

    supplied = {v for _, v, d in flat.out_edges("coree-du-nord", data=True) if d["label"] == "fournir"}
    assert any(re.fullmatch(r"thing-arme-[0-9a-f]{16}", v) for v in supplied), supplied  # the article's « armes »
    assert "remercier" in {d["label"] for d in flat.get_edge_data("russie", "coree-du-nord", default={}).values()}
    assert all(flat.nodes[n]["kind"] == "entity" for n in flat)


# --- merging --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def small_graphs():
    return [
        kg.build_graph(THANKS),
        kg.build_graph(ARMS),
        kg.build_graph("Moscou a remercié Pyongyang. La Russie a livré des avions à la Corée du Nord."),
    ]


def same(a: EventGraph, b: EventGraph) -> bool:
    return (
        a.events == b.events
        and a.entities == b.entities
        and a.articles == b.articles
        and nx.utils.graphs_equal(a.graph, b.graph)
    )


def test_merge_is_order_independent(small_graphs):
    first, second, _ = small_graphs

    assert same(first.merge(second), second.merge(first))


def test_merge_is_associative(small_graphs):
    a, b, c = small_graphs

    assert same(a.merge(b).merge(c), a.merge(b.merge(c)))


def test_merge_with_itself_changes_nothing(small_graphs):
    graph = small_graphs[2]

    assert same(graph.merge(graph), graph)


def test_merge_is_order_independent_when_articles_name_an_entity_differently():
    """The same id labelled differently in two articles must not depend on who merges whom."""

    def graph(text: str, label: str, alias: str) -> EventGraph:
        article = Article(text=text)
        start = text.index(alias)
        russia = Entity("russie", label, EntityType.COUNTRY, aliases=(alias,))
        actor = Mention(alias, start, start + len(alias), MentionKind.NAME, entity=russia)
        verb = text.index("remercie")
        action = Mention("remercie", verb, verb + len("remercie"), MentionKind.VERB)
        return EventGraph.from_events([article], [Event(action, "remercier", actor=actor, doc_id=article.id)])

    one = graph("La Russie remercie.", "Russie", "La Russie")
    two = graph("Moscou remercie.", "Fédération de Russie", "Moscou")

    assert same(one.merge(two), two.merge(one))
    assert set(one.merge(two).entities["russie"].aliases) == {"La Russie", "Moscou"}


def test_a_build_says_how_long_each_stage_took(seed_graph):
    stages = list(seed_graph.seconds)
    assert stages[:1] == ["read"] and {"load model", "parse", "extract", "resolve", "graph"} <= set(stages)
    assert all(seconds >= 0 for seconds in seed_graph.seconds.values())
