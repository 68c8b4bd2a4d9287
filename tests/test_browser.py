"""The web page in a real headless Chromium against a real server on localhost."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from server import running_server

CHROMIUM = os.environ.get("RXSCOOP_CHROMIUM", "/usr/bin/chromium")
OUTPUT = Path(__file__).parent / "output"

if not shutil.which(CHROMIUM) and not os.environ.get("CI"):
    pytest.skip(f"no Chromium at {CHROMIUM} (CI installs it: apt-get install chromium)", allow_module_level=True)

from playwright.sync_api import Page, expect, sync_playwright  # noqa: E402


@pytest.fixture(scope="module")
def base_url(pack_path: Path) -> Iterator[str]:
    with running_server(pack_path) as url:
        yield url


@pytest.fixture()
def page(base_url: str) -> Iterator[Page]:
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        )
        context = browser.new_context(viewport={"width": 1000, "height": 900})
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(base_url)
        yield page
        assert errors == [], errors  # no script errors, no CSP violations
        browser.close()


def test_dupixent_question_follow_up_and_sources(page: Page) -> None:
    page.get_by_label("Your question").fill("what is dupixent used for")
    page.get_by_role("button", name="Ask").click()
    uses = page.locator("li.use")
    expect(uses).to_have_count(8)
    expect(page.locator("article.answer h2")).to_have_text("Dupixent (dupilumab)")
    for condition in ("Atopic Dermatitis", "Asthma", "Eosinophilic Esophagitis", "Bullous Pemphigoid"):
        expect(page.locator(f'li.use[data-condition="{condition}"]')).to_have_count(1)
    expect(page.locator("section.patients")).to_contain_text("no patient reviews of Dupixent")
    expect(page.locator(".disclaimer")).to_contain_text("not medical advice")
    # a source opens on click and shows the label's own words and date
    first = page.locator("li.use details.cite").first
    first.locator("summary").click()
    expect(first.locator("q").first).to_contain_text("DUPIXENT is indicated for the treatment of adult and pediatric")
    expect(first.locator(".where")).to_contain_text("Indications and Usage")
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / "dupixent-answer.png"), full_page=True)
    # the condition follow-up, as a button, gives the tailored answer
    page.locator("button.follow", has_text="Asthma").click()
    expect(page.locator("section.topic h3")).to_have_text("Dupixent for asthma")
    expect(page.locator("section.topic")).to_contain_text("for adults and children 6 years and older")
    # and a typed follow-up keeps the drug
    page.get_by_label("Your question").fill("side effects?")
    page.keyboard.press("Enter")
    expect(page.locator("section.topic h3")).to_have_text("Side effects of Dupixent")
    page.screenshot(path=str(OUTPUT / "dupixent-follow-up.png"), full_page=True)


def test_type_ahead_offers_drug_names(page: Page) -> None:
    page.get_by_label("Your question").press_sequentially("dupix", delay=30)
    expect(page.locator("#drug-names option")).to_have_count(1, timeout=5000)
    assert page.locator("#drug-names option").first.get_attribute("value") == "what is dupixent used for"


def test_unknown_drug_and_phone_width(page: Page) -> None:
    page.set_viewport_size({"width": 380, "height": 800})
    page.get_by_label("Your question").fill("what is zorblaxin used for")
    page.get_by_role("button", name="Ask").click()
    expect(page.locator("#answer")).to_contain_text("couldn't find a medicine")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 380  # nothing forces sideways scrolling on a phone


def test_hostile_label_and_review_text_never_runs(tmp_path: Path) -> None:
    from test_robustness import hostile_pack

    pack = hostile_pack(tmp_path)
    with running_server(pack) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu",
                                                                    "--disable-background-networking"])
        page = browser.new_page()
        page.goto(url)
        page.get_by_label("Your question").fill("what is evilex used for")
        page.get_by_role("button", name="Ask").click()
        expect(page.locator("li.use")).to_have_count(1)
        expect(page.locator("section.patients")).to_contain_text("1 patient review")
        for summary in page.locator("details.cite summary").all():
            summary.click()  # open every source: quoted label and review text included
        assert page.evaluate("window.__xss") is None  # no script, handler or link ran
        assert "<script>window.__xss=1</script>" in page.locator("#answer").inner_text()
        browser.close()
