"""Tokens per second of spaCy's small English pipeline (tokenizer, tagger,
lemmatizer, parser; named entities off) on the "text" fields of a JSON Lines
file, on one thread. The comparison point for `syntax bench`; run by
speed.sh in a throwaway virtual environment, never a project dependency.

usage: python spacy_speed.py MODEL_PATH FILE.jsonl [SECONDS]
"""

import json
import sys
import time


def main():
    model, path = sys.argv[1], sys.argv[2]
    seconds = float(sys.argv[3]) if len(sys.argv) > 3 else 10.0
    import spacy

    nlp = spacy.load(model, exclude=["ner"])
    with open(path, encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f if line.strip()]
    # Warm up once, then run whole passes until the time is spent.
    list(nlp.pipe(texts[:5]))
    tokens = passes = 0
    start = time.perf_counter()
    while True:
        for doc in nlp.pipe(texts, batch_size=32, n_process=1):
            tokens += len(doc)
        passes += 1
        if time.perf_counter() - start >= seconds:
            break
    elapsed = time.perf_counter() - start
    print(f"spacy {spacy.__version__} {nlp.meta['name']} {nlp.meta['version']}: "
          f"{tokens} tokens in {elapsed:.2f} s ({passes} passes): {tokens / elapsed:.0f} tokens/s")


if __name__ == "__main__":
    main()
