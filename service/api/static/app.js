// The chat page: asks /v1/ask, shows ranked results with their citations, posts feedback.
// Corpus text is only ever put in the page with textContent (never innerHTML), so a passage
// can never inject markup.
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

  // POST JSON; resolves to the parsed body, or throws an Error carrying the problem detail.
  function authorised(headers) {
    if (keyInput.value) {
      headers["Authorization"] = "Bearer " + keyInput.value;
    }
    return headers;
  }

  async function post(path, body) {
    const headers = authorised({ "Content-Type": "application/json", "Accept": "application/json" });
    const response = await fetch(path, { method: "POST", headers: headers, body: JSON.stringify(body) });
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

  // Text with the sentences at `spans` wrapped in <mark>, built from text nodes only.
  function highlighted(container, text, spans) {
    const ordered = (spans || [])
      .map(function (s) { return [Math.max(0, s[0]), Math.min(text.length, s[1])]; })
      .filter(function (s) { return s[0] < s[1]; })
      .sort(function (a, b) { return a[0] - b[0]; });
    let at = 0;
    for (const [start, end] of ordered) {
      if (start < at) {
        continue; // overlapping span: the earlier one already covers it
      }
      container.appendChild(document.createTextNode(text.slice(at, start)));
      const mark = document.createElement("mark");
      mark.textContent = text.slice(start, end);
      container.appendChild(mark);
      at = end;
    }
    container.appendChild(document.createTextNode(text.slice(at)));
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
      quote.textContent = sentence.text;
      item.appendChild(quote);
      const rank = ranks[sentence.unit_id];
      if (rank) {
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

  function renderResult(askId, result) {
    const item = resultTemplate.content.firstElementChild.cloneNode(true);
    item.id = resultAnchor(askId, result.rank);
    item.dataset.unitId = result.unit_id;
    item.querySelector(".citation").textContent = result.rank + ". " + result.citation;
    const kind = result.kind === "footnote" ? "Footnote " + result.footnote_number
      : result.kind === "document" ? "Document card" : "Passage";
    const where = result.section ? " · " + result.section : "";
    const pages = result.pages ? " · " + pageLabel(result.pages) : "";
    item.querySelector(".meta").textContent = kind + where + pages + " · " + confidenceWords(result.score);
    highlighted(item.querySelector(".text"), result.text, result.highlights);
    renderFootnotes(item.querySelector(".footnotes"), result.footnotes);
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
