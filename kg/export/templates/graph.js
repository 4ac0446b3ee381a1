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
  const helpText = document.getElementById("kg-details-help").textContent;

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
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

  function summary(event) {
    return (event.actor || "?") + " → " + event.lemma + " → " + (event.target || "?");
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

  function fields(rows) {
    const dl = el("dl", "kg-fields");
    for (const [name, value] of rows) {
      if (value === null || value === undefined || value === "") continue;
      dl.appendChild(el("dt", null, name));
      dl.appendChild(el("dd", null, value));
    }
    return dl;
  }

  function eventCard(id, full) {
    const event = data.events[id];
    const card = el("div", "kg-card");
    card.appendChild(el("p", "kg-summary", summary(event)));
    card.appendChild(badge(event));
    const rows = event.roles.map(([role, text, label]) => [
      data.roles[role] || role,
      label && label !== text ? text + " (" + label + ")" : text,
    ]);
    rows.push(["verbe", event.action === event.lemma ? event.lemma : event.action + " (" + event.lemma + ")"]);
    rows.push(["article", event.title || "(sans titre)"]);
    if (full) {
      rows.push(["date", event.date]);
      rows.push(["origine", event.origin]);
    }
    card.appendChild(fields(rows));
    if (event.sentence.length) {
      card.appendChild(sentence(event));
      if (full) card.appendChild(markKey(event));
    }
    return card;
  }

  function nodeTooltip(node) {
    const card = el("div", "kg-card");
    card.appendChild(el("p", "kg-summary", node.label));
    const n = node.events.length;
    card.appendChild(el("div", "kg-muted", types[node.type].label + " · " + n + (n < 2 ? " événement" : " événements")));
    return card;
  }

  // ---- details panel ----

  function clearDetails() {
    details.replaceChildren(el("p", "kg-muted", helpText));
  }

  function rolesOf(nodeId, event) {
    return Object.entries(event.participants)
      .filter(([, entity]) => entity === nodeId)
      .map(([role]) => data.roles[role] || role);
  }

  function showNode(nodeId) {
    const node = entities[nodeId];
    const type = types[node.type];
    const card = el("div", "kg-card");
    card.appendChild(el("h3", null, node.label));
    const typeLine = el("p", "kg-muted");
    const dot = el("span", "kg-type-dot");
    dot.style.background = type.color;
    typeLine.append(dot, document.createTextNode(type.label));
    card.appendChild(typeLine);
    card.appendChild(fields([["alias", node.aliases.length ? node.aliases.join(" · ") : "aucun"]]));
    const n = node.events.length;
    card.appendChild(el("h2", null, n + (n < 2 ? " événement" : " événements")));
    const list = el("ul", "kg-event-list");
    for (const id of node.events) {
      const event = data.events[id];
      const button = el("button", null, summary(event));
      button.type = "button";
      button.appendChild(el("span", "kg-role-note", rolesOf(nodeId, event).join(", ") + " · " + statusText(event)
        + (event.drawn ? "" : " · sans flèche")));
      button.addEventListener("click", () => focusEvent(id, nodeId));
      const item = el("li");
      item.appendChild(button);
      list.appendChild(item);
    }
    card.appendChild(list);
    details.replaceChildren(card);
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
    details.replaceChildren(...children);
  }

  // ---- empty graph: nothing to draw, the page says so ----

  if (!data.nodes.length) {
    body.dataset.ready = "1";
    return;
  }

  // ---- network ----

  const nodes = new vis.DataSet(data.nodes.map((n) => {
    const color = types[n.type].color;
    return {
      id: n.id,
      label: n.label,
      shape: types[n.type].shape,
      size: n.size,
      title: nodeTooltip(n),
      color: {
        background: color,
        border: shade(color, 0.7),
        highlight: {background: color, border: "#1a202c"},
        hover: {background: color, border: "#1a202c"},
      },
      hidden: false,
    };
  }));
  const edges = new vis.DataSet(data.edges.map((e) => {
    const status = statuses[e.status];
    return {
      id: e.id,
      from: e.from,
      to: e.to,
      label: e.label,
      title: eventCard(e.id, false),
      dashes: status.dashes,
      color: {color: status.color, highlight: status.color, hover: status.color, opacity: 1},
      width: e.status === "negated" ? 2.2 : undefined,
      smooth: e.smooth,
      hidden: false,
    };
  }));

  const container = document.getElementById("kg-network");
  const loading = document.getElementById("kg-loading");
  const network = new vis.Network(container, {nodes: nodes, edges: edges}, data.options);
  // For the browser console and for tests: window.kg.nodes.get({filter: (n) => !n.hidden}).
  window.kg = {network: network, nodes: nodes, edges: edges, data: data};

  network.on("stabilizationProgress", (params) => {
    loading.textContent = "Mise en place du graphe… " + Math.round(100 * params.iterations / params.total) + " %";
  });
  network.once("stabilizationIterationsDone", () => {
    // A still picture from here on: dragging moves one node, not the whole graph.
    network.setOptions({physics: {enabled: false}});
    loading.hidden = true;
    // Leave room for the labels of the outermost nodes, which fit() does not count.
    network.fit();
    network.moveTo({scale: network.getScale() * 0.9});
    // redraw() paints synchronously: animation frames may never come in a hidden or headless tab.
    network.redraw();
    body.dataset.drawnNodes = String(Object.keys(network.getPositions()).length);
    body.dataset.drawnEdges = String(edges.length);
    body.dataset.ready = "1";
    openFromHash();
  });

  // ---- selection, filters, neighbourhood ----

  let selected = null;
  const neighbourhood = document.getElementById("kg-neighbourhood");

  function checked(name) {
    const boxes = document.querySelectorAll("input[name=" + name + "]");
    return Object.fromEntries(Array.from(boxes, (box) => [box.value, box.checked]));
  }

  function applyFilters() {
    const typeOn = checked("type");
    const statusOn = checked("status");
    const around = neighbourhood.checked && selected !== null ? selected : null;
    const shown = {};
    for (const n of data.nodes) shown[n.id] = typeOn[n.type] || n.id === around;
    const edgeShown = (e) => statusOn[e.status] && shown[e.from] && shown[e.to]
      && (around === null || e.from === around || e.to === around);
    if (around !== null) {
      const keep = {[around]: true};
      for (const e of data.edges) if (edgeShown(e)) keep[e.from] = keep[e.to] = true;
      for (const id in shown) shown[id] = Boolean(keep[id]);
    }
    const nodeChanges = data.nodes
      .filter((n) => nodes.get(n.id).hidden === shown[n.id])
      .map((n) => ({id: n.id, hidden: !shown[n.id]}));
    const edgeChanges = data.edges
      .filter((e) => edges.get(e.id).hidden === edgeShown(e))
      .map((e) => ({id: e.id, hidden: !edgeShown(e)}));
    nodes.update(nodeChanges);
    edges.update(edgeChanges);
    return Object.keys(shown).filter((id) => shown[id]);
  }

  function selectNode(nodeId, focus) {
    selected = nodeId;
    const box = document.querySelector("input[name=type][value=" + entities[nodeId].type + "]");
    if (!box.checked) box.checked = true;
    const visible = applyFilters();
    network.selectNodes([nodeId]);
    showNode(nodeId);
    if (neighbourhood.checked) {
      network.fit({nodes: visible, animation: {duration: 400}});
    } else if (focus) {
      network.focus(nodeId, {scale: Math.max(network.getScale(), 1.1), animation: {duration: 500}});
    }
  }

  function focusEvent(id, fromNode) {
    const edge = edgesById[id];
    if (edge && !edges.get(id).hidden) {
      network.selectEdges([id]);
      const pos = network.getPositions([edge.from, edge.to]);
      const a = pos[edge.from], b = pos[edge.to];
      network.moveTo({
        position: {x: (a.x + b.x) / 2, y: (a.y + b.y) / 2},
        scale: Math.max(network.getScale(), 1.0),
        animation: {duration: 500},
      });
    }
    showEvent(id, fromNode);
  }

  network.on("click", (params) => {
    if (params.nodes.length) {
      selectNode(params.nodes[0], false);
    } else if (params.edges.length) {
      showEvent(params.edges[0], null);
    } else {
      selected = null;
      clearDetails();
      if (neighbourhood.checked) applyFilters();
    }
  });

  for (const box of document.querySelectorAll("input[name=type], input[name=status]")) {
    box.addEventListener("change", applyFilters);
  }
  neighbourhood.addEventListener("change", () => {
    const visible = applyFilters();
    if (selected !== null) network.fit({nodes: visible, animation: {duration: 400}});
  });
  document.getElementById("kg-fit").addEventListener("click", () => network.fit({animation: {duration: 400}}));

  // A link to "graphe.html#<entity or event id>" opens on that entity or event.
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
})();
