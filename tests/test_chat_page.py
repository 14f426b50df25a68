"""The chat page in a real headless Chromium (Debian's `chromium` + `chromium-driver`),
against a real server on loopback: ask, read cited results, follow up, give feedback."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from service.conversations.sqlite import ConversationStore
from service.settings import Settings
from tests.support.server import serve_app

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
QUESTION = "How much influence does Pakistan have over the Taliban?"
OFF_TOPIC = "What is the boiling point of liquid nitrogen in a pressure cooker?"
WAIT = 60  # seconds; the first ask warms the model up

pytestmark = pytest.mark.browser


def _browser_missing() -> bool:
    return not (shutil.which("chromium") and os.path.exists(CHROMEDRIVER))


@pytest.fixture
def driver(tmp_path: Path) -> Iterator[Any]:
    if _browser_missing():
        if os.environ.get("CI"):
            pytest.fail("CI must run the browser test: apt-get install chromium chromium-driver")
        pytest.skip("chromium or chromedriver missing: apt-get install chromium chromium-driver")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-dev-shm-usage",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--window-size=1200,1800",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    # Never let selenium download a driver: Debian's chromedriver, named explicitly.
    browser = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    try:
        yield browser
    finally:
        browser.quit()


def _ask(browser: Any, question: str, turns_before: int) -> Any:
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


def _click(browser: Any, element: Any) -> None:
    # Centre it first: the sticky question box at the bottom would cover an element
    # scrolled only just into view.
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()


def _assert_fits_a_phone(browser: Any) -> None:
    """No sideways scrolling, and the question box, once scrolled to (on a phone it follows
    the conversation instead of sticking to the screen), is fully on screen and uncovered."""
    page_width, viewport = browser.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
    assert page_width <= viewport, f"the page is {page_width}px wide in a {viewport}px viewport"
    box = browser.execute_script(
        "const q = document.getElementById('question'); q.scrollIntoView({block: 'center'});"
        "const r = q.getBoundingClientRect();"
        "const top = document.elementFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2);"
        "return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, uncovered: top === q,"
        " width: window.innerWidth, height: window.innerHeight};"
    )
    assert 0 <= box["left"] < box["right"] <= box["width"], box
    assert 0 <= box["top"] < box["bottom"] <= box["height"], box
    assert box["uncovered"], box


def _focus_by_tab(browser: Any, css: str, limit: int = 80) -> Any:
    """Press Tab until an element matching `css` has the focus; fail past `limit` presses."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    for _ in range(limit):
        ActionChains(browser).send_keys(Keys.TAB).perform()
        if browser.execute_script("return document.activeElement.matches(arguments[0])", css):
            return browser.switch_to.active_element
    raise AssertionError(f"{css} is not reachable with the Tab key")


def test_the_page_works_with_the_keyboard_alone(
    driver: Any,
    make_settings: Callable[..., Settings],
    engine: Any,
) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    with serve_app(make_settings(), engine) as url:
        driver.get(url + "/")
        box = _focus_by_tab(driver, "#question")
        box.send_keys(QUESTION + Keys.ENTER)
        WebDriverWait(driver, WAIT).until(lambda b: b.find_elements(By.CSS_SELECTOR, "#log .turn .result"))
        summary = _focus_by_tab(driver, ".result details summary")
        ActionChains(driver).send_keys(Keys.ENTER).perform()
        assert summary.find_element(By.XPATH, "..").get_attribute("open") is not None
        vote = _focus_by_tab(driver, ".vote.up")
        ActionChains(driver).send_keys(Keys.SPACE).perform()
        WebDriverWait(driver, WAIT).until(lambda _: vote.get_attribute("aria-pressed") == "true")
        outline = driver.execute_script("return getComputedStyle(document.activeElement).outlineStyle")
        assert outline != "none", "the focused control shows no focus ring"


def test_ask_follow_up_and_feedback_in_the_browser(
    driver: Any,
    make_settings: Callable[..., Settings],
    engine: Any,
    tmp_path: Path,
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    settings = make_settings()
    with serve_app(settings, engine) as url:
        driver.get(url + "/")
        assert driver.title.startswith("cited")
        label = driver.find_element(By.CSS_SELECTOR, "label[for=question]")
        assert label.text == "Your question"

        turn = _ask(driver, QUESTION, 0)
        assert turn.find_element(By.CSS_SELECTOR, ".turn-question").text == QUESTION
        results = turn.find_elements(By.CSS_SELECTOR, ".result")
        assert len(results) == 5
        citations = [r.find_element(By.CSS_SELECTOR, ".citation").text for r in results]
        assert all(c.startswith(f"{i}. ") and len(c) > 20 for i, c in enumerate(citations, 1))
        assert turn.find_elements(By.CSS_SELECTOR, ".answer-sentences li q")
        assert turn.find_elements(By.CSS_SELECTOR, ".result mark")
        status = driver.find_element(By.ID, "status")
        assert status.get_attribute("aria-live") == "polite"
        assert "results" in status.text

        # The top passages of this question cite footnotes; each opens in place.
        footnotes = turn.find_elements(By.CSS_SELECTOR, ".result details")
        assert footnotes
        _click(driver, footnotes[0].find_element(By.TAG_NAME, "summary"))
        assert footnotes[0].get_attribute("open") is not None
        assert footnotes[0].find_element(By.TAG_NAME, "p").text

        follow_up = _ask(driver, "Who leads it?", 1)
        conversation = turn.get_attribute("data-conversation-id")
        assert follow_up.get_attribute("data-conversation-id") == conversation
        assert follow_up.get_attribute("data-ask-id") != turn.get_attribute("data-ask-id")

        first = results[0]
        first_ask = turn.get_attribute("data-ask-id")
        first_unit = first.get_attribute("data-unit-id")
        helpful = first.find_element(By.CSS_SELECTOR, ".vote.up")
        _click(driver, helpful)
        WebDriverWait(driver, WAIT).until(lambda _: helpful.get_attribute("aria-pressed") == "true")
        assert "Thanks" in first.find_element(By.CSS_SELECTOR, ".feedback-status").text
        driver.save_screenshot(str(tmp_path / "chat-desktop.png"))
        driver.set_window_size(390, 844)  # a phone
        driver.save_screenshot(str(tmp_path / "chat-phone.png"))
        _assert_fits_a_phone(driver)

        _click(driver, driver.find_element(By.ID, "new-conversation"))
        assert driver.find_elements(By.CSS_SELECTOR, "#log .turn") == []
        fresh = _ask(driver, OFF_TOPIC, 0)
        assert fresh.get_attribute("data-conversation-id") != conversation
        abstained = fresh.find_element(By.CSS_SELECTOR, ".abstained")
        assert "do not answer" in abstained.text
        assert fresh.find_elements(By.CSS_SELECTOR, ".answer-sentences") == []
        assert driver.find_element(By.ID, "status").text == "No answer in the reports."
        driver.save_screenshot(str(tmp_path / "chat-abstained.png"))
        errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
        assert errors == [], errors

    store = ConversationStore(settings.database_path)
    try:
        turns = store.get_conversation(conversation).turns
        assert [t.question for t in turns] == [QUESTION, "Who leads it?"]
        assert turns[0].ask_id == first_ask and turns[0].unit_ids[0] == first_unit
        assert store.feedback(first_ask) == [(first_unit, True, None, "api")]
    finally:
        store.close()
    assert (tmp_path / "chat-desktop.png").stat().st_size > 10_000


def test_the_page_lists_the_documents_and_asks_within_one(
    driver: Any,
    make_settings: Callable[..., Settings],
    engine: Any,
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait

    with serve_app(make_settings(), engine) as url:
        driver.get(url + "/")
        WebDriverWait(driver, WAIT).until(lambda b: b.find_element(By.ID, "document-count").text == "2")
        _click(driver, driver.find_element(By.CSS_SELECTOR, "#library summary"))
        items = driver.find_elements(By.CSS_SELECTOR, "#document-list li")
        assert [i.get_attribute("data-document-id") for i in items] == [d.id for d in engine.documents.values()]
        article = next(i for i in items if i.get_attribute("data-document-id") == "fp-pakistan-taliban-2021")
        assert article.find_element(By.CSS_SELECTOR, ".document-title").text == "Future of Pakistan-Taliban relations"
        assert "Michael Kugelman" in article.find_element(By.CSS_SELECTOR, ".document-meta").text

        _click(driver, article.find_element(By.CSS_SELECTOR, ".document-only"))
        assert Select(driver.find_element(By.ID, "document-filter")).first_selected_option.text == (
            "Future of Pakistan-Taliban relations"
        )
        turn = _ask(driver, QUESTION, 0)
        citations = [c.text for c in turn.find_elements(By.CSS_SELECTOR, ".result .citation")]
        assert citations and all("Future of Pakistan-Taliban relations" in c for c in citations), citations

        Select(driver.find_element(By.ID, "document-filter")).select_by_value("")
        turn = _ask(driver, QUESTION, 1)
        citations = [c.text for c in turn.find_elements(By.CSS_SELECTOR, ".result .citation")]
        assert any("Shoring Up Afghanistan" in c for c in citations), citations
        errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
        assert errors == [], errors
