// rxscoop page. Without this script the form still works: GET /?q=… renders the answer on the server.
// With it: answers arrive through the chat API (so follow-ups keep the drug), only the newest question's
// answer is ever shown, a busy state is visible while waiting, and the URL names the question asked.
// All answer HTML is rendered and escaped by the server; this script only inserts it.
"use strict";
(() => {
  const form = document.getElementById("ask");
  const input = document.getElementById("q");
  const button = document.getElementById("ask-button");
  const status = document.getElementById("status");
  const out = document.getElementById("answer");
  const list = document.getElementById("drug-names");
  let context = null;     // what the server needs to follow up; sent back with each turn, kept nowhere else
  let inFlight = null;    // the AbortController of the question being answered
  let typing = null;
  let typeAhead = null;

  function busy(on) {
    button.disabled = on;
    out.setAttribute("aria-busy", on ? "true" : "false");
    form.classList.toggle("waiting", on);
    button.textContent = on ? "Asking…" : "Ask";
  }

  function say(message) {
    status.textContent = message;
  }

  // An answer the server rendered (GET /?q=…) carries what a follow-up needs.
  function contextOf(article) {
    if (!article || !article.dataset.drug) return null;
    return {drug: article.dataset.drug, condition: article.dataset.condition || null,
            intent: article.dataset.intent || null};
  }
  context = contextOf(out.querySelector("article.answer"));

  async function ask(question, push = true) {
    if (inFlight) inFlight.abort();  // a newer question replaces the one in flight
    const mine = new AbortController();
    inFlight = mine;
    busy(true);
    say("Looking it up…");
    try {
      const res = await fetch("/v1/chat?format=html", {
        method: "POST",
        headers: {"Content-Type": "application/json"},
        body: JSON.stringify({message: question, context: context}),
        signal: mine.signal,
      });
      const data = await res.json();
      if (inFlight !== mine) return;  // an older answer never lands under a newer question
      if (!res.ok) {
        say(data.error || "Something went wrong; please try again.");
        return;
      }
      context = data.context;
      out.innerHTML = data.html;
      say("");
      if (push) history.pushState({q: question}, "", "/?q=" + encodeURIComponent(question));
      document.title = question + " · rxscoop";
      const heading = out.querySelector("h2");
      if (heading) heading.focus({preventScroll: false});
    } catch (e) {
      if (e.name === "AbortError") return;
      if (inFlight === mine) say("The server could not be reached. Check your connection and try again.");
    } finally {
      if (inFlight === mine) {
        inFlight = null;
        busy(false);
      }
    }
  }

  function submit() {
    const question = input.value.trim();
    if (!question) {
      say("Type a question, e.g. “what is dupixent used for”.");
      return;
    }
    const most = Number(input.dataset.max || 1000);
    if (question.length > most) {  // said, never cut in silence
      say(`The question is too long: at most ${most.toLocaleString("en")} characters (it has ${question.length.toLocaleString("en")}).`);
      return;
    }
    if (!/[\p{L}\p{N}]/u.test(question)) {
      say("Type a question with at least one letter or number, e.g. “what is dupixent used for”.");
      return;
    }
    ask(question);
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    submit();
  });

  // While an answer is on its way the Ask button is disabled, which stops Enter from submitting the form;
  // a newer question typed meanwhile is still asked (and replaces the one in flight).
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && button.disabled) {
      event.preventDefault();
      submit();
    }
  });

  out.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-ask]");
    if (link) {
      event.preventDefault();
      input.value = link.dataset.ask;
      ask(link.dataset.ask);
      return;
    }
    // Footnote links: open the folded use or quote they lead to, so the target is visible.
    const jump = event.target.closest("a.fn, a.back");
    if (jump) {
      const target = document.getElementById(jump.getAttribute("href").slice(1));
      for (let node = target; node; node = node.parentElement) {
        if (node.tagName === "DETAILS") node.open = true;
      }
    }
  });

  window.addEventListener("popstate", (event) => {
    const question = event.state && event.state.q;
    if (question) {
      input.value = question;
      ask(question, false);
    }
  });

  input.addEventListener("input", () => {
    clearTimeout(typing);
    const words = input.value.trim().split(/\s+/);
    const last = words[words.length - 1] || "";
    if (last.length < 2 || last.length > 60) return;  // no drug name is longer
    typing = setTimeout(async () => {
      if (typeAhead) typeAhead.abort();
      typeAhead = new AbortController();
      try {
        const res = await fetch("/v1/drugs?limit=8&prefix=" + encodeURIComponent(last), {signal: typeAhead.signal});
        if (!res.ok) return;
        const hits = await res.json();
        list.replaceChildren(...hits.map((hit) => {
          const option = document.createElement("option");
          option.value = hit.name;
          return option;
        }));
      } catch (e) { /* type-ahead is a convenience: a failure leaves the list as it was */ }
    }, 150);
  });

  window.addEventListener("beforeprint", () => {
    for (const d of out.querySelectorAll("details")) d.open = true;
  });
})();
