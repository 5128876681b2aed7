"""Drives headless chromium through the web app (see browser-check.sh); prints ok/FAIL lines."""
import json
import os
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

base, articles_file, shots = sys.argv[1], sys.argv[2], sys.argv[3]
status = 0


def check(passed, good, failed):
    """Prints an ok line (`good`) or a FAIL line (`failed`) and records a failure."""
    global status
    if passed:
        print("ok  ", good)
    else:
        status = 1
        print("FAIL", failed)


articles = [json.loads(line) for line in open(articles_file, encoding="utf-8")]


def unique_phrase(a):
    """8 characters of the article's first paragraph found in no other article's text."""
    body = a["text"].split("\n")[0]
    for i in range(0, max(0, len(body) - 8), 3):
        p = body[i : i + 8]
        if " " not in p and '"' not in p and sum(p in b["text"] for b in articles) == 1:
            return p
    return None


article, phrase = next((a, p) for a in articles if a.get("text") and len(a["text"]) > 40
                       and a.get("title") and (p := unique_phrase(a)))
body = article["text"].split("\n")[0]

options = webdriver.ChromeOptions()
for arg in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1200,1000",
            "--no-first-run", "--disable-background-networking", "--disable-sync",
            "--disable-component-update", "--disable-default-apps"]:
    options.add_argument(arg)
options.binary_location = "/usr/bin/chromium"
options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
requests = []
responses = {}  # URL -> (status, MIME type) of each response the browser received


def collect():
    """Reads the DevTools network events logged since the last call."""
    for entry in driver.get_log("performance"):
        msg = json.loads(entry["message"])["message"]
        if msg.get("method") == "Network.requestWillBeSent":
            requests.append(msg["params"]["request"]["url"])
        elif msg.get("method") == "Network.responseReceived":
            r = msg["params"]["response"]
            responses[r["url"]] = (r.get("status"), r.get("mimeType", ""))


def shot(name):
    driver.save_screenshot(os.path.join(shots, name + ".png"))


try:
    driver.get(base + "/")
    check("<svg" in driver.page_source, "home shows the per-day chart", "home: no chart")
    shot("home")

    driver.get(base + "/search")
    box = driver.find_element(By.CSS_SELECTOR, "form.filters input[name=q]")
    box.send_keys('"' + phrase + '"')
    driver.find_element(By.CSS_SELECTOR, "form.filters button").click()
    WebDriverWait(driver, 20).until(expected_conditions.url_contains("/search?q="))
    WebDriverWait(driver, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, "li.hit, #no-hits"))
    hits = driver.find_elements(By.CSS_SELECTOR, "li.hit a.title")
    urls = [h.get_attribute("href") for h in hits]
    found = any(article["url"] in (u or "") or article["url"].replace(":", "%3A").replace("/", "%2F") in (u or "") for u in urls)
    check(found, f"search for {phrase!r} finds {article['url']}", f"search for {phrase!r}: {len(hits)} hits, not the article")
    shot("search")

    target = next((h for h in hits if article["url"].replace(":", "%3A").replace("/", "%2F") in h.get_attribute("href")), hits[0] if hits else None)
    if target is not None:
        target.click()
    else:
        driver.get(base + "/article?url=" + article["url"])
    WebDriverWait(driver, 20).until(lambda d: d.find_elements(By.ID, "title"))
    title = driver.find_element(By.ID, "title").text
    text = driver.find_element(By.ID, "text").text
    check(title == article["title"], f"article page shows its title {title!r}", f"article title {title!r} != {article['title']!r}")
    check(body[:20] in text, "article page shows its text", "article text missing")
    shot("article")

    driver.find_element(By.ID, "replay").click()
    WebDriverWait(driver, 20).until(expected_conditions.url_contains("/replay?"))
    WebDriverWait(driver, 20).until(lambda d: d.execute_script("return document.readyState") == "complete")
    page = driver.page_source
    check("portal-archiver-banner" in page, "replay shows the capture banner", "replay: no banner")
    check(article["title"] in page, "replay shows the archived page", "replay: archived title missing")
    images = driver.find_elements(By.CSS_SELECTOR, "img")
    archived = [i for i in images if (i.get_attribute("src") or "").startswith(base + "/replay?")]
    loaded = [i for i in archived if driver.execute_script("return arguments[0].complete && arguments[0].naturalWidth > 0", i)]
    check(loaded, f"replay: {len(loaded)} of {len(images)} images loaded from the archive", f"replay: no image loaded from the archive ({len(images)} images, {len(archived)} pointing to it)")
    # The article's own picture (/img/…): requested from the app and answered 200 image/*.
    collect()
    own = [u for u in responses if u.startswith(base + "/replay?") and "%2Fimg%2F" in u]
    good = [u for u in own if responses[u][0] == 200 and responses[u][1].startswith("image/")]
    check(good, f"replay: the article's image came from the archive ({(good or [base])[0][len(base):][:90]}…)", f"replay: the article's image was not served from the archive: {[(u, responses[u]) for u in own][:3]}")
    shot("replay")

    driver.get(base + "/changes")
    sections = driver.find_elements(By.CSS_SELECTOR, "section.change")
    check(sections, f"changes lists {len(sections)} changed articles", "changes lists none after day 1")
    shot("changes")

    collect()
    foreign = [u for u in requests if not (u.startswith(base + "/") or u == base or u.startswith("data:"))]
    check(not foreign, f"{len(requests)} requests, all to {base}", f"requests elsewhere: {foreign[:5]}")
finally:
    driver.quit()
sys.exit(status)
