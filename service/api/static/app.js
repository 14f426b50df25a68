// The chat page: asks /v1/ask, shows ranked results with their citations, posts feedback.
// Footnote markers are drawn in place and open their note beside the sentence; a result opens
// in context (/v1/units/{id}/context). Words that name a source in the text ("told the BBC")
// are underlined, labelled with the parsed source (docs/api.md, "The chat page"). Corpus text is only ever put in the page with
// textContent or text nodes (never innerHTML), so a passage can never inject markup.
"use strict";

(function () {
  const form = document.getElementById("ask-form");
  const questionBox = document.getElementById("question");
  const askButton = document.getElementById("ask-button");
  const topK = document.getElementById("top-k");
  const newButton = document.getElementById("new-conversation");
  const log = document.getElementById("log");
  const statusLine = document.getElementById("status");
  const keyBox = document.getElementById("key-box");
  const keyInput = document.getElementById("api-key");
  const turnTemplate = document.getElementById("turn-template");
  const resultTemplate = document.getElementById("result-template");
  const documentFilter = document.getElementById("document-filter");
  const documentList = document.getElementById("document-list");
  const documentCount = document.getElementById("document-count");

  let conversationId = null;
  let busy = false;

  keyInput.value = sessionStorage.getItem("cited-api-key") || "";
  keyInput.addEventListener("change", function () {
    sessionStorage.setItem("cited-api-key", keyInput.value);
    loadDocuments();
  });

  function say(text) {
    statusLine.textContent = text;
  }

  function authorised(headers) {
    if (keyInput.value) {
      headers["Authorization"] = "Bearer " + keyInput.value;
    }
    return headers;
  }

  // POST JSON, or GET; resolves to the parsed body, or throws an Error carrying the problem detail.
  async function post(path, body) {
    return request("POST", path, body);
  }

  async function get(path) {
    return request("GET", path, undefined);
  }

  async function request(method, path, body) {
    const headers = authorised({ "Accept": "application/json" });
    const init = { method: method, headers: headers };
    if (body !== undefined) {
      headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    const response = await fetch(path, init);
    let payload = null;
    try {
      payload = await response.json();
    } catch (e) {
      payload = null;
    }
    if (!response.ok) {
      if (response.status === 401) {
        keyBox.hidden = false;
        keyInput.focus();
      }
      const detail = payload && payload.detail ? payload.detail : response.statusText;
      const error = new Error(detail || ("HTTP " + response.status));
      error.status = response.status;
      throw error;
    }
    return payload;
  }

  // The API counts offsets in characters (code points), JavaScript strings in UTF-16 units:
  // a character outside the Basic Multilingual Plane would shift every later offset.
  function unitOffsets(text) {
    const at = [0];
    let units = 0;
    for (const character of text) {
      units += character.length;
      at.push(units);
    }
    return function (offset) {
      return at[Math.max(0, Math.min(offset, at.length - 1))];
    };
  }

  // A unit's text built from text nodes only: the sentences at `spans` in <mark>, each
  // footnote marker of `refs` where it sat, drawn by `drawMarker(ref, index)`, and the words of
  // each of `said` (sources named in the text, from `attributionsAt`) in a span labelled with
  // its source. Every cut is worked out on the original text before anything is added, so no
  // marker moves the offset of another, and a marker inside a highlighted sentence splits its
  // <mark> around it. The text itself is never changed: labels are attributes and CSS.
  function renderText(container, text, spans, refs, drawMarker, said) {
    const toUnits = unitOffsets(text);
    const marks = [];
    (spans || [])
      .map(function (s) { return [toUnits(s[0]), toUnits(s[1])]; })
      .filter(function (s) { return s[0] < s[1]; })
      .sort(function (a, b) { return a[0] - b[0]; })
      .forEach(function (s) {
        if (!marks.length || s[0] >= marks[marks.length - 1][1]) {
          marks.push(s); // an overlapping span is already covered by the earlier one
        }
      });
    const named = [];
    (said || [])
      .map(function (a) { return { start: toUnits(a.start), end: toUnits(a.end), source: a.source }; })
      .filter(function (a) { return a.start < a.end; })
      .sort(function (a, b) { return a.start - b.start; })
      .forEach(function (a) {
        if (!named.length || a.start >= named[named.length - 1].end) {
          named.push(a);
        }
      });
    const markers = (refs || [])
      .map(function (ref, index) { return { at: toUnits(ref.offset), ref: ref, index: index }; })
      .sort(function (a, b) { return a.at - b.at || a.index - b.index; });
    const cuts = new Set([0, text.length]);
    marks.forEach(function (m) { cuts.add(m[0]); cuts.add(m[1]); });
    named.forEach(function (a) { cuts.add(a.start); cuts.add(a.end); });
    markers.forEach(function (m) { cuts.add(m.at); });
    const points = Array.from(cuts).sort(function (a, b) { return a - b; });
    let placed = 0;
    points.forEach(function (start, i) {
      while (placed < markers.length && markers[placed].at === start) {
        container.appendChild(drawMarker(markers[placed].ref, markers[placed].index));
        placed += 1;
      }
      if (i + 1 === points.length) {
        return;
      }
      const end = points[i + 1];
      let piece = document.createTextNode(text.slice(start, end));
      const attribution = named.find(function (a) { return a.start <= start && end <= a.end; });
      if (attribution) {
        piece = attributionPiece(piece, attribution.source, end === attribution.end);
      }
      if (marks.some(function (m) { return m[0] <= start && end <= m[1]; })) {
        const mark = document.createElement("mark");
        mark.appendChild(piece);
        container.appendChild(mark);
      } else {
        container.appendChild(piece);
      }
    });
  }

  // "interview · BBC · Taliban spokesperson Suhail Shaheen · 2021": a parsed source in one line,
  // its fields as the text writes them.
  function sourceLabel(source) {
    return [source.kind, source.outlet, source.author, source.date].filter(Boolean).join(" · ");
  }

  // Words that name a source, underlined, the source in their title; the last piece of them
  // (a marker or a highlight's edge may split them) carries the small label drawn after them
  // by CSS from `data-source`, so the label is never part of the text.
  function attributionPiece(piece, source, last) {
    const span = document.createElement("span");
    span.className = "attribution";
    span.title = "Source named in the text: " + sourceLabel(source);
    if (last) {
      span.dataset.source = sourceLabel(source);
    }
    span.appendChild(piece);
    return span;
  }

  // A result's `attributions` as `renderText` takes them: character offsets into its text.
  function resultAttributions(result) {
    // Only those naming who or where (`identified`): "They also complained" names nobody.
    return (result.attributions || []).filter(function (a) { return a.identified; }).map(function (a) {
      return { start: a.span[0], end: a.span[1], source: a.source };
    });
  }

  // An answer sentence's `attributions` (offsets in its unit's text) as offsets into the
  // sentence: where `sentence` says it starts, when the words are there, else where the words
  // occur in it; an attribution found in neither place is left unmarked.
  function sentenceAttributions(sentence) {
    const characters = Array.from(sentence.text);
    const found = [];
    for (const a of (sentence.attributions || []).filter(function (x) { return x.identified; })) {
      const length = Array.from(a.text).length;
      let start = a.span[0] - a.sentence[0];
      if (characters.slice(start, start + length).join("") !== a.text) {
        const at = sentence.text.indexOf(a.text);
        start = at < 0 ? -1 : Array.from(sentence.text.slice(0, at)).length;
      }
      if (start >= 0) {
        found.push({ start: start, end: start + length, source: a.source });
      }
    }
    return found;
  }

  // A marker whose note is not at hand (a neighbouring paragraph): its number, nothing to open.
  function plainMarker(ref) {
    const sup = document.createElement("sup");
    sup.className = "marker";
    sup.textContent = String(ref.number);
    return sup;
  }

  // A marker as a superscript button that opens its note in place, right after the sentence
  // the marker closes, and closes it again.
  function noteMarker(anchor, notes) {
    return function (ref, index) {
      const text = notes[ref.number];
      if (text === undefined) {
        return plainMarker(ref);
      }
      const sup = document.createElement("sup");
      sup.className = "marker";
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = String(ref.number);
      button.dataset.number = String(ref.number);
      button.setAttribute("aria-expanded", "false");
      button.setAttribute("aria-label", "Footnote " + ref.number);
      const note = document.createElement("span");
      note.className = "note";
      note.id = anchor + "-note-" + index;
      note.hidden = true;
      note.setAttribute("role", "note");
      note.setAttribute("aria-label", "Footnote " + ref.number);
      const number = document.createElement("span");
      number.className = "note-number";
      number.textContent = ref.number + ". ";
      note.append(number, document.createTextNode(text));
      button.setAttribute("aria-controls", note.id);
      button.addEventListener("click", function () {
        const opening = note.hidden;
        note.hidden = !opening;
        button.setAttribute("aria-expanded", String(opening));
      });
      sup.appendChild(button);
      const both = document.createDocumentFragment();
      both.append(sup, note);
      return both;
    };
  }

  function resultAnchor(askId, rank) {
    return "r-" + askId + "-" + rank;
  }

  function renderAnswer(container, data) {
    if (data.abstained) {
      const note = document.createElement("p");
      note.className = "abstained";
      note.textContent = data.results.length
        ? "The reports do not answer this question. The closest passages are below, but they are not good enough evidence."
        : "The reports do not answer this question.";
      container.appendChild(note);
      return;
    }
    if (!data.answer.length) {
      return;
    }
    const heading = document.createElement("h3");
    heading.textContent = "Answer, quoted from the sources";
    container.appendChild(heading);
    const list = document.createElement("ul");
    list.className = "answer-sentences";
    const ranks = {};
    data.results.forEach(function (r) { ranks[r.unit_id] = r.rank; });
    for (const sentence of data.answer) {
      const item = document.createElement("li");
      const quote = document.createElement("q");
      renderText(quote, sentence.text, [], [], plainMarker, sentenceAttributions(sentence));
      item.appendChild(quote);
      const rank = ranks[sentence.unit_id];
      if (rank) {
        for (const number of sentence.footnotes || []) {
          item.appendChild(answerNote(data.ask_id, rank, number));
        }
        const link = document.createElement("a");
        link.href = "#" + resultAnchor(data.ask_id, rank);
        link.className = "source-link";
        link.textContent = "[" + rank + "]";
        link.setAttribute("aria-label", "source: result " + rank);
        item.appendChild(document.createTextNode(" "));
        item.appendChild(link);
      }
      list.appendChild(item);
    }
    container.appendChild(list);
  }

  // The note number after a quoted sentence: opens that note where its marker sits in the
  // result the sentence comes from.
  function answerNote(askId, rank, number) {
    const sup = document.createElement("sup");
    sup.className = "marker";
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = String(number);
    button.setAttribute("aria-label", "Footnote " + number + " in result " + rank);
    button.addEventListener("click", function () {
      const item = document.getElementById(resultAnchor(askId, rank));
      const marker = item && item.querySelector('.text button[data-number="' + number + '"]');
      if (!marker) {
        return;
      }
      if (marker.getAttribute("aria-expanded") !== "true") {
        marker.click();
      }
      marker.scrollIntoView({ block: "center" });
      marker.focus();
    });
    sup.appendChild(button);
    return sup;
  }

  // Footnotes a passage cites whose markers the index does not place (an index built before
  // markers were kept): listed after the text.
  function renderFootnotes(container, footnotes) {
    for (const note of footnotes) {
      const details = document.createElement("details");
      const summary = document.createElement("summary");
      summary.textContent = "Footnote " + note.number;
      const body = document.createElement("p");
      body.textContent = note.text;
      details.appendChild(summary);
      details.appendChild(body);
      container.appendChild(details);
    }
  }

  // Pages of a unit from a paginated source: "p. 7", "pp. 7–8".
  function pageLabel(pages) {
    const first = pages[0];
    const last = pages[pages.length - 1];
    return first === last ? "p. " + first : "pp. " + first + "\u2013" + last;
  }

  // The score is a calibrated probability that the result answers the question: said in
  // words, with the chance it stands for, rather than as a bare number.
  function confidenceWords(score) {
    const percent = Math.round(score * 100);
    if (score >= 0.7) return "very likely answers your question (" + percent + " %)";
    if (score >= 0.4) return "may answer your question (" + percent + " %)";
    if (score >= 0.1) return "related, probably not the answer (" + percent + " %)";
    return "background only";
  }

  // The original's address when the catalog has one (http or https only), at the unit's
  // first page when the source is paginated (PDF viewers open "#page=N" there).
  function sourceHref(result) {
    let url;
    try {
      url = new URL(result.document.url || "");
    } catch (e) {
      return null;
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      return null;
    }
    if (result.pages && result.pages.length && !url.hash) {
      url.hash = "page=" + result.pages[0];
    }
    return url.href;
  }

  function renderCitation(container, result) {
    container.textContent = result.rank + ". ";
    const href = sourceHref(result);
    if (!href) {
      container.appendChild(document.createTextNode(result.citation));
      return;
    }
    const link = document.createElement("a");
    link.className = "original";
    link.href = href;
    link.target = "_blank";
    link.rel = "noopener noreferrer";
    link.textContent = result.citation;
    container.appendChild(link);
  }

  function contextParagraph(container, unit, label) {
    const heading = document.createElement("p");
    heading.className = "context-label";
    heading.textContent = label;
    const quote = document.createElement("blockquote");
    quote.className = "context-text";
    quote.dataset.unitId = unit.id;
    renderText(quote, unit.text, [], unit.footnote_refs, plainMarker, []);
    container.append(heading, quote);
  }

  function contextEdge(container, words) {
    const edge = document.createElement("p");
    edge.className = "context-label";
    edge.textContent = words;
    container.appendChild(edge);
  }

  // The paragraphs before and after the result, around its own text, under its section heading.
  function fillContext(before, after, context) {
    if (context.section) {
      const section = document.createElement("p");
      section.className = "context-section";
      section.textContent = context.section;
      before.appendChild(section);
    }
    if (context.previous) {
      contextParagraph(before, context.previous, "The paragraph before");
    } else {
      contextEdge(before, "Start of the document.");
    }
    if (context.next) {
      contextParagraph(after, context.next, "The paragraph after");
    } else {
      contextEdge(after, "End of the document.");
    }
  }

  // "Show in context": fetched once, then opened and closed in place.
  function contextControl(item, result) {
    const toggle = item.querySelector(".context-toggle");
    const before = item.querySelector(".context-before");
    const after = item.querySelector(".context-after");
    const contextStatus = item.querySelector(".context-status");
    before.id = item.id + "-before";
    after.id = item.id + "-after";
    toggle.setAttribute("aria-controls", before.id + " " + after.id);
    let loaded = false;
    let loading = false;
    function show(open) {
      before.hidden = !open;
      after.hidden = !open;
      toggle.setAttribute("aria-expanded", String(open));
      toggle.textContent = open ? "Hide context" : "Show in context";
    }
    toggle.addEventListener("click", async function () {
      if (toggle.getAttribute("aria-expanded") === "true") {
        show(false);
        return;
      }
      if (!loaded) {
        if (loading) {
          return;
        }
        loading = true;
        contextStatus.textContent = "Opening the surrounding paragraphs…";
        try {
          fillContext(before, after, await get("/v1/units/" + encodeURIComponent(result.unit_id) + "/context"));
          loaded = true;
          contextStatus.textContent = "";
        } catch (error) {
          contextStatus.textContent = "Could not open the context: " + error.message;
          return;
        } finally {
          loading = false;
        }
      }
      show(true);
    });
  }

  function renderResult(askId, result) {
    const item = resultTemplate.content.firstElementChild.cloneNode(true);
    item.id = resultAnchor(askId, result.rank);
    item.dataset.unitId = result.unit_id;
    renderCitation(item.querySelector(".citation"), result);
    const kind = result.kind === "footnote" ? "Footnote " + result.footnote_number
      : result.kind === "document" ? "Document card" : "Passage";
    const where = result.section ? " · " + result.section : "";
    const pages = result.pages ? " · " + pageLabel(result.pages) : "";
    item.querySelector(".meta").textContent = kind + where + pages + " · " + confidenceWords(result.score);
    const notes = {};
    result.footnotes.forEach(function (note) { notes[note.number] = note.text; });
    const refs = result.footnote_refs || [];
    renderText(
      item.querySelector(".text"), result.text, result.highlights, refs, noteMarker(item.id, notes),
      resultAttributions(result),
    );
    const placed = new Set(refs.map(function (ref) { return ref.number; }));
    renderFootnotes(item.querySelector(".footnotes"), result.footnotes.filter(function (note) {
      return !placed.has(note.number);
    }));
    contextControl(item, result);
    const group = item.querySelector(".feedback");
    group.setAttribute("aria-label", "Feedback on result " + result.rank);
    const up = item.querySelector(".vote.up");
    const down = item.querySelector(".vote.down");
    const feedbackStatus = item.querySelector(".feedback-status");
    async function vote(helpful) {
      try {
        await post("/v1/feedback", { ask_id: askId, unit_id: result.unit_id, helpful: helpful });
        up.setAttribute("aria-pressed", String(helpful));
        down.setAttribute("aria-pressed", String(!helpful));
        feedbackStatus.textContent = "Thanks, noted.";
      } catch (error) {
        feedbackStatus.textContent = "Not recorded: " + error.message;
      }
    }
    up.addEventListener("click", function () { vote(true); });
    down.addEventListener("click", function () { vote(false); });
    return item;
  }

  function renderTurn(data) {
    const turn = turnTemplate.content.firstElementChild.cloneNode(true);
    turn.dataset.askId = data.ask_id;
    turn.dataset.conversationId = data.conversation_id;
    turn.querySelector(".turn-question").textContent = data.question;
    renderAnswer(turn.querySelector(".answer"), data);
    const results = turn.querySelector(".results");
    for (const result of data.results) {
      results.appendChild(renderResult(data.ask_id, result));
    }
    if (!data.results.length) {
      results.remove();
    }
    log.appendChild(turn);
    turn.scrollIntoView({ block: "start" });
  }

  // "Michael Kugelman · Foreign Policy · September 2021": what the catalog knows, in one line.
  function describe(doc) {
    return [doc.author, doc.publisher, doc.series, doc.date, doc.kind].filter(Boolean).join(" · ");
  }

  function renderDocuments(documents) {
    const chosen = documentFilter.value;
    documentFilter.replaceChildren(new Option("All documents", ""));
    documentList.replaceChildren();
    documents.forEach(function (doc) {
      documentFilter.add(new Option(doc.title, doc.id));
      const item = document.createElement("li");
      item.dataset.documentId = doc.id;
      const title = document.createElement("span");
      title.className = "document-title";
      title.textContent = doc.title;
      const meta = document.createElement("span");
      meta.className = "document-meta";
      meta.textContent = describe(doc);
      const only = document.createElement("button");
      only.type = "button";
      only.className = "secondary document-only";
      only.textContent = "Ask only this one";
      only.addEventListener("click", function () {
        documentFilter.value = doc.id;
        say("Questions now search only “" + doc.title + "”.");
        questionBox.focus();
      });
      item.append(title, meta, only);
      documentList.append(item);
    });
    documentFilter.value = documents.some(function (d) { return d.id === chosen; }) ? chosen : "";
    documentCount.textContent = String(documents.length);
  }

  // The document list; retried while the index loads (503), the key box shown on 401.
  async function loadDocuments() {
    let response;
    try {
      response = await fetch("/v1/documents", { headers: authorised({ "Accept": "application/json" }) });
    } catch (e) {
      setTimeout(loadDocuments, 5000);
      return;
    }
    if (response.status === 503) {
      setTimeout(loadDocuments, 3000);
      return;
    }
    if (response.status === 401) {
      keyBox.hidden = false;
      documentCount.textContent = "needs the API key";
      return;
    }
    if (response.ok) {
      renderDocuments((await response.json()).documents);
    }
  }

  async function ask(question) {
    busy = true;
    askButton.disabled = true;
    log.setAttribute("aria-busy", "true");
    say("Searching the reports…");
    try {
      const data = await post("/v1/ask", {
        question: question,
        top_k: Number(topK.value),
        conversation_id: conversationId,
        filters: documentFilter.value ? { documents: [documentFilter.value] } : null,
      });
      conversationId = data.conversation_id;
      renderTurn(data);
      questionBox.value = "";
      say(data.abstained
        ? "No answer in the reports."
        : data.results.length + " results, each with its citation.");
    } catch (error) {
      if (error.status === 404 && conversationId) {
        conversationId = null; // the conversation is gone (new database): start afresh
      }
      say("Could not ask: " + error.message);
    } finally {
      busy = false;
      askButton.disabled = false;
      log.removeAttribute("aria-busy");
      questionBox.focus();
    }
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    const question = questionBox.value.trim();
    if (!question) {
      say("Type a question first.");
      questionBox.focus();
      return;
    }
    if (!busy) {
      ask(question);
    }
  });

  questionBox.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  newButton.addEventListener("click", function () {
    conversationId = null;
    log.replaceChildren();
    questionBox.value = "";
    say("New conversation started.");
    questionBox.focus();
  });

  loadDocuments();
})();
