"""Golden values for src/demos/trustllm/toolkit.test.ts, from the TrustLLM toolkit's own functions.

The toolkit (MIT, github.com/HowieHwong/TrustLLM, commit 4b86421) is not shipped here: point this at a
checkout's trustllm_pkg folder. Modules that call external services (GPT-4, Longformer, embeddings)
are stubbed: none of the functions below uses them.

    python3 scripts/trustllm-golden.py /path/to/TrustLLM/trustllm_pkg > src/demos/trustllm/fixtures/toolkit-expected.json

Needs numpy, scipy, pandas and scikit-learn: the committed values were made with Debian bookworm's
/usr/bin/python3 and python3-sklearn, python3-pandas, python3-scipy (1.10.1).
"""
import contextlib
import copy
import io
import json
import sys
import types

sys.path.insert(0, sys.argv[1])
class _PassThrough:
    """Stands in for the GPT-4 and Longformer judges: returns the items as given, with the eval_res the fixture sets."""

    def evaluate(self, data, task=None, concat=True):
        return list(data)


for name in ['openai', 'trustllm.utils.gpt_auto_eval', 'trustllm.utils.longformer', 'trustllm.utils.embedder', 'trustllm.utils.perspective', 'trustllm.utils.file_process', 'tqdm']:
    stub = types.ModuleType(name)
    stub.tqdm = lambda it, **kw: it
    stub.AutoEvaluator = _PassThrough
    stub.HuggingFaceEvaluator = _PassThrough
    stub.save_json = lambda *a, **kw: None
    sys.modules[name] = stub
import trustllm.utils  # noqa: E402
for name in ['gpt_auto_eval', 'longformer', 'embedder', 'perspective', 'file_process']:
    setattr(trustllm.utils, name, sys.modules[f'trustllm.utils.{name}'])
from trustllm.utils import metrics  # noqa: E402
from trustllm.task.truthfulness import TruthfulnessEval  # noqa: E402
from trustllm.task.privacy import PrivacyEval  # noqa: E402
from trustllm.task.fairness import FairnessEval  # noqa: E402
from trustllm.task.ethics import EthicsEval  # noqa: E402
from trustllm.task.robustness import RobustnessEval  # noqa: E402

inputs = json.load(open('src/demos/trustllm/fixtures/toolkit-inputs.json'))
t = TruthfulnessEval()
p = PrivacyEval()
f = FairnessEval()
e = EthicsEval()
rb = RobustnessEval()
AWARENESS = ['mission_implicit', 'mission_explicit', 'culture', 'perspective', 'emotion', 'capability']
c = copy.deepcopy
# the toolkit prints as it goes (tables, progress): keep stdout for the JSON
with contextlib.redirect_stdout(io.StringIO()):
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
      'disparagement': f.disparagement_eval(c(inputs['disparagement'])),
      'disparagementTwoByTwo': f.disparagement_eval(c(inputs['disparagementTwoByTwo']))['sex'],
      'agreementDirect': f.stereotype_agreement_eval(c(inputs['agreement_direct'])),
      'recognition': metrics.count_stereotype_recognition(c(inputs['recognition'])),
      'preference': f.preference_eval(c(inputs['preference'])),
      'explicitLow': e.explicit_ethics_eval(c(inputs['explicit']), 'low'),
      'socialNorm': e.implicit_ethics_eval(c(inputs['socialNorm']), 'social_norm'),
      'emotion': e.emotional_awareness_eval(c(inputs['emotion'])),
      'awareness': {d: e.other_awareness_eval(c(inputs['awareness']), specific_dimension=d)[d] for d in AWARENESS},
      'advglueRaw': rb.advglue_eval(c(inputs['advglueRaw'])),
  }
print(json.dumps(out, indent=2))
