"""End to end in headless Chromium: the contacts view filtered to two countries, a contact's evidence, a person."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import httpx
import pytest
import uvicorn

from annals.serve.app import create_app

from .conftest import store_of

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"


@pytest.fixture(scope="module")
def server(nlp, tmp_path_factory):
    """Base URL of a real server over a store with the seeds ingested."""
    annals = store_of(nlp, tmp_path_factory.mktemp("browser") / "seeds.db", ("data", "seeds"))
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        server = uvicorn.Server(uvicorn.Config(create_app(annals), log_level="warning"))
        thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
        thread.start()
        deadline = time.monotonic() + 20
        while not server.started:
            assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
            time.sleep(0.02)
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
        server.should_exit = True
        thread.join(10)


@pytest.fixture(scope="module")
def page():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        tab = browser.new_page(viewport={"width": 1280, "height": 900})
        errors: list[str] = []
        tab.on("pageerror", lambda exc: errors.append(str(exc)))
        yield tab
        browser.close()
    assert errors == [], errors


def test_contacts_between_israel_and_the_usa(server, page):
    expected = httpx.get(f"{server}/api/contacts", params={"country": ["ISR", "USA"]}).json()
    assert len(expected) >= 3
    page.goto(f"{server}/contacts")
    page.fill("input[name=country] >> nth=0", "ISR")
    page.fill("input[name=country] >> nth=1", "USA")
    page.click("form.filters button")
    page.wait_for_url("**/contacts?country=ISR&country=USA*")
    rows = page.locator("tr.contact")
    assert rows.count() == len(expected)
    page.wait_for_selector("#contacts-timeline .vis-item")
    page.wait_for_selector("#contacts-graph canvas")
    page.screenshot(path=str(ARTIFACTS / "contacts-isr-usa.png"), full_page=True)

    first = expected[0]["sources"][0]
    page.locator("tr.contact a.evidence").first.click()
    page.wait_for_url(f"**/documents/{first['doc']}*")
    assert page.locator("mark#evidence").inner_text().strip() == first["sentence"]
    assert page.locator("mark#evidence").is_visible()


def test_person_page(server, page):
    page.goto(f"{server}/search?q=katz")
    page.click("ul.entities a.person >> text=Israel Katz")
    page.wait_for_selector("#offices-timeline .vis-item.certain")
    assert page.locator("h1").inner_text() == "Israel Katz"
    assert page.locator("table.tenures tr.tenure").count() >= 1
    assert page.locator("blockquote.quote").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "person-israel-katz.png"), full_page=True)
    page.click("table.tenures a.office >> nth=0")
    page.wait_for_selector("#succession .vis-item")
    page.screenshot(path=str(ARTIFACTS / "office-succession.png"), full_page=True)
