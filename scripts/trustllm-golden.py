"""Golden values for src/demos/trustllm/toolkit.test.ts, from the TrustLLM toolkit's own functions.

The toolkit (MIT, github.com/HowieHwong/TrustLLM, commit 4b86421) is not shipped here: point this at a
checkout's trustllm_pkg folder. Modules that call external services (GPT-4, Longformer, embeddings)
are stubbed: none of the functions below uses them.

    python3 scripts/trustllm-golden.py /path/to/TrustLLM/trustllm_pkg > src/demos/trustllm/fixtures/toolkit-expected.json

Needs numpy, scipy, pandas and scikit-learn (Debian: python3-sklearn python3-pandas).
"""
import copy
import json
import sys
import types

sys.path.insert(0, sys.argv[1])
for name in ['trustllm.utils.gpt_auto_eval', 'trustllm.utils.longformer', 'trustllm.utils.embedder', 'trustllm.utils.perspective', 'tqdm']:
    stub = types.ModuleType(name)
    stub.tqdm = lambda it, **kw: it
    sys.modules[name] = stub
import trustllm.utils  # noqa: E402
for name in ['gpt_auto_eval', 'longformer', 'embedder', 'perspective']:
    setattr(trustllm.utils, name, sys.modules[f'trustllm.utils.{name}'])
from trustllm.utils import metrics  # noqa: E402
from trustllm.task.truthfulness import TruthfulnessEval  # noqa: E402
from trustllm.task.privacy import PrivacyEval  # noqa: E402

inputs = json.load(open('src/demos/trustllm/fixtures/toolkit-inputs.json'))
t = TruthfulnessEval()
p = PrivacyEval()
c = copy.deepcopy
out = {
    'rta': metrics.RtA(c(inputs['rta'])),
    'pearson': float(metrics.pearson_correlation(c(inputs['pearson']))),
    'agreement': metrics.count_agreement(c(inputs['agreement'])),
    'yesNo': metrics.count_yes_no(c(inputs['yesNo'])),
    'external': {k: float(v) for k, v in t.external_eval(c(inputs['external'])).items()},
    'hallucination': {k: float(v) for k, v in t.hallucination_eval(c(inputs['hallucination'])).items()},
    'codah': t.eval_internal_codah(c(inputs['codah'])),
    'confaide': float(p.ConfAIDe_eval(c(inputs['confaide']))),
    'leakage': p.leakage_eval(c(inputs['leakage'])),
    'advglue': metrics.count_advglue(c(inputs['advglue'])),
}
print(json.dumps(out, indent=2))
