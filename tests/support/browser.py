"""A real headless Chromium for tests of the chat page (Debian's `chromium` + `chromium-driver`,
driven through selenium), and the few things every such test does with it.

`driver` is the fixture: a fresh browser with a profile of its own in the test's tmp_path,
quit when the test ends. It skips with a reason when the browser is missing, except in CI (CI
set), where it fails instead: the Makefile installs it there. `open_page` serves an app on a
free loopback port and opens its page, and when the block ends checks that the browser's
console logged no error. `ask_on_page`, `click` and `focus_by_tab` drive the page as a reader
would.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from service.settings import Settings
from tests.support.server import serve_app

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
WAIT = 60  # seconds; the first ask warms the model up
FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
    "--window-size=1200,1800",
)


def _browser_missing() -> bool:
    return not (shutil.which("chromium") and os.path.exists(CHROMEDRIVER))


@pytest.fixture(name="driver")
def driver_fixture(tmp_path: Path) -> Iterator[Any]:
    """A headless Chromium of this test's own."""
    if _browser_missing():
        if os.environ.get("CI"):
            pytest.fail("CI must run the browser test: apt-get install chromium chromium-driver")
        pytest.skip("chromium or chromedriver missing: apt-get install chromium chromium-driver")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*FLAGS, f"--user-data-dir={tmp_path / 'profile'}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    # Never let selenium download a driver: Debian's chromedriver, named explicitly.
    browser = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    try:
        yield browser
    finally:
        browser.quit()


@contextmanager
def open_page(browser: Any, settings: Settings, engine: Any) -> Iterator[str]:
    """Serve the app over `settings` and `engine` on loopback and open its page in `browser`;
    yields the server's URL. A block that ends without an error of its own then fails if the
    page logged an error to the console (a script error, a failed request)."""
    with serve_app(settings, engine) as url:
        browser.get(url + "/")
        yield url
        errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
        assert errors == [], errors


def ask_on_page(browser: Any, question: str, turns_before: int) -> Any:
    """Type `question` into the question box, press Enter, and return its turn once shown."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    box = browser.find_element(By.ID, "question")
    box.send_keys(question)
    box.send_keys(Keys.ENTER)
    WebDriverWait(browser, WAIT).until(
        lambda b: len(b.find_elements(By.CSS_SELECTOR, "#log .turn")) == turns_before + 1
    )
    return browser.find_elements(By.CSS_SELECTOR, "#log .turn")[-1]


def click(browser: Any, element: Any) -> None:
    """Click `element` once it is in the middle of the window."""
    # Centre it first: the sticky question box at the bottom would cover an element
    # scrolled only just into view.
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()


def focus_by_tab(browser: Any, css: str, limit: int = 80) -> Any:
    """Press Tab until an element matching `css` has the focus; fail past `limit` presses."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    for _ in range(limit):
        ActionChains(browser).send_keys(Keys.TAB).perform()
        if browser.execute_script("return document.activeElement.matches(arguments[0])", css):
            return browser.switch_to.active_element
    raise AssertionError(f"{css} is not reachable with the Tab key")
