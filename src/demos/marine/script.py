# MARINE (Zhao et al., ICML 2025): classifier-free-style guidance of a captioner toward an
# object detector's list, scored by CHAIR (hallucinated objects in captions) and POPE (yes/no probes).
#
# Two tiers, as on the page:
#   analytic tier  (NumPy, float64): ObjectWorld scenes, a captioner made of noisy visual evidence plus
#                  a counted language prior, detectors of set recall / false-positive rate, captions at
#                  a sweep of gamma, POPE probes, the detector-quality map. The same seeded streams as
#                  the page, so at the same seed it draws the same scenes, evidence and sampling coins.
#   trained tier   (PyTorch, float32, the page's shipped weights): a small CNN captioner and detector on
#                  32x32 ShapesWorld images; the images themselves are drawn in NumPy from the page's
#                  streams, the mixing and sampling of the two branches' logits are the analytic tier's.
#
# Everything is vectorised over scenes: one step of decoding handles every scene still talking. Sums
# that TypeScript does left to right (log-softmax normalisers, the nucleus mass) are done left to right
# here too (np.cumsum along the row), so the float64 numbers agree with the page's to rounding.

import importlib.util
import re
import time

O = 24  # world.ts OBJECT_COUNT
PER_THEME = 6
THEME_COUNT = 4
MAX_OBJECTS = 4  # world.ts MAX_OBJECTS
MAX_MENTIONS = 8  # captioner.ts MAX_MENTIONS
STOP = O  # captioner.ts STOP: the token after the object classes
OBJECTS = [
    "fork", "knife", "plate", "cup", "bowl", "spoon",
    "car", "bus", "traffic light", "bicycle", "stop sign", "truck",
    "sofa", "tv", "lamp", "remote", "book", "clock",
    "dog", "bench", "frisbee", "tree", "kite", "ball",
]
# jobs.ts: the noisy detector, the sweep, the detector map's grid (all fixed on the page)
BAD_DETECTOR = (0.5, 0.3, False)  # (recall, false-positive rate, intersect)
SWEEP_GAMMAS = [0, 0.25, 0.5, 0.7, 1, 1.25, 1.5]
MAP_RECALLS = [0.3, 0.5, 0.7, 0.8, 0.9, 1]
MAP_FALSE_POSITIVES = [0, 0.02, 0.05, 0.1, 0.2, 0.3]
MAP_REPLICATES = 3
EXAMPLE_SCENES = 8
PROBE_SPLITS = ["random", "popular", "adversarial"]
# claims.ts thresholds
CHAIR_RATIO_MAX = 0.7
EMPTY_SHARE_MAX = 0.1
DETECTOR_ACCURACY_MIN = 0.8
NOISY_THRESHOLD = 0.05
STRICT_THRESHOLD = 0.95

# shapesWorld.ts / shapesNet.ts / trained.ts
SHAPES = ["disc", "plus", "ring", "cross", "square", "bar", "frame", "triangle", "dash", "diamond"]
SHAPE_COUNT = len(SHAPES)
IMAGE_SIZE = 32
SHAPES_WORLD = {"partnerRate": 0.85, "extraRate": 0.3, "noise": 0.45}
TOKEN_COUNT = SHAPE_COUNT + 1
SHAPE_STOP = SHAPE_COUNT
CONTEXT_WIDTH = 2 * SHAPE_COUNT + 1
MAX_SHAPE_MENTIONS = 6
THRESHOLDS = [0.05, 0.2, 0.5, 0.8, 0.95]
TRAINED_EXAMPLES = 8


# ---- one stream read draw by draw ---------------------------------------------------------------

class Draws:
    """One stream read draw by draw (rng.ts uniform / int), fetched in blocks: the same sequence."""

    def __init__(self, stream, block=4096):
        self.stream = stream
        self.block = block
        self.buf = []
        self.i = 0

    def uniform(self):
        if self.i >= len(self.buf):
            self.buf = self.stream.uniforms(self.block).tolist()
            self.i = 0
        u = self.buf[self.i]
        self.i += 1
        return u

    def int(self, n):
        return int(math.floor(self.uniform() * n))


def mean(values):
    # stats.ts mean
    values = list(values)
    return js_sum(values) / len(values) if values else float("nan")


# ---- ObjectWorld: scenes and the language prior ------------------------------------------------

def draw_scene(theme_strength, d):
    # world.ts drawScene: a theme, 1-4 objects, each from the theme with probability themeStrength
    theme = d.int(THEME_COUNT)
    count = 1 + d.int(MAX_OBJECTS)
    present = set()
    while len(present) < count:
        present.add(theme * PER_THEME + d.int(PER_THEME) if d.uniform() < theme_strength else d.int(O))
    return sorted(present)


def presence_mask(scenes, classes):
    mask = np.zeros((len(scenes), classes), dtype=bool)
    for i, objects in enumerate(scenes):
        mask[i, objects] = True
    return mask


def count_prior(corpus):
    # world.ts countPrior: counts[k, j] = corpus scenes holding k and j (the diagonal: k's own count)
    m = presence_mask(corpus, O).astype(np.float64)
    return m.T @ m  # integers, exact in any order


def prior_counts(counts, mentioned, smoothing=1.0):
    # world.ts priorLogProbs before the log: c_j = smoothing + (no mentions: counts[j, j]; else the
    # sum over mentions k != j of counts[k, j]); mentioned is [rows, steps] of class indices. Integer
    # sums, so exact in any order.
    rows, steps = mentioned.shape
    if steps == 0:
        return np.broadcast_to(smoothing + np.diag(counts), (rows, O)).copy()
    c = np.full((rows, O), smoothing)
    cols = np.arange(O)
    for p in range(steps):
        k = mentioned[:, p]
        c += counts[k] * (k[:, None] != cols[None, :])
    return c


def prior_log_probs(counts, mentioned):
    c = prior_counts(counts, mentioned)
    total = np.cumsum(c, axis=1)[:, -1]
    return np.log(c / total[:, None])


class World:
    """analytic.ts makeWorld: the prior, the test scenes, their evidence and per-scene streams."""

    def __init__(self, stream):
        corpus_draws = Draws(stream.split("corpus"))
        corpus = [draw_scene(THEME_STRENGTH, corpus_draws) for _ in range(CORPUS)]
        self.counts = count_prior(corpus)
        scene_draws = Draws(stream.split("scenes"))
        self.scenes = [draw_scene(THEME_STRENGTH, scene_draws) for _ in range(SCENES)]
        self.present = presence_mask(self.scenes, O)
        n = len(self.scenes)
        # rng.split('scene').split(i) for every scene
        self.keys = derive_keys(np.uint32(stream.split("scene").key), np.arange(n, dtype=np.uint32))
        # captioner.ts seeScene: evidence_j = N(0, 1) + visualSignal for a present object
        self.evidence = normals_of(derive_keys(self.keys, "image"), O)
        self.evidence[self.present] += VISUAL_SIGNAL
        # the coins every gamma and detector share: detector uniforms and decoding uniforms
        detector_keys = derive_keys(self.keys, "detector")
        self.detector_first = uniforms_of(derive_keys(detector_keys, "first"), O)
        self.detector_second = uniforms_of(derive_keys(detector_keys, "second"), O)
        self.decode = uniforms_of(derive_keys(self.keys, "decode"), MAX_MENTIONS)
        self.positives_u = uniforms_of(derive_keys(self.keys, "positives"), 3)
        self.probe_u = uniforms_of(derive_keys(self.keys, "probe"), 3)

    def detections(self, spec):
        # captioner.ts detect (through analytic.ts detectionsOf): each class listed with probability
        # recall (present) or the false-positive rate (absent); intersect: two detectors, both must list
        recall, false_positive_rate, intersect = spec
        p = np.where(self.present, recall, false_positive_rate)
        listed = self.detector_first < p
        if intersect:
            listed &= self.detector_second < p
        return listed


# ---- MARINE's mix and the paper's decoding -------------------------------------------------------

def log_softmax_rows(x):
    # guidance.ts logSoftmax, row by row (the normaliser summed left to right as in TypeScript)
    m = np.max(x, axis=1)
    s = np.cumsum(np.exp(x - m[:, None]), axis=1)[:, -1]
    log_z = m + np.log(s)
    return x - log_z[:, None]


def mix_guidance(unguided, guided, gamma):
    # guidance.ts mixGuidance: log_softmax(gamma * (log_softmax(g) - log_softmax(u)) + log_softmax(u))
    u = log_softmax_rows(unguided)
    g = log_softmax_rows(guided)
    return log_softmax_rows(gamma * (g - u) + u)


def sample_tokens(log_probs, uniforms, temperature, top_p):
    # guidance.ts sampleToken for every row: temperature, then the smallest set of the likeliest tokens
    # holding top_p of the mass (ties by index), renormalised and sampled by one uniform per row
    rows, n = log_probs.shape
    p = np.exp(log_softmax_rows(log_probs / temperature))
    order = np.argsort(-p, axis=1, kind="stable")
    ps = np.take_along_axis(p, order, axis=1)
    cum = np.cumsum(ps, axis=1)  # the mass, added in the same order as TypeScript's loop
    reached = cum >= top_p
    first = np.where(reached.any(axis=1), np.argmax(reached, axis=1), n - 1)
    kept = first + 1
    mass = cum[np.arange(rows), first]
    u = uniforms * mass
    chosen = order[np.arange(rows), kept - 1]  # rounding leftovers go to the last kept token
    done = np.zeros(rows, dtype=bool)
    for r in range(n):
        u = u - ps[:, r]  # subtracted one by one, as TypeScript does
        hit = (u < 0) & (r < kept) & ~done
        chosen[hit] = order[hit, r]
        done |= hit
    return chosen


# ---- the analytic captioner, POPE probes and the scores ------------------------------------------

def caption_all(world, detected, gamma):
    # analytic.ts captionAll -> captioner.ts caption for every scene at once: step by step, the two
    # branches' logits (captioner.ts branchLogits), the mix, one token; a scene leaves at STOP
    n = len(world.scenes)
    tokens = np.full((n, MAX_MENTIONS), -1, dtype=np.int64)
    active = np.arange(n)
    uniform_lift = math.log(O)
    grounding = np.where(detected, GROUNDING * 1.0, GROUNDING * -0.5)
    for step in range(MAX_MENTIONS):
        if len(active) == 0:
            break
        mentioned = tokens[active, :step]
        unguided = np.empty((len(active), O + 1))
        # the prior enters as its lift over uniform (log P + log O)
        unguided[:, :O] = world.evidence[active] + PRIOR_WEIGHT * (prior_log_probs(world.counts, mentioned) + uniform_lift)
        rows = np.arange(len(active))
        for p in range(step):
            unguided[rows, mentioned[:, p]] -= REPETITION_PENALTY
        unguided[:, STOP] = STOP_BIAS + STOP_PER_MENTION * step
        guided = unguided.copy()
        guided[:, :O] += grounding[active]
        token = sample_tokens(mix_guidance(unguided, guided, gamma), world.decode[active, step], TEMPERATURE, TOP_P)
        going = token != STOP
        tokens[active[going], step] = token[going]
        active = active[going]
    return tokens


def chair_tokens(tokens, present):
    # metrics.ts chair on captions made by captionText(tokens): the text names exactly the tokens
    # (checked once by check_caption_text), so the counts are read from the tokens directly
    said = tokens >= 0
    length = said.sum(axis=1)
    talking = length > 0
    rows = np.arange(len(tokens))[:, None]
    wrong = (said & ~present[rows, np.maximum(tokens, 0)]).sum(axis=1)
    said_mask = np.zeros_like(present)
    said_mask[np.nonzero(said)[0], tokens[said]] = True
    captions = int(talking.sum())
    mentions = int(length.sum())
    hallucinated_mentions = int(wrong.sum())
    hallucinated_captions = int((wrong > 0).sum())
    found = int((said_mask & present).sum())
    total_present = int(present.sum())
    return {
        "chairS": hallucinated_captions / captions if captions > 0 else 0,
        "chairI": hallucinated_mentions / mentions if mentions > 0 else 0,
        "recall": found / total_present if total_present > 0 else 0,
        "meanMentions": mentions / captions if captions > 0 else 0,
        "emptyShare": 1 - captions / len(tokens) if len(tokens) > 0 else 0,
    }


def probe_set(world, split):
    # analytic.ts presentObjects and absentObjects: per scene, up to 3 present objects (a random choice
    # when there are 4) and as many absent ones by POPE's split rule; [(scene, object, truth)]
    if split == "popular":  # the most frequent objects overall (ties: the lower index)
        score = np.broadcast_to(np.diag(world.counts), (len(world.scenes), O))
    else:  # adversarial: those that co-occur most with the present ones (integer counts: exact)
        score = world.present.astype(np.float64) @ world.counts
    # absent objects by score, highest first, ties by index (a stable sort of -score); present ones last
    ranked = np.argsort(np.where(world.present, np.inf, -score), axis=1, kind="stable")
    scene_of, object_of, truth_of = [], [], []
    for i, objects in enumerate(world.scenes):
        pool = list(objects)
        positives = [pool.pop(int(math.floor(world.positives_u[i, t] * len(pool)))) for t in range(min(3, len(pool)))]
        count = len(positives)
        if split == "random":
            pool = [j for j in range(O) if j not in objects]
            negatives = [pool.pop(int(math.floor(world.probe_u[i, t] * len(pool)))) for t in range(min(count, len(pool)))]
        else:
            negatives = ranked[i, :count].tolist()
        scene_of += [i] * (2 * count)
        object_of += positives + negatives
        truth_of += [True] * count + [False] * len(negatives)
    scene_of, object_of = np.array(scene_of), np.array(object_of)
    # captioner.ts answerProbe's vanilla yes-logit: yesBias + evidence above the midpoint + the prior's
    # lift for the object given the objects seen clearly (evidence above the midpoint, the object aside)
    midpoint = VISUAL_SIGNAL / 2
    evidence = world.evidence[scene_of]
    seen = evidence > midpoint
    seen[np.arange(len(object_of)), object_of] = False
    seen_f = seen.astype(np.float64)
    c = 1.0 + np.where(seen.any(axis=1)[:, None], seen_f @ world.counts - seen_f * np.diag(world.counts)[None, :], np.diag(world.counts)[None, :])
    total = c.sum(axis=1)  # integers: exact
    log_prior = np.log(c[np.arange(len(object_of)), object_of] / total)
    yes = YES_BIAS + (evidence[np.arange(len(object_of)), object_of] - midpoint) + PRIOR_WEIGHT * (log_prior + math.log(O))
    return {"scene": scene_of, "object": object_of, "truth": np.array(truth_of), "yes": yes}


def log_softmax_pair(a, b):
    # guidance.ts logSoftmax of [a, b] (rows of pairs)
    m = np.maximum(a, b)
    log_z = m + np.log(np.exp(a - m) + np.exp(b - m))
    return a - log_z, b - log_z


def pope_scores(probes, detected, gamma):
    # analytic.ts probeAll -> captioner.ts answerProbe (greedy yes/no from the gamma-mixed pair) -> metrics.ts pope
    listed = detected[probes["scene"], probes["object"]]
    yes = probes["yes"]
    u0, u1 = log_softmax_pair(yes, np.zeros_like(yes))
    g0, g1 = log_softmax_pair(yes + GROUNDING * np.where(listed, 1.0, -1.0), np.zeros_like(yes))
    m0, m1 = log_softmax_pair(gamma * (g0 - u0) + u0, gamma * (g1 - u1) + u1)
    answered = m0 > m1
    truth = probes["truth"]
    tp = int((answered & truth).sum())
    fp = int((answered & ~truth).sum())
    fn = int((~answered & truth).sum())
    tn = int((~answered & ~truth).sum())
    n = tp + fp + tn + fn
    precision = tp / (tp + fp) if tp + fp > 0 else 0
    recall = tp / (tp + fn) if tp + fn > 0 else 0
    return {"accuracy": (tp + tn) / n, "precision": precision, "recall": recall,
            "f1": (2 * precision * recall) / (precision + recall) if precision + recall > 0 else 0, "yesRatio": (tp + fp) / n}


# ---- CHAIR from caption text (metrics.ts), for the fixture and to check the token shortcut ------

SYNONYMS = {
    "forks": "fork", "knives": "knife", "plates": "plate", "dish": "plate", "cups": "cup", "mug": "cup", "mugs": "cup", "bowls": "bowl", "spoons": "spoon",
    "cars": "car", "automobile": "car", "buses": "bus", "traffic lights": "traffic light", "bicycles": "bicycle", "bike": "bicycle", "bikes": "bicycle", "stop signs": "stop sign", "trucks": "truck",
    "sofas": "sofa", "couch": "sofa", "couches": "sofa", "television": "tv", "televisions": "tv", "tvs": "tv", "lamps": "lamp", "remotes": "remote", "remote control": "remote", "books": "book", "clocks": "clock",
    "dogs": "dog", "puppy": "dog", "benches": "bench", "frisbees": "frisbee", "trees": "tree", "kites": "kite", "balls": "ball",
}
NOT_OBJECTS = {"hot dog", "hot dogs", "light bulb", "sign language"}
CLASS_OF = {**{name: i for i, name in enumerate(OBJECTS)}, **{w: OBJECTS.index(name) for w, name in SYNONYMS.items()}}


def object_mentions(text):
    # metrics.ts objectMentions: lower-cased words, two-word phrases first ("hot dog" is no dog)
    words = re.findall(r"[a-z]+", text.lower())
    mentions = []
    i = 0
    while i < len(words):
        pair = f"{words[i]} {words[i + 1]}" if i + 1 < len(words) else ""
        if pair in NOT_OBJECTS:
            i += 2
            continue
        if pair in CLASS_OF:
            mentions.append(CLASS_OF[pair])
            i += 2
            continue
        if words[i] in CLASS_OF:
            mentions.append(CLASS_OF[words[i]])
        i += 1
    return mentions


def caption_text(objects, names=OBJECTS):
    # metrics.ts captionText: "A picture of a fork, a knife and a cup." (empty: no words)
    if len(objects) == 0:
        return ""
    items = [("an" if re.match(r"[aeiou]", names[o]) else "a") + " " + names[o] for o in objects]
    listed = items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
    return f"A picture of {listed}."


def chair_text(records):
    # metrics.ts chair over (text, truth) records
    captions = hallucinated_captions = mentions = hallucinated_mentions = found = present = 0
    for text, truth in records:
        present += len(truth)
        if not re.search(r"[a-zA-Z]", text):
            continue
        captions += 1
        said = object_mentions(text)
        wrong = len([o for o in said if o not in truth])
        mentions += len(said)
        hallucinated_mentions += wrong
        if wrong > 0:
            hallucinated_captions += 1
        found += len([o for o in truth if o in said])
    return {"chairS": hallucinated_captions / captions if captions else 0, "chairI": hallucinated_mentions / mentions if mentions else 0,
            "recall": found / present if present else 0, "mentions": mentions, "hallucinatedMentions": hallucinated_mentions, "captions": captions,
            "hallucinatedCaptions": hallucinated_captions}


def check_caption_text(tokens):
    # the shortcut of chair_tokens holds: the text of each caption names exactly its tokens
    for row in tokens:
        said = [int(t) for t in row if t >= 0]
        if object_mentions(caption_text(said)) != said:
            raise SystemExit(f"caption text does not round-trip: {caption_text(said)!r}")


def fixture_claim():
    # claims.ts fixtureClaim: CHAIR on three hand-counted captions (and an empty one)
    records = [
        ("A fork, a knife and a fork on the table.", ["fork", "plate"]),
        ("Two cars wait at the traffic light beside a bus.", ["car", "traffic light", "bus"]),
        ("A dog chases a frisbee; the frisbee is red, by a hot dog stand.", ["dog"]),
        ("", ["bench"]),
    ]
    got = chair_text([(t, [OBJECTS.index(n) for n in truth]) for t, truth in records])
    want = {"chairS": 2 / 3, "chairI": 3 / 9, "recall": 5 / 7, "mentions": 9, "hallucinatedMentions": 3, "captions": 3}
    return max(abs(got[k] - want[k]) for k in want)


def mix_formula_claim():
    # claims.ts mixFormulaClaim: odds 1:1 and 3:1 mixed at gamma = 1/2 give sqrt(3):1
    got = mix_guidance(np.array([[0.0, 0.0]]), np.array([[math.log(3), 0.0]]), 0.5)[0]
    expected = [math.log(math.sqrt(3) / (math.sqrt(3) + 1)), math.log(1 / (math.sqrt(3) + 1))]
    return max(abs(got[i] - expected[i]) for i in range(2))


# ---- the analytic tier's jobs ------------------------------------------------------------------

def sweep_gammas(gamma):
    # jobs.ts sweepGammas
    return sorted(set(SWEEP_GAMMAS + [gamma]))


def page_detector():
    return (DETECTOR_RECALL, DETECTOR_FALSE_POSITIVES, INTERSECT)


def world_of(replicate):
    # jobs.ts worldOf
    return World(RngStream.from_seed(SEED).split("analytic").split(replicate))


def replicate_job(world, replicate):
    # jobs.ts replicateJob: captions at every gamma with the page's and the noisy detector, adversarial
    # probes at every gamma, every POPE split at 0 and at GAMMA, detection counts, examples
    good_lists = world.detections(page_detector())
    bad_lists = world.detections(BAD_DETECTOR)
    probes = {split: probe_set(world, split) for split in PROBE_SPLITS}
    sweep = []
    captions_at = {}
    for gamma in sweep_gammas(GAMMA):
        good = caption_all(world, good_lists, gamma)
        captions_at[gamma] = good
        bad = caption_all(world, bad_lists, gamma)
        sweep.append({"gamma": gamma, "good": chair_tokens(good, world.present), "bad": chair_tokens(bad, world.present),
                      "pope": pope_scores(probes["adversarial"], good_lists, gamma)})
    if replicate == 0:
        check_caption_text(captions_at[0])
        check_caption_text(captions_at[GAMMA])
    splits = [{"split": s, "vanilla": pope_scores(probes[s], good_lists, 0), "guided": pope_scores(probes[s], good_lists, GAMMA)} for s in PROBE_SPLITS]
    n = len(world.scenes)
    true_positives = int((good_lists & world.present).sum())
    false_positives = int((good_lists & ~world.present).sum())
    examples = []
    if replicate == 0:
        for i in range(min(EXAMPLE_SCENES, n)):
            examples.append({"objects": world.scenes[i], "detected": [int(j) for j in np.nonzero(good_lists[i])[0]],
                             "vanilla": [int(t) for t in captions_at[0][i] if t >= 0], "guided": [int(t) for t in captions_at[GAMMA][i] if t >= 0]})
    return {"sweep": sweep, "splits": splits, "detections": {"truePositives": true_positives / n, "falsePositives": false_positives / n},
            "examples": examples, "vanillaCaptions": captions_at[0]}


def map_row_job(world, recall, vanilla_captions):
    # jobs.ts mapRowJob: CHAIR_i at GAMMA for each false-positive rate of the grid at this recall. The
    # gamma = 0 captions are the replicate's own (gamma = 0 ignores the detector: the same computation)
    vanilla = chair_tokens(vanilla_captions, world.present)
    cells = []
    for fpr in MAP_FALSE_POSITIVES:
        scores = chair_tokens(caption_all(world, world.detections((recall, fpr, INTERSECT)), GAMMA), world.present)
        cells.append({"falsePositiveRate": fpr, "chairI": scores["chairI"], "recall": scores["recall"]})
    return {"recall": recall, "vanillaChairI": vanilla["chairI"], "vanillaRecall": vanilla["recall"], "cells": cells}


def at_gamma(r, gamma, which="good"):
    # claims.ts atGamma
    return next(p for p in r["sweep"] if p["gamma"] == gamma)[which]


def band(values):
    # results.ts bandColumns: mean, min, max over replicates
    return mean(values), min(values), max(values)


def run_analytic():
    # experiment.ts runMarine, the analytic tier: every replicate, the detector map, series, metrics, claims
    replicates = []
    map_rows = []
    for r in range(REPLICATES):
        world = world_of(r)
        result = replicate_job(world, r)
        replicates.append(result)
        if DETECTOR_MAP and r < min(MAP_REPLICATES, REPLICATES):
            for recall in MAP_RECALLS:
                map_rows.append(map_row_job(world, recall, result["vanillaCaptions"]))
    vanilla = [at_gamma(r, 0) for r in replicates]
    guided = [at_gamma(r, GAMMA) for r in replicates]
    bad = [at_gamma(r, GAMMA, "bad") for r in replicates]
    pope_at = lambda g: [next(p for p in r["sweep"] if p["gamma"] == g)["pope"] for r in replicates]
    out = {"replicates": replicates}
    out["sweep"] = []
    for g, gamma in enumerate(sweep_gammas(GAMMA)):
        at = [r["sweep"][g] for r in replicates]
        out["sweep"].append({"gamma": gamma, **{f"{key}{suffix}": v for key, values in [
            ("chairS", [p["good"]["chairS"] for p in at]), ("chairI", [p["good"]["chairI"] for p in at]),
            ("recall", [p["good"]["recall"] for p in at]), ("mentions", [p["good"]["meanMentions"] for p in at]),
            ("badChairI", [p["bad"]["chairI"] for p in at]), ("badRecall", [p["bad"]["recall"] for p in at]),
            ("popeAccuracy", [p["pope"]["accuracy"] for p in at]), ("yesRatio", [p["pope"]["yesRatio"] for p in at]),
        ] for suffix, v in zip(("Mean", "Min", "Max"), band(values))}})
    # experiment.ts mapRows: one cell per (recall, false-positive rate), mean over the map's replicates
    out["detectorMap"] = []
    if map_rows:
        for recall in MAP_RECALLS:
            of_recall = [row for row in map_rows if row["recall"] == recall]
            for f, fpr in enumerate(MAP_FALSE_POSITIVES):
                out["detectorMap"].append({"recall": recall, "falsePositiveRate": fpr,
                                           "ratio": mean([js_div(row["cells"][f]["chairI"], row["vanillaChairI"]) for row in of_recall]),
                                           "chairI": mean([row["cells"][f]["chairI"] for row in of_recall]),
                                           "recallGain": mean([row["cells"][f]["recall"] - row["vanillaRecall"] for row in of_recall])})
    # experiment.ts popeRows
    out["popeSplits"] = []
    for s, split in enumerate(PROBE_SPLITS):
        for which in ("vanilla", "guided"):
            scores = [r["splits"][s][which] for r in replicates]
            out["popeSplits"].append({"split": split, "method": which, **{k: mean([x[k] for x in scores]) for k in ("accuracy", "precision", "recall", "f1", "yesRatio")}})
    out["perReplicate"] = [{"replicate": i + 1, "vanillaChairI": vanilla[i]["chairI"], "guidedChairI": guided[i]["chairI"],
                            "ratio": js_div(guided[i]["chairI"], vanilla[i]["chairI"]), "vanillaRecall": vanilla[i]["recall"],
                            "guidedRecall": guided[i]["recall"], "noisyDetectorChairI": bad[i]["chairI"]} for i in range(len(replicates))]
    out["metrics"] = {
        "vanillaChairS": mean([s["chairS"] for s in vanilla]), "guidedChairS": mean([s["chairS"] for s in guided]),
        "vanillaChairI": mean([s["chairI"] for s in vanilla]), "guidedChairI": mean([s["chairI"] for s in guided]),
        "vanillaRecall": mean([s["recall"] for s in vanilla]), "guidedRecall": mean([s["recall"] for s in guided]),
        "vanillaYesRatio": mean([s["yesRatio"] for s in pope_at(0)]), "guidedYesRatio": mean([s["yesRatio"] for s in pope_at(GAMMA)]),
        "vanillaPopeAccuracy": mean([s["accuracy"] for s in pope_at(0)]), "guidedPopeAccuracy": mean([s["accuracy"] for s in pope_at(GAMMA)]),
        "detectedTrue": mean([r["detections"]["truePositives"] for r in replicates]),
        "detectedFalse": mean([r["detections"]["falsePositives"] for r in replicates]),
    }
    # claims.ts analyticClaims
    ratios = [js_div(g["chairI"], v["chairI"]) for g, v in zip(guided, vanilla)]
    gains = [g["recall"] - v["recall"] for g, v in zip(guided, vanilla)]
    ratio, gain = mean_interval(ratios), mean_interval(gains)
    worse = mean_interval([b["chairI"] - g["chairI"] for b, g in zip(bad, guided)])
    hurts = mean_interval([b["chairI"] - v["chairI"] for b, v in zip(bad, vanilla)])
    vanilla_same = all(at_gamma(r, 0)["chairI"] == at_gamma(r, 0, "bad")["chairI"] and at_gamma(r, 0)["recall"] == at_gamma(r, 0, "bad")["recall"] for r in replicates)
    empty = max(mean([s["emptyShare"] for s in vanilla]), mean([s["emptyShare"] for s in guided]))
    fixture = fixture_claim()
    mix = mix_formula_claim()
    out["claims"] = {
        "chair-cut": (ratio['estimate'], ratio['high'] <= CHAIR_RATIO_MAX and gain['low'] >= 0, f"ratio 95% [{ratio['low']:.3f}, {ratio['high']:.3f}], recall gain {gain['estimate']:+.3f} [{gain['low']:.3f}, {gain['high']:.3f}]"),
        "bad-detector-worse": (worse['estimate'], worse['low'] > 0, f"95% [{worse['low']:.3f}, {worse['high']:.3f}]"),
        "bad-detector-hurts": (hurts['estimate'], hurts['low'] > 0, f"95% [{hurts['low']:.3f}, {hurts['high']:.3f}]"),
        "chair-fixture": (fixture, fixture == 0, "CHAIR_s 2/3, CHAIR_i 3/9, recall 5/7 by hand"),
        "mix-formula": (mix, mix <= 1e-12, "largest error on the hand-worked vector"),
        "captions-not-empty": (empty, empty <= EMPTY_SHARE_MAX, "share of empty captions, the larger of gamma = 0 and GAMMA"),
        "gamma-zero-vanilla": (0 if vanilla_same else 1, vanilla_same, "gamma = 0 captions the same with both detectors"),
    }
    return out


# ---- ShapesWorld (the trained tier's images), in NumPy --------------------------------------------

def draw_shape_objects(d):
    # shapesWorld.ts drawShapeObjects: one or two pairs, each pair's lead and (85%) its partner, maybe one more
    pairs = 1 + d.int(2)
    present = set()
    first = d.int(SHAPE_COUNT // 2)
    chosen = [first] if pairs == 1 else [first, (first + 1 + d.int(SHAPE_COUNT // 2 - 1)) % (SHAPE_COUNT // 2)]
    for pair in chosen:
        lead = 2 * pair + d.int(2)
        present.add(lead)
        if d.uniform() < SHAPES_WORLD["partnerRate"]:
            present.add(lead ^ 1)
    if d.uniform() < SHAPES_WORLD["extraRate"] and len(present) < 4:
        present.add(d.int(SHAPE_COUNT))
    return sorted(present)


def v8_hypot(dx, dy):
    # V8's Math.hypot (math.tq): scale by the larger magnitude, Kahan-summed squares, sqrt, rescale
    ax, ay = np.abs(dx), np.abs(dy)
    m = np.maximum(ax, ay)
    safe = np.where(m == 0, 1.0, m)
    total = np.zeros_like(ax)
    compensation = np.zeros_like(ax)
    for v in (ax, ay):
        n = v / safe
        summand = n * n - compensation
        preliminary = total + summand
        compensation = (preliminary - total) - summand
        total = preliminary
    return np.where(m == 0, 0.0, np.sqrt(total) * m)


def inside(shape, dx, dy, r):
    # shapesWorld.ts inside: is pixel (dx, dy) from the centre inside the shape of radius r
    ax, ay, d = np.abs(dx), np.abs(dy), v8_hypot(dx, dy)
    name = SHAPES[shape]
    if name == "disc":
        return d <= r
    if name == "ring":
        return (d <= r) & (d >= r - 1.6)
    if name == "square":
        return (ax <= r * 0.8) & (ay <= r * 0.8)
    if name == "frame":
        return (ax <= r * 0.85) & (ay <= r * 0.85) & ((ax >= r * 0.85 - 1.3) | (ay >= r * 0.85 - 1.3))
    if name == "plus":
        return ((ax <= 0.8) & (ay <= r)) | ((ay <= 0.8) & (ax <= r))
    if name == "cross":
        return (np.abs(ax - ay) <= 1.1) & (ax <= r * 0.8)
    if name == "bar":
        return (ax <= 0.9) & (ay <= r)
    if name == "dash":
        return (ay <= 0.9) & (ax <= r)
    if name == "triangle":
        return (dy <= r * 0.7) & (dy >= -r * 0.9) & (ax <= ((dy + r * 0.9) / (1.6 * r)) * r * 0.9)
    if name == "diamond":
        return ax + ay <= r
    raise ValueError(f"no shape {shape}")


def render_scene(objects, stream):
    # shapesWorld.ts renderScene: shapes in shuffled 16x16 cells, then pixel noise; float32 pixels
    # (each value rounded to float32 where TypeScript stores it in its Float32Array)
    n = IMAGE_SIZE
    pixels = np.zeros(n * n, dtype=np.float32)
    cells = [0, 1, 2, 3]
    for i in range(3, 0, -1):
        j = stream.int(i + 1)
        cells[i], cells[j] = cells[j], cells[i]
    for k, shape in enumerate(objects):
        r = 3.5 + 2 * stream.uniform()
        cx = (cells[k] % 2) * 16 + 8 + (stream.uniform() - 0.5) * (14 - 2 * r)
        cy = math.floor(cells[k] / 2) * 16 + 8 + (stream.uniform() - 0.5) * (14 - 2 * r)
        intensity = np.float32(0.6 + 0.4 * stream.uniform())
        ys = np.arange(math.floor(cy - r - 1), math.ceil(cy + r + 1) + 1)
        xs = np.arange(math.floor(cx - r - 1), math.ceil(cx + r + 1) + 1)
        ys, xs = ys[(ys >= 0) & (ys < n)], xs[(xs >= 0) & (xs < n)]
        yy, xx = np.meshgrid(ys, xs, indexing="ij")
        hit = inside(shape, xx - cx, yy - cy, r)
        pixels[yy[hit] * n + xx[hit]] = intensity
    noise = stream.normals(n * n)
    return (pixels.astype(np.float64) + SHAPES_WORLD["noise"] * noise).astype(np.float32)


def draw_shape_scene(stream):
    # shapesWorld.ts drawShapeScene
    objects = draw_shape_objects(stream.split("objects"))
    return objects, render_scene(objects, stream.split("pixels"))


def trained_scenes(replicate, count):
    # trained.ts trainedReplicate's scenes: drawShapeScene(SHAPES_WORLD, sceneRng.split(i))
    scene_rng = RngStream.from_seed(SEED).split("trained").split(replicate).split("scenes")
    return [draw_shape_scene(scene_rng.split(i)) for i in range(count)]


def shown_pixels(pixels):
    # trained.ts examples: Math.round(v * 1000) / 1000 of each float32 pixel
    return np.floor(pixels.astype(np.float64) * 1000 + 0.5) / 1000


# ---- the trained tier (PyTorch, the page's shipped weights) ----------------------------------------

def encoder_shapes(config):
    # shapesNet.ts encoderShapes
    a, b, d = config["channels"]
    return [("conv1", [3, 3, 1, a]), ("conv1Bias", [a]), ("conv2", [3, 3, a, b]), ("conv2Bias", [b]),
            ("conv3", [3, 3, b, d]), ("conv3Bias", [d]), ("features", [2 * d, config["features"]]), ("featuresBias", [config["features"]])]


def captioner_shapes(config):
    # shapesNet.ts captionerShapes
    return encoder_shapes(config) + [("hidden", [config["features"] + CONTEXT_WIDTH, config["hidden"]]), ("hiddenBias", [config["hidden"]]),
                                     ("tokens", [config["hidden"], TOKEN_COUNT]), ("tokensBias", [TOKEN_COUNT])]


def detector_shapes(config):
    # shapesNet.ts detectorShapes
    return encoder_shapes(config) + [("presence", [config["features"], SHAPE_COUNT]), ("presenceBias", [SHAPE_COUNT])]


def load_nets(weights_dir, announce):
    # shapesAssets.ts loadShapesNets (weightFile.ts unpackModelWeights): both weight folders, the
    # manifest's kind and every parameter's shape checked against what shapesNet.ts builds from its config
    nets = {}
    for name, kind, shapes_of in (("captioner", "marine-shapes-captioner", captioner_shapes), ("detector", "marine-shapes-detector", detector_shapes)):
        manifest, params = load_weights(os.path.join(weights_dir, f"marine-{name}"))
        if manifest.get("model") != kind:
            raise SystemExit(f"marine-{name}: a {manifest.get('model')} manifest where a {kind} was expected")
        expected = shapes_of(manifest["config"])
        if announce:
            check_shapes(expected, params, f"marine-{name}")  # prints the [dry run] line
        elif sorted(params) != sorted(n for n, _ in expected) or any(list(params[n].shape) != s for n, s in expected):
            check_shapes(expected, params, f"marine-{name}")  # names the parameter that is wrong, and exits
        nets[name] = params
    return nets


def torch_weights(params):
    import torch

    return {k: torch.from_numpy(np.array(v, dtype=np.float32)) for k, v in params.items()}


def encode(w, images):
    # shapesNet.ts encode: three 3x3 'same' convolutions (ReLU; 2x2 max-pools after the first two),
    # mean- and max-pooled, then a ReLU layer. tfjs is NHWC with HWIO kernels; torch is NCHW with OIHW.
    import torch
    import torch.nn.functional as F

    def conv(x, k):
        return torch.relu(F.conv2d(x, w[k].permute(3, 2, 0, 1), w[f"{k}Bias"], padding=1))

    h = F.max_pool2d(conv(images, "conv1"), 2, 2)
    h = F.max_pool2d(conv(h, "conv2"), 2, 2)
    h = conv(h, "conv3")
    pooled = torch.cat([h.mean(dim=(2, 3)), h.amax(dim=(2, 3))], dim=1)
    return torch.relu(pooled @ w["features"] + w["featuresBias"])


def token_logits(w, features, context):
    # shapesNet.ts tokenLogits
    import torch

    h = torch.relu(torch.cat([features, context], dim=1) @ w["hidden"] + w["hiddenBias"])
    return h @ w["tokens"] + w["tokensBias"]


def write_context(hint, mentioned):
    # shapesNet.ts writeContext: the hint's multi-hot, each shape's mention count, mentions / 4
    row = np.zeros(CONTEXT_WIDTH, dtype=np.float32)
    for h in hint:
        row[h] = 1
    for m in mentioned:
        row[SHAPE_COUNT + m] += 1
    row[2 * SHAPE_COUNT] = len(mentioned) / 4
    return row


def caption_scenes(captioner, features, hints, gamma, decode_uniforms):
    # trained.ts captionScenes: per step one batch of both branches (empty hint, the detector's list)
    # for the scenes still talking; the float32 logits are mixed and sampled in float64, as on the page
    import torch

    n = features.shape[0]
    mentioned = [[] for _ in range(n)]
    active = list(range(n))
    for step in range(MAX_SHAPE_MENTIONS):
        if not active:
            break
        a = len(active)
        context = np.stack([write_context([], mentioned[i]) for i in active] + [write_context(hints[i], mentioned[i]) for i in active])
        with torch.no_grad():
            rows = features[torch.tensor(active)]
            logits = token_logits(captioner, torch.cat([rows, rows], dim=0), torch.from_numpy(context)).numpy().astype(np.float64)
        tokens = sample_tokens(mix_guidance(logits[:a], logits[a:], gamma), decode_uniforms[active, step], TEMPERATURE, TOP_P)
        going = []
        for k, i in enumerate(active):
            if tokens[k] == SHAPE_STOP:
                continue
            mentioned[i].append(int(tokens[k]))
            going.append(i)
        active = going
    return mentioned


def shape_chair(objects, captions):
    # trained.ts scoreOf: metrics.ts chair with the shape vocabulary (the text names exactly the tokens)
    tokens = np.full((len(captions), MAX_SHAPE_MENTIONS), -1, dtype=np.int64)
    for i, c in enumerate(captions):
        tokens[i, :len(c)] = c
    return chair_tokens(tokens, presence_mask(objects, SHAPE_COUNT))


def detector_scores(objects, lists):
    # trained.ts detectorScores
    truth = presence_mask(objects, SHAPE_COUNT)
    listed = presence_mask(lists, SHAPE_COUNT)
    n = len(objects)
    right = int((listed == truth).sum())
    present = int(truth.sum())
    found = int((truth & listed).sum())
    false_listed = int((listed & ~truth).sum())
    return {"accuracy": right / (n * SHAPE_COUNT), "recall": found / present, "falsePositiveRate": false_listed / (n * SHAPE_COUNT - present),
            "listedTrue": found / n, "listedFalse": false_listed / n}


def trained_replicate(nets, replicate):
    # trained.ts trainedReplicate: fresh scenes, the detector's lists, captions at every gamma and threshold
    import torch

    stream = RngStream.from_seed(SEED).split("trained").split(replicate)
    scenes = trained_scenes(replicate, TRAINED_SCENES)
    objects = [s[0] for s in scenes]
    images = torch.from_numpy(np.stack([s[1] for s in scenes]).reshape(-1, 1, IMAGE_SIZE, IMAGE_SIZE))
    with torch.no_grad():
        features = encode(nets["captioner"], images)
        detector = nets["detector"]
        probabilities = torch.sigmoid(encode(detector, images) @ detector["presence"] + detector["presenceBias"]).numpy().astype(np.float64)
    # every gamma and threshold draws from fresh copies of the same per-scene streams
    decode = uniforms_of(derive_keys(np.uint32(stream.split("decode").key), np.arange(len(scenes), dtype=np.uint32)), MAX_SHAPE_MENTIONS)
    list_at = lambda threshold: [[j for j in range(SHAPE_COUNT) if probabilities[i, j] > threshold] for i in range(len(scenes))]
    page_lists = list_at(DETECTOR_THRESHOLD)
    gammas = sweep_gammas(GAMMA)
    sweep = {g: caption_scenes(nets["captioner"], features, page_lists, g, decode) for g in gammas}
    thresholds = []
    for threshold in THRESHOLDS:
        lists = list_at(threshold)
        captions = sweep[GAMMA] if threshold == DETECTOR_THRESHOLD else caption_scenes(nets["captioner"], features, lists, GAMMA, decode)
        scores = detector_scores(objects, lists)
        thresholds.append({"threshold": threshold, "scores": shape_chair(objects, captions), "listedTrue": scores["listedTrue"], "listedFalse": scores["listedFalse"]})
    return {"sweep": [{"gamma": g, "scores": shape_chair(objects, sweep[g])} for g in gammas], "thresholds": thresholds,
            "detector": detector_scores(objects, page_lists)}


def run_trained(weights_dir):
    # experiment.ts runTrainedTier and claims.ts trainedClaims
    nets = {k: torch_weights(v) for k, v in load_nets(weights_dir, announce=False).items()}
    replicates = []
    for r in range(REPLICATES):
        replicates.append(trained_replicate(nets, r))
        print(f"  trained tier: replicate {r + 1} of {REPLICATES} done")
    at = lambda r, g: next(p for p in r["sweep"] if p["gamma"] == g)["scores"]
    at_threshold = lambda r, t: next(x for x in r["thresholds"] if x["threshold"] == t)
    vanilla = [at(r, 0) for r in replicates]
    guided = [at(r, GAMMA) for r in replicates]
    noisy = [at_threshold(r, NOISY_THRESHOLD)["scores"] for r in replicates]
    ratios = [js_div(g["chairI"], v["chairI"]) for g, v in zip(guided, vanilla)]
    gains = [g["recall"] - v["recall"] for g, v in zip(guided, vanilla)]
    ratio, gain = mean_interval(ratios), mean_interval(gains)
    worse = mean_interval([n["chairI"] - g["chairI"] for n, g in zip(noisy, guided)])
    strict = mean_interval([js_div(at_threshold(r, STRICT_THRESHOLD)["scores"]["chairI"], v["chairI"]) for r, v in zip(replicates, vanilla)])
    accuracy = mean([r["detector"]["accuracy"] for r in replicates])
    return {
        "claims": {
            "chair-cut-trained": (ratio['estimate'], ratio['high'] <= CHAIR_RATIO_MAX and gain['low'] >= 0, f"ratio 95% [{ratio['low']:.3f}, {ratio['high']:.3f}], recall gain {gain['estimate']:+.3f}"),
            "bad-detector-worse-trained": (worse['estimate'], worse['low'] > 0, f"95% [{worse['low']:.3f}, {worse['high']:.3f}]"),
            "strict-detector-short-trained": (strict['estimate'], strict['low'] > CHAIR_RATIO_MAX, f"95% [{strict['low']:.3f}, {strict['high']:.3f}]"),
            "trained-detector-learned": (accuracy, accuracy >= DETECTOR_ACCURACY_MIN, "per-shape accuracy at the page's threshold"),
        },
        "metrics": {
            "trainedVanillaChairI": mean([x["chairI"] for x in vanilla]), "trainedGuidedChairI": mean([x["chairI"] for x in guided]),
            "trainedVanillaRecall": mean([x["recall"] for x in vanilla]), "trainedGuidedRecall": mean([x["recall"] for x in guided]),
            "trainedDetectorAccuracy": accuracy,
        },
    }


def dry_run(weights_dir):
    # the shapes the two networks build (shapesNet.ts, from each manifest's config) against the weights
    nets = load_nets(weights_dir, announce=True)
    if importlib.util.find_spec("torch") is not None:
        import torch

        w = {k: torch_weights(v) for k, v in nets.items()}
        images = torch.zeros(2, 1, IMAGE_SIZE, IMAGE_SIZE)
        with torch.no_grad():
            features = encode(w["captioner"], images)
            logits = token_logits(w["captioner"], features, torch.zeros(2, CONTEXT_WIDTH))
            presence = encode(w["detector"], images) @ w["detector"]["presence"]
        print(f"[dry run] torch forward: token logits {list(logits.shape)}, presence logits {list(presence.shape)}")


# ---- main ------------------------------------------------------------------------------------------

def key_of(name):
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


def number_key(x):
    # a number in a result key as JavaScript's String(x) writes it, '.' as 'p' (0.25 -> 0p25)
    return f"{x:g}".replace(".", "p")


def token_code(tokens, base=O + 1):
    # a token sequence as one exact integer: sum of (token + 1) * base^position (order and repeats kept)
    return sum((int(t) + 1) * base ** p for p, t in enumerate(tokens))


def main(args):
    if args.dry_run:
        dry_run(args.weights)
        return
    started = time.time()
    analytic = run_analytic()
    m = analytic["metrics"]
    print(f"MARINE, analytic tier: {REPLICATES} replicates x {SCENES} scenes, gamma = {GAMMA}, detector recall {DETECTOR_RECALL}, "
          f"false-positive rate {DETECTOR_FALSE_POSITIVES}{', two detectors intersected' if INTERSECT else ''} ({time.time() - started:.1f} s)")
    print(f"  CHAIR_s {m['vanillaChairS']:.3f} -> {m['guidedChairS']:.3f}, CHAIR_i {m['vanillaChairI']:.3f} -> {m['guidedChairI']:.3f}, "
          f"recall {m['vanillaRecall']:.3f} -> {m['guidedRecall']:.3f} (gamma 0 -> {GAMMA})")
    print(f"  POPE (adversarial) accuracy {m['vanillaPopeAccuracy']:.3f} -> {m['guidedPopeAccuracy']:.3f}, yes-ratio {m['vanillaYesRatio']:.3f} -> {m['guidedYesRatio']:.3f}")
    print(f"  the page's detector lists {m['detectedTrue']:.2f} present and {m['detectedFalse']:.2f} absent objects per scene")
    for e in analytic["replicates"][0]["examples"][:4]:
        names = lambda objs: ", ".join(OBJECTS[o] for o in objs) or "-"
        print(f"  example: objects [{names(e['objects'])}] detected [{names(e['detected'])}] vanilla [{names(e['vanilla'])}] guided [{names(e['guided'])}]")
    for cid, (value, passed, note) in analytic["claims"].items():
        print(f"  claim {cid}: {value:.6g} {'PASS' if passed else 'FAIL'} ({note})")

    results = {f"claim_{key_of(c)}": v[0] for c, v in analytic["claims"].items()}
    results.update({f"metric_{k}": v for k, v in m.items()})
    for row in analytic["sweep"]:
        for k in ("chairSMean", "chairIMean", "recallMean", "mentionsMean", "badChairIMean", "badRecallMean", "popeAccuracyMean", "yesRatioMean"):
            results[f"sweep_g{number_key(row['gamma'])}_{k}"] = row[k]
    for row in analytic["detectorMap"]:
        for k in ("ratio", "chairI", "recallGain"):
            results[f"map_r{number_key(row['recall'])}_f{number_key(row['falsePositiveRate'])}_{k}"] = row[k]
    for row in analytic["popeSplits"]:
        for k in ("accuracy", "precision", "recall", "f1", "yesRatio"):
            results[f"pope_{row['split']}_{row['method']}_{k}"] = row[k]
    for row in analytic["perReplicate"]:
        for k in ("ratio", "vanillaRecall", "guidedRecall", "noisyDetectorChairI"):
            results[f"replicate_{row['replicate']}_{k}"] = row[k]
    for k, e in enumerate(analytic["replicates"][0]["examples"]):
        for which in ("detected", "vanilla", "guided"):
            results[f"example_{k + 1}_{which}"] = token_code(e[which])

    if TRAINED:
        # the trained tier's first images, drawn in NumPy from the page's streams (float32 pixels)
        shown = trained_scenes(0, min(TRAINED_EXAMPLES, TRAINED_SCENES))
        for k, (objects, pixels) in enumerate(shown):
            results[f"trained_example_{k + 1}_objects"] = sum(1 << o for o in objects)
            results[f"trained_example_{k + 1}_pixel_sum"] = js_sum(shown_pixels(pixels).tolist())
        print(f"  ShapesWorld: first images of the trained tier drawn ({', '.join('+'.join(SHAPES[o] for o in s[0]) for s in shown)})")
        if args.only_numpy:
            print("Trained tier skipped (--only-numpy): it runs the shipped captioner and detector in PyTorch.")
        else:
            trained = run_trained(args.weights)
            tm = trained["metrics"]
            print(f"MARINE, trained tier: {REPLICATES} replicates x {TRAINED_SCENES} ShapesWorld images, detector threshold {DETECTOR_THRESHOLD}")
            print(f"  CHAIR_i {tm['trainedVanillaChairI']:.3f} -> {tm['trainedGuidedChairI']:.3f}, recall {tm['trainedVanillaRecall']:.3f} -> {tm['trainedGuidedRecall']:.3f}, "
                  f"detector accuracy {tm['trainedDetectorAccuracy']:.3f}")
            for cid, (value, passed, note) in trained["claims"].items():
                print(f"  claim {cid}: {value:.6g} {'PASS' if passed else 'FAIL'} ({note})")
            results.update({f"claim_{key_of(c)}": v[0] for c, v in trained["claims"].items()})
            results.update({f"metric_{k}": v for k, v in tm.items()})
    print(f"Done in {time.time() - started:.1f} s.")
    emit_results(results)


if __name__ == "__main__":
    main(parse_cli())
