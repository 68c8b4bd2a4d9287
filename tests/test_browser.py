"""The web page in a real headless Chromium against a real server on localhost: as a person uses it with a
mouse, a keyboard, a phone, without JavaScript, and impatiently (a second question before the first answer)."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from server import running_server

CHROMIUM = os.environ.get("RXSCOOP_CHROMIUM", "/usr/bin/chromium")
OUTPUT = Path(__file__).parent / "output"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]
PHONE = {"width": 390, "height": 844}

if not shutil.which(CHROMIUM) and not os.environ.get("CI"):
    pytest.skip(f"no Chromium at {CHROMIUM} (CI installs it: apt-get install chromium)", allow_module_level=True)

from axe_playwright_python.sync_playwright import Axe  # noqa: E402
from playwright.sync_api import Browser, Page, Route, expect, sync_playwright  # noqa: E402


@pytest.fixture(scope="module")
def base_url(pack_path: Path) -> Iterator[str]:
    with running_server(pack_path) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


def _page(browser: Browser, base_url: str, path: str = "/", **context: Any) -> tuple[Page, list[str]]:
    page = browser.new_context(**({"viewport": {"width": 1280, "height": 900}} | context)).new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base_url + path)
    return page, errors


@pytest.fixture()
def page(browser: Browser, base_url: str) -> Iterator[Page]:
    opened, errors = _page(browser, base_url)
    yield opened
    assert errors == [], errors  # no script errors, no CSP violations
    opened.context.close()


def _ask(page: Page, question: str) -> None:
    page.get_by_label("Your question").fill(question)
    page.get_by_role("button", name="Ask").click()


def test_dupixent_answer_folds_details_and_cites_sources_with_links(page: Page) -> None:
    _ask(page, "what is dupixent used for")
    uses = page.locator("li.use")
    expect(uses).to_have_count(8)
    expect(page.locator("article.answer h2")).to_have_text("Dupixent (dupilumab)")
    assert "q=what" in page.url  # the answer has a link that can be shared
    for condition in ("Atopic Dermatitis", "Asthma", "Eosinophilic Esophagitis", "Bullous Pemphigoid"):
        expect(page.locator(f'li.use[data-condition="{condition}"]')).to_have_count(1)
    # folded: a use shows its name and who it is for; its details open on click
    asthma = page.locator('li.use[data-condition="Asthma"]')
    expect(asthma.locator("summary")).to_contain_text("adults and children 6 years and older")
    expect(asthma.locator(".use-details")).to_be_hidden()
    asthma.locator("summary").click()
    expect(asthma.locator(".use-details")).to_contain_text("How often: every 2 weeks")
    expect(page.locator("section.patients")).to_have_count(0)  # no reviews of Dupixent: no section
    expect(page.locator(".disclaimer")).to_have_count(1)
    expect(page.locator(".disclaimer")).to_contain_text("not medical advice")
    # a footnote is a link inside its sentence to a source that names the label and links to DailyMed
    marker = page.locator("p.summary a.fn").first
    number = marker.inner_text()
    marker.click()
    source = page.locator(f"#src-{number}")
    expect(source).to_be_in_viewport()
    expect(source).to_contain_text("Dupixent label (FDA): Indications and Usage")
    expect(source.locator("code")).to_have_text(re.compile(r"\S+"))  # the set id
    assert "via " not in source.inner_text()  # repository provenance stays in the JSON
    source.locator("summary").click()
    expect(source.locator("blockquote").first).to_contain_text("DUPIXENT is an interleukin-4 receptor alpha")
    source.locator("a.back").click()
    expect(marker).to_be_in_viewport()
    # a marker stays on the line of its sentence: its top is within the paragraph's last line
    box, line = marker.bounding_box(), page.locator("p.summary").bounding_box()
    assert box and line and box["y"] + box["height"] <= line["y"] + line["height"] + 2
    assert box["width"] >= 24 and box["height"] >= 24  # a touch target
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / "dupixent-answer.png"), full_page=True)
    # the follow-up link for a use, then a typed follow-up, keep the drug
    page.locator("section.follow-up a.follow", has_text="Asthma").click()
    expect(page.locator("section.topic h3")).to_have_text("Dupixent for asthma")
    expect(page.locator("section.topic")).to_contain_text("for adults and children 6 years and older")
    _ask(page, "side effects?")
    expect(page.locator("section.topic h3")).to_have_text("Side effects of Dupixent")


def test_sources_of_an_fda_label_link_to_its_dailymed_page(page: Page) -> None:
    _ask(page, "what is brukinsa used for")  # a label as openFDA serves it, with its FDA set id
    source = page.locator("#src-1")
    set_id = source.locator("code").inner_text()
    assert re.fullmatch(r"[0-9a-f-]{36}", set_id)
    expect(source.locator("a", has_text="DailyMed")).to_have_attribute(
        "href", f"https://dailymed.nlm.nih.gov/dailymed/lookup.cfm?setid={set_id}")
    expect(source).to_contain_text("label dated 20")


def test_a_newer_question_wins_and_the_wait_is_visible(page: Page) -> None:
    held: list[Route] = []

    def hold_first(route: Route) -> None:
        body = route.request.post_data or ""
        if "dupixent" in body and not held:
            held.append(route)  # the first answer is held back until the second has landed
        else:
            route.continue_()

    page.route("**/v1/chat**", hold_first)
    _ask(page, "what is dupixent used for")
    expect(page.get_by_role("button", name="Asking…")).to_be_disabled()
    expect(page.locator("#answer")).to_have_attribute("aria-busy", "true")
    expect(page.locator("#status")).to_have_text("Looking it up…")
    page.get_by_label("Your question").fill("what is metformin used for")
    page.get_by_label("Your question").press("Enter")
    expect(page.locator("article.answer h2")).to_contain_text("Metformin")
    held[0].continue_()  # the older answer arrives last
    page.wait_for_timeout(500)
    expect(page.locator("article.answer h2")).to_contain_text("Metformin")
    expect(page.get_by_role("button", name="Ask")).to_be_enabled()
    expect(page.locator("#answer")).to_have_attribute("aria-busy", "false")


def test_questions_without_words_get_words_a_person_understands(page: Page) -> None:
    _ask(page, "???")
    expect(page.locator("#status")).to_contain_text("Type a question with at least one letter or number")
    assert "body.message" not in page.content() and "pattern" not in page.locator("#status").inner_text()
    _ask(page, "what is zorblaxin used for")
    expect(page.locator("#answer")).to_contain_text("couldn't find a medicine")
    _ask(page, "what is dupixent used for " + "x" * 1990)  # pasted, not cut in silence: said
    expect(page.locator("#status")).to_contain_text("The question is too long: at most 1,000 characters")


def test_the_form_works_without_javascript(browser: Browser, base_url: str) -> None:
    page, _ = _page(browser, base_url, java_script_enabled=False)
    page.get_by_label("Your question").fill("what is dupixent used for")
    page.get_by_label("Your question").press("Enter")
    expect(page.locator("article.answer h2")).to_have_text("Dupixent (dupilumab)")
    assert "/?q=what+is+dupixent+used+for" in page.url
    page.locator('li.use[data-condition="Asthma"] summary').click()  # details open without any script
    expect(page.locator('li.use[data-condition="Asthma"] .use-details')).to_be_visible()
    page.goto(base_url + "/?q=%3F%3F%3F")
    expect(page.locator("#status")).to_contain_text("Type a question")
    page.context.close()


def test_api_docs_render_offline_under_the_csp(browser: Browser, base_url: str) -> None:
    page, errors = _page(browser, base_url, "/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("rxscoop")
    expect(page.locator(".opblock-summary-path", has_text="/v1/answer")).to_have_count(1)
    assert errors == [], errors
    page.context.close()


def test_phone_answer_fits_two_screens_before_its_folded_details(browser: Browser, base_url: str) -> None:
    page, errors = _page(browser, base_url, viewport=PHONE, is_mobile=True, has_touch=True)
    _ask(page, "what is dupixent used for")
    expect(page.locator("li.use")).to_have_count(8)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # no sideways scroll
    bottom = page.evaluate("document.querySelector('section.uses').getBoundingClientRect().bottom + scrollY")
    assert bottom <= 2 * PHONE["height"], f"the summary and the uses end at {bottom:.0f} px"
    for target in page.locator("a.fn:visible, li.use summary").all()[:20]:
        box = target.bounding_box()
        assert box and box["height"] >= 24 and box["width"] >= 24
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / "dupixent-phone.png"), full_page=True)
    assert errors == [], errors
    page.context.close()


def test_keyboard_only(page: Page) -> None:
    box = page.get_by_label("Your question")
    for _ in range(3):  # the skip link, the home link, then the question box
        page.keyboard.press("Tab")
    expect(box).to_be_focused()
    page.keyboard.type("what is dupixent used for")
    page.keyboard.press("Enter")
    heading = page.locator("article.answer h2")
    expect(heading).to_be_focused()  # focus moves to the answer
    first_use = page.locator("li.use summary").first
    for _ in range(12):  # a few markers, then the first use: never dozens of stops
        page.keyboard.press("Tab")
        if first_use.evaluate("e => e === document.activeElement"):
            break
    expect(first_use).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("li.use").first.locator(".use-details")).to_be_visible()


@pytest.mark.parametrize("question", [None, "what is dupixent used for"])
def test_no_serious_accessibility_violations(browser: Browser, base_url: str, question: str | None) -> None:
    page, _ = _page(browser, base_url)
    if question:
        _ask(page, question)
        expect(page.locator("article.answer h2")).to_be_visible()
        page.locator("li.use summary").first.click()
    results = Axe().run(page)
    bad = [(v["id"], v["impact"], len(v["nodes"])) for v in results.response["violations"]
           if v["impact"] in ("serious", "critical")]
    assert bad == []
    page.context.close()


def test_hostile_label_and_review_text_never_runs(browser: Browser, tmp_path: Path) -> None:
    from test_robustness import hostile_pack

    pack = hostile_pack(tmp_path)
    with running_server(pack) as url:
        page, _ = _page(browser, url)
        _ask(page, "what is evilex used for")
        expect(page.locator("li.use")).to_have_count(1)
        expect(page.locator("section.patients")).to_contain_text("1 patient review")
        for summary in page.locator("details summary").all():
            summary.click()  # open every fold: quoted label and review text included
        assert page.evaluate("window.__xss") is None  # no script, handler or link ran
        assert "<script>window.__xss=1</script>" in page.locator("#answer").inner_text()
        page.context.close()
