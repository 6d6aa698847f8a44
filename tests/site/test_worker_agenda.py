"""The worker's agenda requests, asked straight from a page of the built site: the page's
side of the protocol (engine.js) is left out, so this holds whatever the page looks like.

The worker answers exactly what the engine answers in CPython, loads the holidays library
when any application names a country (and icalendar for a calendar file), and sends errors
back as data.
"""

from __future__ import annotations

import json
from typing import Any

from playwright.sync_api import BrowserContext

from followup_engine.browser import (
    agenda_calendar_response,
    agenda_response,
    drafts_response,
    plan_dates_response,
)

# Two applications, and only the second names a country: in Great Britain the check-in after
# 24 December waits for Christmas, the weekend and the Boxing Day holiday (moved to Monday).
EXPORT: dict[str, Any] = {
    "format": "followup-planner",
    "version": 2,
    "today": "2026-12-21",
    "days": 14,
    "applications": [
        {
            "id": "acme",
            "situation": {
                "company": "Acme",
                "role": "Data Analyst",
                "rounds": [
                    {
                        "date": "2026-12-14",
                        "interviewers": [{"name": "Dana Lee", "email": "dana@example.com"}],
                    }
                ],
            },
        },
        {
            "id": "globex",
            "situation": {
                "company": "Globex",
                "country": "GB",
                "decision_date": "2026-12-24",
                "rounds": [
                    {
                        "date": "2026-12-14",
                        "interviewers": [{"name": "Ravi Patel", "email": "ravi@example.com"}],
                    }
                ],
            },
        },
    ],
}

# Starts the site's worker, posts every request at once (they wait for Python to start) and
# returns the answers in request order; status, build and country messages carry no id.
ASK_WORKER = """
async ({ url, requests, timeoutMs }) => {
  const worker = new Worker(url, { type: "module" });
  const answers = new Map();
  try {
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("the worker did not answer")), timeoutMs);
      worker.addEventListener("error", (event) => reject(new Error(event.message)));
      worker.addEventListener("message", ({ data }) => {
        if (!("id" in data)) return;
        answers.set(data.id, data);
        if (answers.size === requests.length) {
          clearTimeout(timer);
          resolve();
        }
      });
      requests.forEach((request, index) => worker.postMessage({ id: index + 1, ...request }));
    });
  } finally {
    worker.terminate();
  }
  return requests.map((_, index) => answers.get(index + 1));
}
"""


def ask_worker(
    context: BrowserContext, site_url: str, requests: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    page = context.new_page()
    page.goto(site_url)
    return page.evaluate(
        ASK_WORKER,
        {
            "url": f"{site_url}assets/planner/worker.js",
            "requests": requests,
            "timeoutMs": 90_000,
        },
    )


def test_the_worker_answers_agenda_requests_as_the_engine_does(
    context: BrowserContext, site_url: str
) -> None:
    text = json.dumps(EXPORT)
    wrong_version = {**EXPORT, "version": 3}
    agenda, calendar, refused = ask_worker(
        context,
        site_url,
        [
            {"type": "agenda", "situation": EXPORT},
            {"type": "agenda_ics", "situation": EXPORT},
            {"type": "agenda", "situation": wrong_version},
        ],
    )

    assert agenda == {"id": 1, "result": json.loads(agenda_response(text))}
    items = [
        (item["application"], item["kind"], item["date"])
        for item in agenda["result"]["agenda"]["items"]
    ]
    assert ("globex", "follow_up", "2026-12-29") in items  # the holidays were loaded
    assert calendar == {"id": 2, "result": json.loads(agenda_calendar_response(text))}
    assert calendar["result"]["ics"].count("BEGIN:VEVENT") == 4  # every pending step
    assert refused["result"] == json.loads(agenda_response(json.dumps(wrong_version)))
    assert refused["result"]["ok"] is False
    assert refused["result"]["errors"][0]["field"] == "version"


# Starts the site's worker, posts every request at once and returns every message that
# carries an id, in the order they came, once `count` of them are in.
ASK_WORKER_ALL = """
async ({ url, requests, count, timeoutMs }) => {
  const worker = new Worker(url, { type: "module" });
  const answers = [];
  try {
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("the worker did not answer")), timeoutMs);
      worker.addEventListener("message", ({ data }) => {
        if (!("id" in data)) return;
        answers.push(data);
        if (answers.length === count) {
          clearTimeout(timer);
          resolve();
        }
      });
      requests.forEach((request, index) => worker.postMessage({ id: index + 1, ...request }));
    });
  } finally {
    worker.terminate();
  }
  return answers;
}
"""

SITUATION = {"today": "2026-11-25", "rounds": [{"date": "2026-11-16"}], "company": "Acme"}


def test_a_plan_comes_in_two_answers_and_an_agenda_in_one(context: BrowserContext, site_url):
    """The dated plan first, its drafts after (issue 15); a plan asked for without drafts,
    or one superseded by a newer plan request, gets no drafts; the agenda is as before."""
    text = json.dumps(SITUATION)
    newer = {**SITUATION, "company": "Globex"}
    page = context.new_page()
    page.goto(site_url)
    requests = [
        {"type": "plan", "situation": SITUATION},
        {"type": "plan", "situation": SITUATION, "drafts": False},
        {"type": "agenda", "situation": EXPORT},
        {"type": "plan", "situation": newer},
    ]
    answers = page.evaluate(
        ASK_WORKER_ALL,
        {
            "url": f"{site_url}assets/planner/worker.js",
            "requests": requests,
            "count": 6,
            "timeoutMs": 90_000,
        },
    )
    by_id: dict[int, list[dict[str, Any]]] = {}
    for answer in answers:
        by_id.setdefault(answer["id"], []).append(answer)
    dates = {"id": 1, "answer": "dates", "result": json.loads(plan_dates_response(text))}
    # Plan 1's drafts were due after plan 4 had come in: only the newest plan's are made.
    assert by_id[1] == [dates, {"id": 1, "answer": "drafts", "superseded": True}]
    assert by_id[2] == [{**dates, "id": 2}]
    assert by_id[3] == [{"id": 3, "result": json.loads(agenda_response(json.dumps(EXPORT)))}]
    newer_text = json.dumps(newer)
    assert by_id[4] == [
        {"id": 4, "answer": "dates", "result": json.loads(plan_dates_response(newer_text))},
        {"id": 4, "answer": "drafts", "result": json.loads(drafts_response(newer_text))},
    ]
    assert answers.index(by_id[4][0]) < answers.index(by_id[4][1])
