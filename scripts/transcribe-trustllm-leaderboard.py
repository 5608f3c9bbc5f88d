"""Transcribes the TrustLLM leaderboard's numbers (facts, attributed) into src/demos/trustllm/leaderboard.json.

Source: github.com/TrustLLMBenchmark/TrustLLM-Website, js/leaderboard/leaderboard-data.js as of
commit 080221b (2024-11-08; the file last changed in 783aea7): six tables, one per dimension, a row per model. -1.000 there means "not
measured" and becomes null; model names are normalised for matching across tables (case, spaces).

    python3 scripts/transcribe-trustllm-leaderboard.py /path/to/leaderboard-data.js > src/demos/trustllm/leaderboard.json
"""
import json
import re
import sys

text = open(sys.argv[1], encoding='utf-8').read()
tables = {}
for name, body in re.findall(r'(\w+)\s*=\s*(\[.*?\])\s*(?=\w+\s*=|\Z)', text, re.S):
    rows = json.loads(re.sub(r',\s*([}\]])', r'\1', body))
    tables[name] = [{re.sub(r'\s+', ' ', k).strip(): (None if v == -1 else v) for k, v in row.items()} for row in rows]


def model_key(name):
    return re.sub(r'[\s_-]+', '', name).lower().replace('palm2', 'palm 2').replace('palm 2', 'palm2')


models = {}
for dimension, rows in tables.items():
    for row in rows:
        key = model_key(row['Model'])
        entry = models.setdefault(key, {'model': row['Model'].strip()})
        for metric, value in row.items():
            if metric != 'Model':
                entry[f'{dimension}: {metric}'] = value
print(json.dumps({
    'source': 'TrustLLM leaderboard (Sun, Huang et al., 2024), github.com/TrustLLMBenchmark/TrustLLM-Website js/leaderboard/leaderboard-data.js as of 080221b (2024-11-08); numbers transcribed, null where the leaderboard has none',
    'models': sorted(models.values(), key=lambda m: m['model'].lower()),
}, indent=1, ensure_ascii=False))
