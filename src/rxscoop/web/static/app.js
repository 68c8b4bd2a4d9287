// rxscoop page: ask through the chat API (so follow-ups work), show the server-rendered answer.
// All answer HTML is rendered and escaped by the server; this script inserts it and wires buttons.
"use strict";
(() => {
  const form = document.getElementById("ask");
  const input = document.getElementById("q");
  const out = document.getElementById("answer");
  const list = document.getElementById("drug-names");
  let context = null;
  let typing = null;

  async function ask(question) {
    out.setAttribute("aria-busy", "true");
    try {
      const res = await fetch("/v1/chat?format=html", {
        method: "POST",
        headers: {"Content-Type": "application/json"},
        body: JSON.stringify({message: question, context: context}),
      });
      const data = await res.json();
      if (!res.ok) {
        out.textContent = data.error || "Something went wrong.";
        return;
      }
      context = data.context;
      out.innerHTML = data.html;
      const heading = out.querySelector("h2");
      if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus(); }
    } catch (e) {
      out.textContent = "The server could not be reached.";
    } finally {
      out.setAttribute("aria-busy", "false");
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const question = input.value.trim();
    if (question) ask(question);
  });

  out.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-ask]");
    if (!button) return;
    input.value = button.dataset.ask;
    ask(button.dataset.ask);
  });

  input.addEventListener("input", () => {
    clearTimeout(typing);
    const words = input.value.trim().split(/\s+/);
    const last = words[words.length - 1] || "";
    if (last.length < 2) return;
    typing = setTimeout(async () => {
      const res = await fetch("/v1/drugs?limit=8&prefix=" + encodeURIComponent(last));
      if (!res.ok) return;
      const hits = await res.json();
      list.replaceChildren(...hits.map((hit) => {
        const option = document.createElement("option");
        option.value = "what is " + hit.title.toLowerCase() + " used for";
        return option;
      }));
    }, 150);
  });
})();
