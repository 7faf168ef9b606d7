#!/usr/bin/env python3
"""Derives gold alerts from gold extract labels, as the labelling guide defines them (../README of the scorer kit):
replay the gold PARTNERSHIP events in `published` order, keep one state per unordered company pair (FORMED and EXPANDED
are ACTIVE; an event with three or more parties updates every pair among them), and emit an alert whenever a pair's
state changes, with the first reporting article and its published time.

usage: derive_alerts.py ARTICLES.jsonl GOLD.jsonl > alerts.gold.jsonl
"""
import itertools
import json
import sys

STATE = {"FORMED": "ACTIVE", "EXPANDED": "ACTIVE", "EXCLUSIVE": "EXCLUSIVE", "NON_EXCLUSIVE": "NON_EXCLUSIVE",
         "STRAINED": "STRAINED", "ENDED": "ENDED"}


def main(articles_path, gold_path):
    published = {}
    for line in open(articles_path, encoding="utf-8"):
        if line.strip():
            a = json.loads(line)
            published[a["id"]] = a["published"]
    gold = {}
    for line in open(gold_path, encoding="utf-8"):
        if line.strip():
            g = json.loads(line)
            gold[g["id"]] = g
    state = {}
    for aid in sorted(published, key=lambda i: (published[i], i)):
        for ev in gold.get(aid, {}).get("events", []):
            if ev.get("type") != "PARTNERSHIP":
                continue
            new = STATE[ev["status"]]
            for a, b in itertools.combinations(sorted(set(ev["parties"])), 2):
                prev = state.get((a, b))
                if prev != new:
                    state[(a, b)] = new
                    print(json.dumps({"pair": [a, b], "previous": prev, "current": new, "articleIds": [aid],
                                      "at": published[aid]}, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
