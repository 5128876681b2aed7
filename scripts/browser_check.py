"""Drives headless chromium through the web app (see browser-check.sh); prints ok/FAIL lines."""
import json
import os
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

base, articles_file, shots = sys.argv[1], sys.argv[2], sys.argv[3]
status = 0


def ok(m):
    print("ok  ", m)


def bad(m):
    global status
    status = 1
    print("FAIL", m)


articles = [json.loads(line) for line in open(articles_file, encoding="utf-8")]
article = next(a for a in articles if a.get("text") and len(a["text"]) > 40)
body = article["text"].split("\n")[0]
phrase = next(body[i : i + 8] for i in range(len(body)) if " " not in body[i : i + 8])

options = webdriver.ChromeOptions()
for arg in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1200,1000",
            "--no-first-run", "--disable-background-networking", "--disable-sync",
            "--disable-component-update", "--disable-default-apps"]:
    options.add_argument(arg)
options.binary_location = "/usr/bin/chromium"
options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
requests = []


def collect():
    for entry in driver.get_log("performance"):
        msg = json.loads(entry["message"])["message"]
        if msg.get("method") == "Network.requestWillBeSent":
            requests.append(msg["params"]["request"]["url"])


def shot(name):
    driver.save_screenshot(os.path.join(shots, name + ".png"))


try:
    driver.get(base + "/")
    "<svg" in driver.page_source and ok("home shows the per-day chart") or bad("home: no chart")
    shot("home")

    driver.get(base + "/search")
    box = driver.find_element(By.CSS_SELECTOR, "form.filters input[name=q]")
    box.send_keys('"' + phrase + '"')
    driver.find_element(By.CSS_SELECTOR, "form.filters button").click()
    hits = driver.find_elements(By.CSS_SELECTOR, "li.hit a.title")
    urls = [h.get_attribute("href") for h in hits]
    found = any(article["url"] in (u or "") or article["url"].replace(":", "%3A").replace("/", "%2F") in (u or "") for u in urls)
    found and ok(f"search for {phrase!r} finds {article['url']}") or bad(f"search for {phrase!r}: {len(hits)} hits, not the article")
    shot("search")

    target = next((h for h in hits if article["url"].replace(":", "%3A").replace("/", "%2F") in h.get_attribute("href")), hits[0] if hits else None)
    if target is not None:
        target.click()
    else:
        driver.get(base + "/article?url=" + article["url"])
    title = driver.find_element(By.ID, "title").text
    text = driver.find_element(By.ID, "text").text
    (title == article["title"]) and ok(f"article page shows its title {title!r}") or bad(f"article title {title!r} != {article['title']!r}")
    (body[:20] in text) and ok("article page shows its text") or bad("article text missing")
    shot("article")

    driver.find_element(By.ID, "replay").click()
    page = driver.page_source
    "portal-archiver-banner" in page and ok("replay shows the capture banner") or bad("replay: no banner")
    article["title"] in page and ok("replay shows the archived page") or bad("replay: archived title missing")
    images = driver.find_elements(By.CSS_SELECTOR, "img")
    archived = [i for i in images if (i.get_attribute("src") or "").startswith(base + "/replay?")]
    loaded = [i for i in archived if driver.execute_script("return arguments[0].complete && arguments[0].naturalWidth > 0", i)]
    loaded and ok(f"replay: {len(loaded)} of {len(images)} images loaded from the archive") or bad(f"replay: no image loaded from the archive ({len(images)} images, {len(archived)} pointing to it)")
    shot("replay")

    driver.get(base + "/changes")
    sections = driver.find_elements(By.CSS_SELECTOR, "section.change")
    sections and ok(f"changes lists {len(sections)} changed articles") or bad("changes lists none after day 1")
    shot("changes")

    collect()
    foreign = [u for u in requests if not (u.startswith(base + "/") or u == base or u.startswith("data:"))]
    not foreign and ok(f"{len(requests)} requests, all to {base}") or bad(f"requests elsewhere: {foreign[:5]}")
finally:
    driver.quit()
sys.exit(status)
