#!/usr/bin/env python3
"""Writes N synthetic wire articles (JSON Lines) with four events each, between
random pairs of states, on random dates: a corpus for benchmarks.

    synthetic.py N > articles.jsonl
"""
import json
import random
import sys

STATES = [("Peru", "Peruvian"), ("Bolivia", "Bolivian"), ("Chile", "Chilean"), ("Ecuador", "Ecuadorian"),
          ("Colombia", "Colombian"), ("Venezuela", "Venezuelan"), ("Brazil", "Brazilian"), ("Argentina", "Argentine"),
          ("Uruguay", "Uruguayan"), ("Paraguay", "Paraguayan"), ("Kenya", "Kenyan"), ("Uganda", "Ugandan"),
          ("Tanzania", "Tanzanian"), ("Rwanda", "Rwandan"), ("Ghana", "Ghanaian"), ("Togo", "Togolese"),
          ("Norway", "Norwegian"), ("Sweden", "Swedish"), ("Finland", "Finnish"), ("Denmark", "Danish"),
          ("Poland", "Polish"), ("Hungary", "Hungarian"), ("Austria", "Austrian"), ("Portugal", "Portuguese")]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
TEMPLATES = [
    "{A} expelled a {b} diplomat on {day}.",
    "{A} accused {B} of meddling in its affairs on {day}.",
    "{A} held talks with {B} on {day}.",
    "{a} troops began military exercises near the {b} border on {day}.",
    "{A} condemned {B} on {day}.",
    "{A} and {B} agreed to reopen their border crossings.",
    "{A} recalled its ambassador from {B} on {day}.",
    "{a} forces shelled positions inside {B} on {day}.",
]


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    rng = random.Random(7)
    for i in range(n):
        year = rng.choice([2021, 2022, 2023, 2024])
        month = rng.randint(1, 12)
        day = rng.randint(1, 28)
        sentences = []
        for _ in range(4):
            (A, a), (B, b) = rng.sample(STATES, 2)
            sentences.append(rng.choice(TEMPLATES).format(A=A, a=a, B=B, b=b, day=rng.choice(DAYS)))
        print(json.dumps({"id": f"syn-{i}", "published": f"{year}-{month:02d}-{day:02d}", "text": " ".join(sentences)}))


if __name__ == "__main__":
    main()
