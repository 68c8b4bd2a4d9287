"""Screenshots of the web page for the README (docs/answer-desktop.png, docs/answer-phone.png): a real
server on localhost over a pack, in Debian's headless Chromium.

    .venv/bin/python scripts/screenshots.py [--pack PACK] [--question "what is dupixent used for"]
"""

from __future__ import annotations

import argparse
import socket
import threading
import time
from pathlib import Path

import httpx
import uvicorn
from playwright.sync_api import sync_playwright

from rxscoop.pack import default_pack_path
from rxscoop.web.app import create_app
from rxscoop.web.settings import Settings

DOCS = Path(__file__).resolve().parents[1] / "docs"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
VIEWS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pack", type=Path, default=default_pack_path())
    parser.add_argument("--question", default="what is dupixent used for")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(Settings(pack=args.pack, rate_per_minute=0)),
                                           host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            httpx.get(f"{base}/healthz", timeout=1)
            break
        except httpx.HTTPError:
            time.sleep(0.05)
    DOCS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=args.chromium, args=ARGS)
        for name, viewport in VIEWS.items():
            page = browser.new_page(viewport=viewport, is_mobile=name == "phone")
            page.goto(f"{base}/?q={httpx.QueryParams({'q': args.question})['q']}")
            page.locator("article.answer h2").wait_for()
            path = DOCS / f"answer-{name}.png"
            page.screenshot(path=str(path), full_page=False)
            print(f"{path} ({viewport['width']}×{viewport['height']}, first screen)")
            page.close()
        browser.close()
    server.should_exit = True


if __name__ == "__main__":
    main()
