// Behaviour of kg/export/templates/graph.html. Data comes from the #kg-data JSON block and is
// only ever put into the page as text (textContent, createTextNode, vis titles as Elements):
// article sentences, titles and names may contain anything, markup included.
(function () {
  "use strict";

  const data = JSON.parse(document.getElementById("kg-data").textContent);
  const body = document.body;
  const types = Object.fromEntries(data.types.map((t) => [t.id, t]));
  const statuses = Object.fromEntries(data.statuses.map((s) => [s.id, s]));
  const entities = Object.fromEntries(data.nodes.map((n) => [n.id, n]));
  const edgesById = Object.fromEntries(data.edges.map((e) => [e.id, e]));
  const details = document.getElementById("kg-details");

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function plural(n, one, many) {
    return n.toLocaleString("fr-FR") + " " + (n < 2 ? one : many);
  }

  // « Corée-du-Nord », « coree du nord » and « CORÉE DU NORD » are one query.
  function normalise(text) {
    return text
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/œ/g, "oe")
      .replace(/æ/g, "ae")
      .replace(/[’‘`]/g, "'")
      .replace(/[\s\-‐–—]+/g, " ")
      .trim();
  }

  function shade(hex, factor) {
    const value = parseInt(hex.slice(1), 16);
    const channel = (shift) => Math.round(((value >> shift) & 255) * factor);
    return "rgb(" + channel(16) + "," + channel(8) + "," + channel(0) + ")";
  }

  // ---- cards: the same builders serve tooltips and the details panel ----

  // « Corée du Nord → envoyer → soldats »; « … → tuer → soldats » when the text names no actor.
  function summary(event) {
    const parts = [event.actor ? event.actor[0] : "…", event.lemma];
    if (event.target) parts.push(event.target[0]);
    return parts.join(" → ");
  }

  function statusText(event) {
    if (event.negated && event.modality !== "negated") {
      return statuses.negated.label + " (" + statuses[event.modality].label + ")";
    }
    return statuses[event.status].label;
  }

  function badge(event) {
    const span = el("span", "kg-badge", statusText(event));
    span.style.background = statuses[event.status].color;
    span.title = statuses[event.status].gloss;
    return span;
  }

  function sentence(event) {
    const p = el("p", "kg-sentence");
    for (const [text, role] of event.sentence) {
      if (role) {
        const mark = el("mark", "kg-role-" + role, text);
        mark.title = data.roles[role] || role;
        p.appendChild(mark);
      } else {
        p.appendChild(document.createTextNode(text));
      }
    }
    return p;
  }

  // Which colour is which role, for the roles marked in this sentence.
  function markKey(event) {
    const key = el("p", "kg-sentence kg-mark-key");
    const seen = new Set(event.sentence.map(([, role]) => role).filter(Boolean));
    for (const role of ["actor", "action", "target"].filter((r) => seen.has(r))) {
      key.append(el("mark", "kg-role-" + role, data.roles[role]), " ");
    }
    if ([...seen].some((r) => !["actor", "action", "target"].includes(r))) {
      key.append(el("mark", null, "autres rôles"));
    }
    return key;
  }

  // A name that leads to its entity when it is one of the graph's: a button in the panel, text elsewhere.
  function entityRef(label, id, live) {
    if (!live || !id || !Object.hasOwn(entities, id)) return document.createTextNode(label);
    const link = el("button", "kg-link", label);
    link.type = "button";
    link.addEventListener("click", () => selectNode(id, true));
    return link;
  }

  // rows: [name, value] where value is a string or a DOM node; empty values are left out.
  function fields(rows) {
    const dl = el("dl", "kg-fields");
    for (const [name, value] of rows) {
      if (value === null || value === undefined || value === "") continue;
      dl.appendChild(el("dt", null, name));
      const dd = el("dd");
      dd.append(value);
      dl.appendChild(dd);
    }
    return dl;
  }

  // « Moscou (Russie) »: the words of the text, then the entities they were resolved to.
  function roleValue(text, named, live) {
    if (!named.length) return text;
    const span = el("span");
    if (named.length === 1 && named[0][1] === text) {
      span.append(entityRef(named[0][1], named[0][0], live));
      return span;
    }
    span.append(text + " (");
    named.forEach(([id, label], i) => {
      if (i) span.append(", ");
      span.append(entityRef(label, id, live));
    });
    span.append(")");
    return span;
  }

  // « 0,85 »: French decimals
  function decimal(x) {
    return String(Math.round(x * 100) / 100).replace(".", ",");
  }

  function eventCard(id, full) {
    const event = data.events[id];
    const card = el("div", "kg-card");
    card.appendChild(el("p", "kg-summary", summary(event)));
    if (event.cues.length) card.appendChild(el("p", "kg-cues", event.cues.join(" · ")));
    card.appendChild(badge(event));
    const rows = [];
    for (const [role, party] of [["actor", event.actor], ["target", event.target]]) {
      if (party) rows.push([data.roles[role], entityRef(party[0], party[1], full)]);
    }
    for (const [role, text, named] of event.roles) {
      rows.push([data.roles[role] || role, roleValue(text, named, full)]);
      if (role === "time" && event.period) rows.push(["période", event.period]);  // as resolved against the article's date
    }
    // a nominal event's trigger is a noun: « envoi (envoyer) »
    const trigger = event.kind === "nominal" ? "nom d'événement" : "verbe";
    rows.push([trigger, event.action === event.lemma ? event.lemma : event.action + " (" + event.lemma + ")"]);
    if (event.reports.length > 1) {
      const articles = new Set(event.reports.map((r) => r.doc)).size;
      rows.push(["récits", plural(event.reports.length, "récit", "récits") + " dans " + plural(articles, "article", "articles")]);
    }
    rows.push(["article", event.title || "(sans titre)"]);
    rows.push(["publié le", event.date_text]);
    if (event.confidence != null) rows.push(["confiance", decimal(event.confidence)]);
    if (full) rows.push(["origine", event.origin]);
    card.appendChild(fields(rows));
    if (full && event.reports.length > 1) {
      card.appendChild(reportList(event));
    } else if (event.sentence.length) {
      card.appendChild(sentence(event));
    }
    if (full && event.sentence.length) card.appendChild(markKey(event));
    return card;
  }

  // Every sentence that tells the event, each with its article, modality and source.
  function reportList(event) {
    const section = el("div", "kg-reports");
    section.appendChild(el("h2", null, "Ses " + plural(event.reports.length, "récit", "récits")));
    const list = el("ol", "kg-report-list");
    for (const report of event.reports) {
      const item = el("li", "kg-report");
      const head = el("p", "kg-report-head");
      const status = el("span", "kg-badge", statuses[report.status].label);
      status.style.background = statuses[report.status].color;
      status.title = statuses[report.status].gloss;
      head.append(status, " ", report.title || "(sans titre)");
      if (report.date_text) head.append(" · " + report.date_text);
      if (report.source) head.append(" · selon " + report.source);
      item.appendChild(head);
      if (report.sentence.length) item.appendChild(sentence(report));
      if (report.origin) item.appendChild(el("p", "kg-muted", report.origin));
      list.appendChild(item);
    }
    section.appendChild(list);
    return section;
  }

  function typeLine(node) {
    const n = node.events.length;
    return types[node.type].label + " · " + plural(n, "événement", "événements");
  }

  function nodeTooltip(node) {
    const card = el("div", "kg-card");
    card.appendChild(el("p", "kg-summary", node.label));
    card.appendChild(el("div", "kg-muted", typeLine(node)));
    if (node.aliases.length) card.appendChild(el("div", "kg-muted", "aussi : " + node.aliases.slice(0, 4).join(" · ")));
    return card;
  }

  // ---- details panel ----

  function clearDetails() {
    details.replaceChildren();
    details.hidden = true;
  }

  // The panel floats over the right of the canvas, which keeps the whole width for the graph
  // until there is something to read.
  function openDetails(...children) {
    const close = el("button", "kg-close", "×");
    close.type = "button";
    close.title = "Fermer";
    close.setAttribute("aria-label", "Fermer le détail");
    close.addEventListener("click", () => unselect());
    details.replaceChildren(close, ...children);
    details.hidden = false;
    document.getElementById("kg-hint")?.remove();  // learnt by now
    details.scrollTop = 0;
  }

  // Entities as links, « · » between them; ids the graph lacks stay as they are.
  function refs(ids) {
    if (!ids.length) return null;
    const span = el("span");
    ids.forEach((id, i) => {
      if (i) span.append(" · ");
      span.append(Object.hasOwn(entities, id) ? entityRef(entities[id].label, id, true) : id);
    });
    return span;
  }

  // « l'annonce de la Corée du Nord » is about Corée du Nord: the other way round, for its panel.
  const aboutIt = {};
  for (const n of data.nodes) for (const id of n.about) (aboutIt[id] = aboutIt[id] || []).push(n.id);

  function rolesOf(nodeId, event) {
    return event.participants.filter(([, entity]) => entity === nodeId).map(([role]) => data.roles[role] || role);
  }

  function showNode(nodeId) {
    const node = entities[nodeId];
    const type = types[node.type];
    const card = el("div", "kg-card");
    card.appendChild(el("h3", null, node.label));
    const line = el("p", "kg-muted");
    const dot = el("span", "kg-type-dot");
    dot.style.background = type.color;
    line.append(dot, document.createTextNode(typeLine(node)));
    card.appendChild(line);
    card.appendChild(fields([
      ["alias", node.aliases.length ? node.aliases.join(" · ") : "aucun"],
      ["rôle", node.role],
      ["affiliation", refs(node.affiliation ? [node.affiliation] : [])],
      ["secteur", node.sector ? data.sectors[node.sector] || node.sector : null],
      ["à propos de", refs(node.about)],
      ["en est le sujet", refs(aboutIt[nodeId] || [])],
    ]));
    const around = el("button", "kg-around", "Voir son voisinage seul");
    around.type = "button";
    around.addEventListener("click", () => {
      neighbourhood.checked = true;
      refresh(true);
    });
    card.appendChild(around);
    card.appendChild(el("h2", null, "Ses événements"));
    const list = el("ul", "kg-event-list");
    for (const id of node.events) {
      const event = data.events[id];
      const button = el("button", null, summary(event));
      button.type = "button";
      const note = [rolesOf(nodeId, event).join(", "), statusText(event)];
      if (event.date_text) note.push(event.date_text);
      if (event.reports.length > 1) note.push(plural(event.reports.length, "récit", "récits"));
      if (!event.drawn) note.push("sans flèche");
      button.appendChild(el("span", "kg-role-note", note.join(" · ")));
      // which article: « l'armée » of one article is not that of another
      if (event.title) button.appendChild(el("span", "kg-article-note", event.title));
      button.addEventListener("click", () => focusEvent(id, nodeId));
      const item = el("li");
      item.appendChild(button);
      list.appendChild(item);
    }
    card.appendChild(list);
    openDetails(card);
  }

  function showEvent(id, backTo) {
    const children = [];
    if (backTo) {
      const back = el("button", "kg-back", "← " + entities[backTo].label);
      back.type = "button";
      back.addEventListener("click", () => selectNode(backTo, false));
      children.push(back);
    }
    children.push(el("h2", null, "Événement"), eventCard(id, true));
    openDetails(...children);
  }

  // ---- network: positions come computed, physics stays off, so the first frame is the picture ----

  const nodes = new vis.DataSet(data.nodes.map((n) => {
    const color = types[n.type].color;
    return {
      id: n.id,
      label: n.label,
      shape: types[n.type].shape,
      size: n.size,
      x: n.x,
      y: n.y,
      color: {
        background: color,
        border: shade(color, 0.7),
        highlight: {background: color, border: "#1a202c"},
        hover: {background: color, border: "#1a202c"},
      },
      hidden: n.named_only,  // entities with no event wait for the « entités sans événement » switch
    };
  }));
  const edges = new vis.DataSet(data.edges.map((e) => {
    const status = statuses[e.status];
    return {
      id: e.id,
      from: e.from,
      to: e.to,
      label: e.label,
      dashes: status.dashes,
      color: {color: status.color, highlight: status.color, hover: status.color, opacity: 1},
      width: e.status === "negated" ? 2.2 : undefined,
      smooth: e.smooth,
      hidden: false,
    };
  }));

  const container = document.getElementById("kg-network");
  const network = new vis.Network(container, {nodes: nodes, edges: edges}, data.options);
  // For the browser console, tests and outside checks, as pyvis pages have them.
  window.network = network;
  window.nodes = nodes;
  window.edges = edges;
  window.kg = {network: network, nodes: nodes, edges: edges, data: data};

  // Tooltips are built on the first hover, not for thousands of items before the first frame:
  // vis-network reads the title only once the pointer has rested (tooltipDelay).
  network.on("hoverNode", (params) => {
    if (nodes.get(params.node).title === undefined) {
      nodes.update({id: params.node, title: nodeTooltip(entities[params.node])});
    }
  });
  network.on("hoverEdge", (params) => {
    if (edges.get(params.edge).title === undefined) {
      edges.update({id: params.edge, title: eventCard(params.edge, false)});
    }
  });

  function fitAll() {
    if (!nodes.length) return;
    network.fit();
    // Leave room for the labels of the outermost nodes, which fit() does not count.
    network.moveTo({scale: network.getScale() * 0.92});
  }

  network.once("afterDrawing", () => {
    body.dataset.drawnMs = String(Math.round(performance.now()));
  });
  fitAll();
  // redraw() paints synchronously: animation frames may never come in a hidden or headless tab.
  network.redraw();
  document.getElementById("kg-loading").hidden = true;
  body.dataset.drawnNodes = String(nodes.length);
  body.dataset.drawnEdges = String(edges.length);
  body.dataset.readyMs = String(Math.round(performance.now()));

  if (!nodes.length) {
    body.dataset.ready = "1";
    return;
  }

  // ---- filters: type, status, dates, entities without arrows, one entity's neighbourhood ----

  let selected = null;
  const neighbourhood = document.getElementById("kg-neighbourhood");
  const neighbourhoodNote = document.getElementById("kg-neighbourhood-note");
  const neighbourhoodHelp = neighbourhoodNote.textContent;
  const isolated = document.getElementById("kg-isolated");
  const namedOnly = document.getElementById("kg-named-only");
  const undated = document.getElementById("kg-undated");
  const dateFrom = document.getElementById("kg-date-from");
  const dateTo = document.getElementById("kg-date-to");
  const minConfidence = document.getElementById("kg-min-confidence");
  const minConfidenceValue = document.getElementById("kg-min-confidence-value");
  const shownLine = document.getElementById("kg-shown");

  function checked(name) {
    const boxes = document.querySelectorAll("input[name=" + name + "]");
    return Object.fromEntries(Array.from(boxes, (box) => [box.value, box.checked]));
  }

  function eventFilter() {
    const statusOn = checked("status");
    const from = dateFrom.value || null;
    const to = dateTo.value || null;
    const withUndated = undated.checked;
    const minimum = Number(minConfidence.value);
    return (id) => {
      const event = data.events[id];
      if (!statusOn[event.status]) return false;
      if (event.confidence != null && event.confidence < minimum) return false;
      if (event.date === null) return withUndated;
      return (from === null || event.date >= from) && (to === null || event.date <= to);
    };
  }

  // Which entities and arrows the filters leave; the selected entity always stays.
  function visibleSets() {
    const typeOn = checked("type");
    const eventOn = eventFilter();
    const around = neighbourhood.checked && selected !== null ? selected : null;
    const shown = {};
    for (const n of data.nodes) {
      // An entity only ever named as what a thing is about has no event for the filters to judge.
      shown[n.id] = n.id === selected
        || (typeOn[n.type] && (isolated.checked || n.linked) && (namedOnly.checked || !n.named_only)
          && (!n.events.length || n.events.some(eventOn)));
    }
    const edgeShown = {};
    for (const e of data.edges) {
      edgeShown[e.id] = eventOn(e.id) && shown[e.from] && shown[e.to]
        && (around === null || e.from === around || e.to === around);
    }
    if (around !== null) {
      const keep = {[around]: true};
      for (const e of data.edges) if (edgeShown[e.id]) keep[e.from] = keep[e.to] = true;
      for (const id in shown) shown[id] = Boolean(keep[id]);
    }
    return [shown, edgeShown];
  }

  // What vis-network was last told, so that only the changes are sent (each update redraws).
  const nodeWasShown = Object.fromEntries(data.nodes.map((n) => [n.id, !n.named_only]));
  const edgeWasShown = Object.fromEntries(data.edges.map((e) => [e.id, true]));

  function changes(items, now, before) {
    const changed = items.filter((item) => now[item.id] !== before[item.id]);
    for (const item of changed) before[item.id] = now[item.id];
    return changed.map((item) => ({id: item.id, hidden: !now[item.id]}));
  }

  function applyFilters() {
    const [shown, edgeShown] = visibleSets();
    const nodeChanges = changes(data.nodes, shown, nodeWasShown);
    const edgeChanges = changes(data.edges, edgeShown, edgeWasShown);
    if (nodeChanges.length) nodes.update(nodeChanges);
    if (edgeChanges.length) edges.update(edgeChanges);
    const visibleNodes = data.nodes.filter((n) => shown[n.id]).map((n) => n.id);
    const visibleEdges = data.edges.filter((e) => edgeShown[e.id]);
    // entities with no event wait for their switch: leaving them out is not a filter
    const waiting = namedOnly.checked ? 0 : data.nodes.filter((n) => n.named_only && !shown[n.id]).length;
    const everything = visibleNodes.length + waiting === data.nodes.length && visibleEdges.length === data.edges.length;
    shownLine.classList.toggle("kg-filtered", !everything);
    if (everything) {
      shownLine.textContent = waiting
        ? "Tout est affiché, sauf " + plural(waiting, "entité sans événement", "entités sans événement") + "."
        : "Tout est affiché.";
    } else {
      const articles = new Set(visibleEdges.map((e) => data.events[e.id].doc));
      shownLine.textContent = "Affichés : " + [
        plural(articles.size, "article", "articles"),
        plural(visibleNodes.length, "entité", "entités"),
        plural(visibleEdges.length, "flèche", "flèches"),
      ].join(" · ");
    }
    body.dataset.shownNodes = String(visibleNodes.length);
    body.dataset.shownEdges = String(visibleEdges.length);
    neighbourhoodNote.textContent = neighbourhood.checked && selected === null
      ? "Choisissez d'abord une entité : cliquez-la ou cherchez-la."
      : neighbourhoodHelp;
    return visibleNodes;
  }

  // After a change of filters: the view follows when it shows one neighbourhood.
  function refresh(follow) {
    const visible = applyFilters();
    if (follow && neighbourhood.checked && selected !== null) fitFree(visible);
  }

  function selectNode(nodeId, focus) {
    selected = nodeId;
    const visible = applyFilters();
    network.selectNodes([nodeId]);
    showNode(nodeId);
    if (neighbourhood.checked) {
      fitFree(visible);
    } else if (focus) {
      centreOn(network.getPositions([nodeId])[nodeId], Math.max(network.getScale(), 1.0));
    }
    body.dataset.selected = nodeId;
  }

  function unselect() {
    selected = null;
    delete body.dataset.selected;
    network.unselectAll();
    clearDetails();
    applyFilters();
  }

  function focusEvent(id, fromNode) {
    const edge = edgesById[id];
    if (edge && !edges.get(id).hidden) {
      network.selectEdges([id]);
      const pos = network.getPositions([edge.from, edge.to]);
      const a = pos[edge.from], b = pos[edge.to];
      showEvent(id, fromNode);
      centreOn({x: (a.x + b.x) / 2, y: (a.y + b.y) / 2}, Math.max(network.getScale(), 1.0));
      return;
    }
    showEvent(id, fromNode);
  }

  // ---- moving the view: what is looked at goes to the part of the canvas the panel leaves free ----

  function freeWidth() {
    return details.hidden ? container.clientWidth : container.clientWidth - details.offsetWidth - 20;
  }

  function centreOn(point, scale) {
    network.moveTo({
      position: {x: point.x + (container.clientWidth - freeWidth()) / 2 / scale, y: point.y},
      scale: scale,
      animation: {duration: 450},
    });
  }

  // Like network.fit(), but into the free part, with room for the labels, and never closer than 1.2.
  function fitFree(ids) {
    const points = Object.values(network.getPositions(ids));
    if (!points.length) return;
    const xs = points.map((p) => p.x), ys = points.map((p) => p.y);
    const [left, right, top, bottom] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const scale = Math.min(1.2, freeWidth() / (right - left + 260), container.clientHeight / (bottom - top + 200));
    centreOn({x: (left + right) / 2, y: (top + bottom) / 2}, scale);
  }

  // A clicked item that would sit under the details panel slides to the free part of the canvas.
  function keepClear(point) {
    if (!details.hidden && network.canvasToDOM(point).x > freeWidth() - 40) centreOn(point, network.getScale());
  }

  network.on("click", (params) => {
    if (params.nodes.length) {
      selectNode(params.nodes[0], false);
    } else if (params.edges.length) {
      showEvent(params.edges[0], null);
    } else {
      unselect();
      return;
    }
    // The panel now says what the tooltip said: hide the tooltip until the pointer moves on.
    container.classList.add("kg-quiet");
    keepClear(params.pointer.canvas);
  });
  for (const name of ["hoverNode", "hoverEdge", "blurNode", "blurEdge"]) {
    network.on(name, () => container.classList.remove("kg-quiet"));
  }

  for (const box of document.querySelectorAll("input[name=type], input[name=status]")) {
    box.addEventListener("change", () => refresh(true));
  }
  for (const input of [isolated, namedOnly, undated]) input.addEventListener("change", () => refresh(true));
  for (const input of [dateFrom, dateTo]) input.addEventListener("input", () => refresh(true));
  minConfidence.addEventListener("input", () => {
    minConfidenceValue.textContent = decimal(Number(minConfidence.value));
    refresh(true);
  });
  neighbourhood.addEventListener("change", () => refresh(true));
  document.getElementById("kg-fit").addEventListener("click", () => fitFree(applyFilters()));
  document.getElementById("kg-reset").addEventListener("click", () => {
    for (const box of document.querySelectorAll("input[name=type], input[name=status]")) box.checked = true;
    isolated.checked = undated.checked = true;
    namedOnly.checked = false;
    neighbourhood.checked = false;
    dateFrom.value = data.dates.min || "";
    dateTo.value = data.dates.max || "";
    minConfidence.value = "0";
    minConfidenceValue.textContent = "0";
    unselect();
    fitFree(data.nodes.map((n) => n.id));
  });

  // A link to "graph.html#<entity or event id>" opens on that entity or event.
  function openFromHash() {
    const id = decodeURIComponent(window.location.hash.slice(1));
    if (Object.hasOwn(entities, id)) {
      selectNode(id, true);
    } else if (Object.hasOwn(data.events, id)) {
      focusEvent(id, null);
    }
  }
  window.addEventListener("hashchange", openFromHash);

  // ---- search by any name, whatever the case and accents ----

  const index = [];
  const datalist = document.getElementById("kg-aliases");
  const offered = new Set();
  for (const n of data.nodes) {
    for (const name of [n.label, ...n.aliases]) {
      index.push([normalise(name), n.id]);
      if (offered.has(name)) continue;
      offered.add(name);
      const option = document.createElement("option");
      option.value = name;
      if (name !== n.label) option.label = n.label;
      datalist.appendChild(option);
    }
  }

  function find(query) {
    const q = normalise(query);
    if (!q) return null;
    const tests = [(key) => key === q, (key) => key.startsWith(q), (key) => key.includes(q)];
    for (const test of tests) {
      const hits = index.filter(([key]) => test(key));
      if (hits.length) {
        hits.sort((x, y) => x[0].length - y[0].length || (x[1] < y[1] ? -1 : 1));
        return hits[0][1];
      }
    }
    return null;
  }

  const input = document.getElementById("kg-search-input");
  const status = document.getElementById("kg-search-status");

  function search() {
    const nodeId = find(input.value);
    if (nodeId === null) {
      status.textContent = input.value.trim() ? "Aucune entité ne correspond." : "";
      return;
    }
    status.textContent = "";
    selectNode(nodeId, true);
  }

  document.getElementById("kg-search").addEventListener("submit", (event) => {
    event.preventDefault();
    search();
  });
  input.addEventListener("input", () => {
    // Picking a name from the suggestions goes straight to it.
    if (offered.has(input.value)) search();
  });

  openFromHash();
  body.dataset.ready = "1";
})();
