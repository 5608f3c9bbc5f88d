# APPO and ADPO (Ji, He & Gu 2024, "Reinforcement Learning from Human Feedback with Active Queries"),
# as the page computes them, in three tiers:
#   1. the dueling bandit (appo.ts): always-query against APPO at several thresholds Gamma;
#   2. the linear-policy ADPO toy (adpo.ts, jobs.ts, experiment.ts): DPO tuned over a (beta, rate) grid,
#      ADPO's gamma and then its own (beta, rate) tuned on separate replicates, then DPO, ADPO and ADPO
#      without pseudo-labels at every gamma on the claim's replicates;
#   3. the language-model tier (lmTier.ts and src/models/*): a tiny causal transformer reversing
#      words, fine-tuned by DPO, ADPO and ADPO without pseudo-labels -- in PyTorch.
# Tiers 1 and 2 are float64 NumPy and draw the page's numbers from the same seeded streams; the
# replicates the page spreads over Web Workers run here side by side as one batch of arrays.

import time

# ---- the page's fixed design (experiment.ts, jobs.ts, claims.ts, appo.ts); edit to widen the study ----
APPO_CHART_THRESHOLDS = [0.5, 1, 2]   # Gamma values on the charts (always-query and the claim's are added)
CLAIM_THRESHOLD = 1                   # the Gamma the bandit claims are made at
GAMMAS = [0.1, 0.25, 0.5, 1, 2]       # ADPO's gamma sweep; the claim's gamma is tuned from it
SMALL_GAMMA = 0.1                     # the limit row's gamma
DPO_BETAS = [0.03, 0.1, 0.3]          # the (beta, learning rate) grid DPO and then ADPO are tuned on
DPO_LEARNING_RATES = [1, 3, 10, 30]
TUNING_REPLICATES = 3                 # tuning worlds, apart from the claim's
ADPO_BATCH = 32                       # minibatch of the pair stream
ADPO_EVAL_EVERY = 2                   # win-rate every this many batches (and at the end)
ADPO_EVAL_PROMPTS = 200               # held-out prompts per world
CURVE_POINTS = 120                    # points kept of each bandit curve
MAX_NEWTON_STEPS = 20                 # the bandit MLE's Newton steps per new duel at most
NEWTON_TOLERANCE = 1e-8               # ... and the Newton decrement below which it counts as converged
TARGET_SHARE = 0.98                   # ADPO must reach this share of DPO's final win-rate ...
QUERY_RATIO_MAX = 0.6                 # ... with at most this ratio of DPO's queries
FINAL_GAP_MIN = -0.01                 # ... and end no lower than DPO by more than this
QUERY_SHARE_MAX = 0.3                 # APPO: query share bound at the claim's Gamma
REGRET_RATIO_MAX = 1.3                # APPO: regret ratio bound against always-query
DOUBLING_RATIO_MAX = 1.2              # APPO: queries of (T/2, T] over (T/4, T/2]
MLE_GAP_TOL = 1e-6                    # the bandit MLE's optimality gap bound (nats)
# the language-model tier's fixed options (experiment.ts lmOptions, reversalLm.ts, reversalTask.ts)
LM_SFT_PAIRS = 128
LM_BATCH = 32
LM_EVAL_EVERY = 8
LM_WIDTH = 32
LM_LAYERS = 2
LM_HEADS = 4
LM_SFT_LEARNING_RATE = 1e-3
TASK_LETTERS = "abcdefgh"
TASK_PAD, TASK_EQUALS, TASK_STOP, TASK_VOCAB = 0, 9, 10, 11
TASK_MIN_WORD, TASK_MAX_WORD = 3, 5
TASK_LENGTH = 2 * TASK_MAX_WORD + 2


# ---- the small numeric pieces, as JavaScript computes them ----


# vectors.ts sigmoid, both branches as written (no overflow for large |z|), on arrays
def sigmoid(z):
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


# vectors.ts sigmoid on one number
def sigmoid1(z):
    return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))


# claims.ts median
def median(xs):
    s = sorted(xs)
    m = len(s) >> 1
    return s[m] if len(s) % 2 == 1 else (s[m - 1] + s[m]) / 2


# ---- tier 1: APPO on a linear contextual dueling bandit (appo.ts, jobs.ts) ----

# jobs.ts appoJob + appo.ts runAppo's draws
def appo_world(replicate):
    """θ*, every round's arms and every round's label coin.

    The page draws them round by round from rng.split('context').split(t) and
    rng.split('feedback').split(t); each is a fresh stream, so all rounds are drawn here at once."""
    rng = RngStream.from_seed(SEED).split("appo").split(replicate)
    raw = rng.split("world").normals(DIM)
    theta_star = raw / js_hypot(raw)
    rounds = np.arange(HORIZON)
    phi = normals_of(derive_keys(rng.split("context").key, rounds), ARMS * DIM).reshape(HORIZON, ARMS, DIM)
    coins = uniforms_of(derive_keys(rng.split("feedback").key, rounds), 1)[:, 0]
    return theta_star, phi, coins


# appo.ts DuelingMle.gradientAndHessian
def mle_terms(theta, z, zt, o, mask, s):
    """g and H of the regularised logistic loss, many learners at once.

    z (R, n, d) holds each learner's queried duels, zero-padded past its own count (mask 0, or None
    when none is padded), zt the same transposed (R, d, n); s = ⟨θ, z⟩ is passed in, since the line
    search already computed it."""
    e = np.exp(-np.abs(s))
    p = np.where(s >= 0, 1.0, e) / (1.0 + e)                   # vectors.ts sigmoid, both branches
    c, w = p - o, p * (1 - p)
    if mask is not None:
        c, w = c * mask, w * mask
    g = LAMBDA * theta + np.matmul(c[:, None, :], z)[:, 0, :]
    h = np.matmul(zt * w[:, None, :], z)
    h += _ridge(theta.shape[1])
    return g, h


_RIDGES = {}


def _ridge(d):
    """λI, made once."""
    if d not in _RIDGES:
        _RIDGES[d] = LAMBDA * np.eye(d)
    return _RIDGES[d]


# appo.ts DuelingMle.loss
def mle_loss(theta, o, mask, s):
    """λ‖θ‖²/2 + Σ log(1 + e^s) − o s at s = ⟨θ, z⟩ (s itself past 30)."""
    terms = np.where(s > 30, s, np.log1p(np.exp(np.minimum(s, 30)))) - o * s
    if mask is not None:
        terms *= mask
    return (LAMBDA / 2) * (theta * theta).sum(axis=1) + terms.sum(axis=1)


# appo.ts DuelingMle.newtonStep
def newton_to_mle(groups):
    """Damped Newton (Armijo halving) until the decrement is below tolerance.

    The same iteration for every learner that just added a duel; learners that converge drop out.
    groups: dicts of theta, z, zt, o, mask, s (s = ⟨θ, z⟩, kept current so that the loss and the next
    gradient reuse the line search's products), updated in place. Groups keep duel lists of very
    different lengths apart; their Newton systems are solved in one call."""
    for G in groups:
        G["active"] = np.arange(len(G["theta"]))
        G["before"] = mle_loss(G["theta"], G["o"], G["mask"], G["s"])
    for _ in range(MAX_NEWTON_STEPS):
        parts = []
        for G in groups:
            a = G["active"]
            if len(a) == 0:
                continue
            if len(a) == len(G["theta"]):
                sub = (G["z"], G["zt"], G["o"], G["mask"])
            else:
                sub = (G["z"][a], G["zt"][a], G["o"][a], None if G["mask"] is None else G["mask"][a])
            g, h = mle_terms(G["theta"][a], sub[0], sub[1], sub[2], sub[3], G["s"][a])
            parts.append((G, sub, g, h))
        if not parts:
            break
        g_all = np.concatenate([p[2] for p in parts]) if len(parts) > 1 else parts[0][2]
        h_all = np.concatenate([p[3] for p in parts]) if len(parts) > 1 else parts[0][3]
        step_all = np.linalg.solve(h_all, g_all[:, :, None])[:, :, 0]
        decrement_all = (g_all * step_all).sum(axis=1)
        offset = 0
        for G, (z, zt, o, mask), g, _ in parts:
            a, step, decrement = G["active"], step_all[offset:offset + len(g)], decrement_all[offset:offset + len(g)]
            offset += len(g)
            going = ~(decrement < NEWTON_TOLERANCE)
            if not going.all():
                a, step, decrement, z, zt, o = a[going], step[going], decrement[going], z[going], zt[going], o[going]
                mask = None if mask is None else mask[going]
                G["active"] = a
                if len(a) == 0:
                    continue
            theta, before = G["theta"], G["before"]
            size = np.ones(len(a))
            proposal = theta[a] - step
            proposal_s = np.matmul(proposal[:, None, :], zt)[:, 0, :]
            proposal_loss = mle_loss(proposal, o, mask, proposal_s)
            halve = (proposal_loss > before[a] - 0.25 * size * decrement) & (size > 1e-6)
            while halve.any():
                rows = np.nonzero(halve)[0]
                size[rows] /= 2
                proposal[rows] = theta[a[rows]] - size[rows, None] * step[rows]
                proposal_s[rows] = np.matmul(proposal[rows, None, :], zt[rows])[:, 0, :]
                proposal_loss[rows] = mle_loss(proposal[rows], o[rows], None if mask is None else mask[rows], proposal_s[rows])
                halve[rows] = (proposal_loss[rows] > before[a[rows]] - 0.25 * size[rows] * decrement[rows]) & (size[rows] > 1e-6)
            theta[a], G["s"][a], before[a] = proposal, proposal_s, proposal_loss


# jobs.ts curveRounds
def curve_rounds(horizon):
    """Evenly spaced rounds ending at T."""
    every = max(1, horizon // CURVE_POINTS)
    return list(range(every, horizon, every)) + [horizon]


# appo.ts runAppo for every (threshold, replicate) at once, in lockstep over the rounds
def run_bandit(thresholds):
    """Each learner keeps its own θ̂, Σ and queried duels; per round the greedy arm, the optimistic
    challenger (bonus √(d log(t+1))·‖φ − φ_greedy‖_{Σ⁻¹}) and the query rule are taken for all of them,
    and the learners that queried take their Newton steps together (grouped by threshold, so that
    APPO's short duel lists are not padded to the baseline's long ones)."""
    worlds = [appo_world(r) for r in range(REPLICATES)]
    theta_star = np.stack([w[0] for w in worlds])
    phi = np.stack([w[1] for w in worlds])                     # (replicates, T, K, d)
    coins = np.stack([w[2] for w in worlds])                   # (replicates, T)
    rewards = np.einsum("rtkd,rd->rtk", phi, theta_star)       # ⟨θ*, φ⟩ of every arm
    best = rewards.max(axis=2)
    runs = [(k, r) for k in range(len(thresholds)) for r in range(REPLICATES)]
    R, d, T = len(runs), DIM, HORIZON
    rep = np.array([r for _, r in runs])
    always = np.array([thresholds[k] is None for k, _ in runs])
    limit = np.array([math.inf if thresholds[k] is None else thresholds[k] for k, _ in runs])
    groups = [np.array([i for i, (k, _) in enumerate(runs) if k == j]) for j in range(len(thresholds))]
    theta = np.zeros((R, d))
    sigma = np.tile(LAMBDA * np.eye(d), (R, 1, 1))
    duels = np.zeros((R, T, d))
    duels_t = np.zeros((R, d, T))                              # the same, transposed (for the Hessian's product)
    outcomes = np.zeros((R, T))
    products = np.zeros((R, T))                                # ⟨θ̂, z⟩ of every queried duel, kept current
    count = np.zeros(R, dtype=np.int64)
    regret = np.zeros((R, T))
    queries = np.zeros((R, T), dtype=np.int64)
    total_regret = np.zeros(R)
    everyone = np.arange(R)
    for t in range(T):
        arms = phi[rep, t]                                     # (R, K, d)
        estimated = np.matmul(arms, theta[:, :, None])[:, :, 0]
        greedy = estimated.argmax(axis=1)                      # the first maximum, as appo.ts argmax
        radius = math.sqrt(d * math.log(t + 2))                # round t + 1
        gaps = arms - arms[everyone, greedy][:, None, :]
        solved = np.linalg.solve(sigma, gaps.transpose(0, 2, 1))
        uncertainty = np.sqrt(np.maximum(0, np.einsum("rkd,rdk->rk", gaps, solved)))
        optimistic = estimated + radius * uncertainty
        optimistic[everyone, greedy] = -np.inf                 # the challenger is another arm
        challenger = optimistic.argmax(axis=1)
        z = arms[everyone, greedy] - arms[everyone, challenger]
        uncertain = radius * uncertainty[everyone, challenger]  # ‖z‖ = ‖−gap‖ in the Σ⁻¹ norm
        asked = always | (uncertain > limit)
        if asked.any():
            idx = np.nonzero(asked)[0]
            preference = sigmoid(np.einsum("rd,rd->r", theta_star[rep[idx]], z[idx]) / TEMPERATURE)
            duels[idx, count[idx]] = z[idx]
            duels_t[idx, :, count[idx]] = z[idx]
            outcomes[idx, count[idx]] = (coins[rep[idx], t] < preference).astype(np.float64)
            products[idx, count[idx]] = np.einsum("rd,rd->r", z[idx], theta[idx])
            count[idx] += 1
            sigma[idx] += z[idx, :, None] * z[idx, None, :]
            batch = []
            for group in groups:
                ids = group[asked[group]]
                if len(ids) == 0:
                    continue
                n = int(count[ids].max())
                mask = None if count[ids].min() == n else (np.arange(n)[None, :] < count[ids][:, None]).astype(np.float64)
                batch.append({"ids": ids, "n": n, "theta": theta[ids], "z": duels[ids, :n], "zt": duels_t[ids, :, :n], "o": outcomes[ids, :n], "mask": mask, "s": products[ids, :n]})
            newton_to_mle(batch)
            for G in batch:
                theta[G["ids"]], products[G["ids"], :G["n"]] = G["theta"], G["s"]
        total_regret += best[rep, t] - rewards[rep, t, greedy]
        regret[:, t] = total_regret
        queries[:, t] = queries[:, t - 1] + asked if t > 0 else asked
    # the learner's ½ gᵀH⁻¹g at the end (appo.ts DuelingMle.optimalityGap)
    n = int(count.max())
    mask = (np.arange(n)[None, :] < count[:, None]).astype(np.float64)
    g, h = mle_terms(theta, duels[:, :n], duels_t[:, :, :n], outcomes[:, :n], mask, np.matmul(duels[:, :n], theta[:, :, None])[:, :, 0])
    gaps = np.sum(g * np.linalg.solve(h, g[:, :, None])[:, :, 0], axis=1) / 2
    rounds = curve_rounds(T)
    summaries = [
        {
            "curve": [(tt, float(regret[i, tt - 1]), int(queries[i, tt - 1])) for tt in rounds],
            "finalRegret": float(regret[i, T - 1]),
            "finalQueries": int(queries[i, T - 1]),
            "halfQueries": int(queries[i, T // 2 - 1]),
            "quarterQueries": int(queries[i, T // 4 - 1]),
            "optimalityGap": float(gaps[i]),
        }
        for i in range(R)
    ]
    return [summaries[k * REPLICATES:(k + 1) * REPLICATES] for k in range(len(thresholds))]


# claims.ts doublingRatio
def doubling_ratio(run):
    """The queries of (T/2, T] over those of (T/4, T/2]."""
    return (run["finalQueries"] - run["halfQueries"]) / max(1, run["halfQueries"] - run["quarterQueries"])


# experiment.ts thresholdLabel
def threshold_label(threshold):
    return "always query" if threshold is None else f"Γ = {js_number(threshold)}"


def js_number(x):
    """A number as JavaScript's String() writes the short ones (1, not 1.0)."""
    return str(int(x)) if float(x).is_integer() else repr(float(x))


# ---- tier 2: ADPO on a linear policy (adpo.ts, jobs.ts) ----

# jobs.ts adpoWorld + adpo.ts makeWorld / makePrompt / streamPair, every pair of the stream at once
def adpo_world(stream, replicate):
    """θ*, the held-out prompts and every pair of the stream with its label.

    The page draws pair i from streamRng.split(i) (its prompt from .split('prompt')), so the whole
    stream is a batch of fresh streams; the label coin is drawn whether the pair is asked or not."""
    rng = RngStream.from_seed(SEED).split("adpo").split(stream).split(replicate)
    raw = rng.split("world").normals(POLICY_DIM)
    theta = raw / js_hypot(raw)
    K, d = CANDIDATES, POLICY_DIM
    prompts = normals_of(derive_keys(rng.split("eval").key, np.arange(ADPO_EVAL_PROMPTS)), K * d).reshape(ADPO_EVAL_PROMPTS, K, d)
    pair_keys = derive_keys(rng.split("stream").key, np.arange(PAIRS))
    features = normals_of(derive_keys(pair_keys, "prompt"), K * d).reshape(PAIRS, K, d)
    u = uniforms_of(pair_keys, 3)
    a = np.floor(u[:, 0] * K).astype(np.int64)
    b = (a + 1 + np.floor(u[:, 1] * (K - 1)).astype(np.int64)) % K
    rows = np.arange(PAIRS)
    fa, fb = features[rows, a], features[rows, b]
    label = np.where(u[:, 2] < sigmoid((fa @ theta - fb @ theta) / LABEL_TEMPERATURE), 1.0, -1.0)
    chosen = (fa - fb) * label[:, None]                     # the pair in the human's order, chosen first
    rewards = prompts @ theta                               # (prompts, K)
    versus = sigmoid((rewards[:, :, None] - rewards[:, None, :]) / LABEL_TEMPERATURE)
    return {"theta": theta, "prompts": prompts, "chosen": chosen, "truth": chosen @ theta > 0, "versus": versus.sum(axis=2) / K}


# adpo.ts winRate at w = 0, in the page's order of operations
def uniform_start_gap(world):
    """What the sanity row measures is the rounding of this sum, so it is repeated as written:
    π_0 is uniform (p = 1/K exactly); rewards are summed coordinate by coordinate as vectors.ts dot,
    the sigmoid is the scalar one, and the K² terms per prompt are accumulated one by one (cumsum)."""
    theta, prompts = world["theta"], world["prompts"]
    P, K, d = prompts.shape
    reward = np.zeros((P, K))
    for k in range(d):
        reward = reward + theta[k] * prompts[:, :, k]
    differences = (reward[:, :, None] - reward[:, None, :]) / LABEL_TEMPERATURE
    p = 1.0 / js_sum([1.0] * K)
    terms = (p / K) * np.array([sigmoid1(x) for x in differences.ravel().tolist()])
    return abs(float(np.cumsum(terms)[-1]) / P - 0.5)


# adpo.ts winRate for many policies
def win_rates(w, worlds, which):
    """π_w(y|x) against uniform y' under the true Bradley–Terry model, exact over the candidates."""
    prompts = worlds["prompts"]
    n_worlds, P, K, d = prompts.shape
    scores = np.empty((len(w), P * K))
    for world in np.unique(which):
        # world by world: small products, which BLAS keeps on one thread (a shared machine punishes more)
        rows = np.nonzero(which == world)[0]
        scores[rows] = (prompts[world].reshape(P * K, d) @ w[rows].T).T
    scores = scores.reshape(len(w), P, K)
    e = np.exp(scores - scores.max(axis=2, keepdims=True))
    p = e / e.sum(axis=2, keepdims=True)
    return np.einsum("rpk,rpk->r", p, worlds["versus"][which]) / P


METHOD_CODES = {"dpo": 0, "adpo": 1, "adpo-no-pl": 2}


# adpo.ts trainAdpo for many runs at once
def train_adpo(specs, worlds):
    """One pass of minibatch SGD on the DPO loss over the stream.

    specs: dicts of world (index), method, beta, learningRate, gamma, keepMargins. Per pair the
    margin m = β⟨w, Δφ⟩ in the human's order; DPO asks about every pair, ADPO asks when |m| ≤ γ and
    pseudo-labels by sign(m + γ) otherwise, ADPO without pseudo-labels drops the unasked pairs."""
    R = len(specs)
    which = np.array([s["world"] for s in specs])
    method = np.array([METHOD_CODES[s["method"]] for s in specs])[:, None]
    beta = np.array([float(s["beta"]) for s in specs])[:, None]
    rate = np.array([float(s["learningRate"]) for s in specs])[:, None]
    gamma = np.array([float(s["gamma"]) for s in specs])[:, None]
    keep = [i for i, s in enumerate(specs) if s.get("keepMargins")]
    w = np.zeros((R, POLICY_DIM))
    counts = np.zeros((4, R), dtype=np.int64)                 # queries, pseudo-labels, against the human, against the truth
    checkpoints = [(0, counts.copy(), win_rates(w, worlds, which))]
    margins = {i: [] for i in keep}
    batches = -(-PAIRS // ADPO_BATCH)
    for b in range(batches):
        lo, hi = b * ADPO_BATCH, min(PAIRS, (b + 1) * ADPO_BATCH)
        cd = worlds["chosen"][which, lo:hi]                    # (R, B, d)
        h = np.matmul(cd, w[:, :, None])[:, :, 0]
        m = beta * h
        for i in keep:
            margins[i].extend(m[i].tolist())
        queried = np.abs(m) <= gamma
        rule = np.sign(m + gamma)
        asked = (method == 0) | queried
        pseudo = (method == 1) & ~queried
        used = asked | pseudo
        flag = np.where(asked, 1.0, rule)
        counts[0] += asked.sum(axis=1)
        counts[1] += pseudo.sum(axis=1)
        counts[2] += (pseudo & (flag < 0)).sum(axis=1)
        counts[3] += (pseudo & ((flag > 0) != worlds["truth"][which, lo:hi])).sum(axis=1)
        slope = np.where(used, -beta * flag * sigmoid(-beta * flag * h), 0.0)   # adpo.ts pairLossSlope
        gradient = np.matmul(slope[:, None, :], cd)[:, 0, :]
        n_used = used.sum(axis=1)
        w -= np.where(n_used[:, None] > 0, rate * gradient / np.maximum(n_used, 1)[:, None], 0.0)
        if (b + 1) % ADPO_EVAL_EVERY == 0 or b == batches - 1:
            checkpoints.append((min(PAIRS, (b + 1) * ADPO_BATCH), counts.copy(), win_rates(w, worlds, which)))
    runs = []
    for i in range(R):
        runs.append({
            "checkpoints": [{"pairsSeen": seen, "queries": int(c[0, i]), "pseudoLabels": int(c[1, i]), "wrongPseudoLabels": int(c[2, i]), "pseudoLabelsAgainstTruth": int(c[3, i]), "winRate": float(wr[i])} for seen, c, wr in checkpoints],
            "margins": margins.get(i),
            "world": int(which[i]),
        })
    return runs


# adpo.ts queriesToReach
def queries_to_reach(run, target):
    """Queries at the first checkpoint at or above target, interpolated; None if never."""
    c = run["checkpoints"]
    for i in range(len(c)):
        if c[i]["winRate"] < target:
            continue
        if i == 0:
            return 0
        f = (target - c[i - 1]["winRate"]) / (c[i]["winRate"] - c[i - 1]["winRate"])
        return c[i - 1]["queries"] + f * (c[i]["queries"] - c[i - 1]["queries"])
    return None


def final_win(run):
    return run["checkpoints"][-1]["winRate"]


def final_checkpoint(run):
    return run["checkpoints"][-1]


# claims.ts queriesToTarget
def queries_to_target(dpo, method):
    """Per replicate, queries to 98% of that replicate's DPO final (∞ if never)."""
    out = []
    for r, d in enumerate(dpo):
        target = TARGET_SHARE * final_win(d)
        q_dpo, q_method = queries_to_reach(d, target), queries_to_reach(method[r], target)
        out.append((math.inf if q_dpo is None else q_dpo, math.inf if q_method is None else q_method))
    return out


# claims.ts finalGaps
def final_gaps(dpo, method):
    """Per replicate, method's final win-rate minus DPO's."""
    return [final_win(m) - final_win(dpo[r]) for r, m in enumerate(method)]


def mean_final_gap(dpo, method):
    return js_mean(final_gaps(dpo, method))


# claims.ts medianQueryRatio
def median_query_ratio(dpo, method):
    return median([js_div(q_method, q_dpo) for q_dpo, q_method in queries_to_target(dpo, method)])


def against_shares(runs):
    """Median shares of the pseudo-labels that contradict the truth and the noisy human (claims.ts)."""
    last = [final_checkpoint(a) for a in runs]
    truth = median([c["pseudoLabelsAgainstTruth"] / max(1, c["pseudoLabels"]) for c in last])
    human = median([c["wrongPseudoLabels"] / max(1, c["pseudoLabels"]) for c in last])
    return truth, human


# claims.ts likeForLike
def like_for_like(pairs, dpo, adpo, adpo_no_pl):
    """The ADPO claim's ratio (never-reached replicates as ∞ in the deciding median)."""
    reached = queries_to_target(dpo, adpo)
    decisive = median([js_div(q_method, q_dpo) for q_dpo, q_method in reached])
    ratios = [js_div(q_method if math.isfinite(q_method) else final_checkpoint(adpo[r])["queries"], q_dpo) for r, (q_dpo, q_method) in enumerate(reached)]
    gaps = final_gaps(dpo, adpo)
    interval = mean_interval(gaps)
    gap, low, high = interval["estimate"], interval["low"], interval["high"]
    non_inferior = len(gaps) >= 2 and low >= FINAL_GAP_MIN
    ratio = decisive if math.isfinite(decisive) else median(ratios)
    return {
        "ratio": ratio, "ratios": ratios, "passed": decisive <= QUERY_RATIO_MAX and non_inferior,
        "gap": gap, "gapLow": low, "gapHigh": high, "never": sum(not math.isfinite(q) for _, q in reached),
        "dpoOwn": median([js_div(q_dpo, pairs) for q_dpo, _ in reached]),
        "used": median([final_checkpoint(a)["queries"] / pairs for a in adpo]),
        "noPl": median_query_ratio(dpo, adpo_no_pl), "noPlGap": mean_final_gap(dpo, adpo_no_pl),
    }


# experiment.ts tuneGamma
def tune_gamma(dpo, adpo_by_gamma):
    """The fewest queries to DPO's target among the γ ending within 0.01 of DPO."""
    best, best_ratio = GAMMAS[-1], math.inf
    for k, gamma in enumerate(GAMMAS):
        gap = mean_final_gap(dpo, adpo_by_gamma[k])
        ratio = median_query_ratio(dpo, adpo_by_gamma[k])
        if gap >= FINAL_GAP_MIN and ratio < best_ratio:
            best, best_ratio = gamma, ratio
    return best


# experiment.ts marginHistogram
def margin_histogram(margins, gamma, bins=40):
    """40 bins over ±max(2γ, the 99th percentile of |m|)."""
    ordered = sorted(abs(m) for m in margins)
    reach = max(2 * gamma, ordered[math.floor(0.99 * (len(ordered) - 1))] if ordered else 1)
    width = 2 * reach / bins
    counts = [0] * bins
    for m in margins:
        counts[min(bins - 1, max(0, math.floor((m + reach) / width)))] += 1
    return [{"margin": -reach + (i + 0.5) * width, "count": c, "queried": abs(-reach + (i + 0.5) * width) <= gamma} for i, c in enumerate(counts)]


# experiment.ts runAppoAdpo, the linear-policy part
def adpo_tier(values):
    """DPO's grid, ADPO's γ, ADPO's own grid, then the claim's runs."""
    started = time.time()
    world_list = [("tuning", r) for r in range(TUNING_REPLICATES)] + [("claim", r) for r in range(REPLICATES)]
    made = [adpo_world(s, r) for s, r in world_list]
    worlds = {key: np.stack([w[key] for w in made]) for key in ("prompts", "chosen", "truth", "versus")}
    tuning = list(range(TUNING_REPLICATES))
    claim = [TUNING_REPLICATES + r for r in range(REPLICATES)]
    grid = [(beta, lr) for beta in DPO_BETAS for lr in DPO_LEARNING_RATES]
    spec = lambda world, method, beta, lr, gamma, keep=False: {"world": world, "method": method, "beta": beta, "learningRate": lr, "gamma": gamma, "keepMargins": keep}
    print(f"\nLinear policy: d = {POLICY_DIM}, K = {CANDIDATES}, {PAIRS} pairs in batches of {ADPO_BATCH} (worlds drawn in {time.time() - started:.1f} s)")

    # DPO's own tuning: the best (β, rate) of the grid by mean final win-rate on the tuning replicates
    runs = train_adpo([spec(r, "dpo", beta, lr, 0) for beta, lr in grid for r in tuning], worlds)
    grid_runs = [runs[k * TUNING_REPLICATES:(k + 1) * TUNING_REPLICATES] for k in range(len(grid))]
    dpo_tuning = [{"beta": beta, "learningRate": lr, "finalWinRate": js_mean(final_win(x) for x in grid_runs[k])} for k, (beta, lr) in enumerate(grid)]
    chosen = 0
    for k in range(1, len(dpo_tuning)):
        if dpo_tuning[k]["finalWinRate"] > dpo_tuning[chosen]["finalWinRate"]:
            chosen = k
    tuned = dpo_tuning[chosen]
    tuning_dpo = grid_runs[chosen]
    print(f"  DPO's tuning grid: best (β, rate) = ({js_number(tuned['beta'])}, {js_number(tuned['learningRate'])}), final win-rate {tuned['finalWinRate']:.4f}")

    # ADPO's γ at DPO's (β, rate), then ADPO's own (β, rate) at that γ, on the same tuning replicates
    runs = train_adpo([spec(r, "adpo", tuned["beta"], tuned["learningRate"], gamma) for gamma in GAMMAS for r in tuning], worlds)
    gamma_runs = [runs[k * TUNING_REPLICATES:(k + 1) * TUNING_REPLICATES] for k in range(len(GAMMAS))]
    tuned_gamma = tune_gamma(tuning_dpo, gamma_runs)
    shown_gamma = tuned_gamma if SHOWN_GAMMA == "tuned" else float(SHOWN_GAMMA)
    runs = train_adpo([spec(r, "adpo", beta, lr, tuned_gamma) for beta, lr in grid for r in tuning], worlds)
    adpo_grid_runs = [runs[k * TUNING_REPLICATES:(k + 1) * TUNING_REPLICATES] for k in range(len(grid))]
    adpo_tuning = [{"beta": beta, "learningRate": lr, "queryRatio": median_query_ratio(tuning_dpo, adpo_grid_runs[k]), "finalGap": mean_final_gap(tuning_dpo, adpo_grid_runs[k])} for k, (beta, lr) in enumerate(grid)]
    eligible = [row for row in adpo_tuning if row["finalGap"] >= FINAL_GAP_MIN and math.isfinite(row["queryRatio"])]
    if eligible:
        own = eligible[0]
        for row in eligible[1:]:
            if row["queryRatio"] < own["queryRatio"]:
                own = row
    else:
        own = next(row for row in adpo_tuning if row["beta"] == tuned["beta"] and row["learningRate"] == tuned["learningRate"])
    print(f"  ADPO's tuning: γ = {js_number(tuned_gamma)}, then its own (β, rate) = ({js_number(own['beta'])}, {js_number(own['learningRate'])})")

    # the claim's replicates: DPO at its tuning, ADPO and ADPO without pseudo-labels at ADPO's, every γ
    specs = [spec(r, "dpo", tuned["beta"], tuned["learningRate"], 0) for r in claim]
    for method in ("adpo", "adpo-no-pl"):
        specs += [spec(w, method, own["beta"], own["learningRate"], gamma, i == 0 and method == "adpo" and gamma == shown_gamma) for gamma in GAMMAS for i, w in enumerate(claim)]
    runs = train_adpo(specs, worlds)
    n = REPLICATES
    dpo = runs[:n]
    adpo = [runs[n + k * n:n + (k + 1) * n] for k in range(len(GAMMAS))]
    no_pl = [runs[n + (len(GAMMAS) + k) * n:n + (len(GAMMAS) + k + 1) * n] for k in range(len(GAMMAS))]
    tuned_index, shown_index = GAMMAS.index(tuned_gamma), GAMMAS.index(shown_gamma)

    # experiment.ts gammaSweepRows, and the claims (claims.ts adpoQueriesClaim, smallGammaClaim, uniformStartClaim)
    sweep = []
    for k, gamma in enumerate(GAMMAS):
        last = [final_checkpoint(a) for a in adpo[k]]
        sweep.append({
            "gamma": gamma,
            "adpoQueryRatio": median_query_ratio(dpo, adpo[k]), "noPlQueryRatio": median_query_ratio(dpo, no_pl[k]),
            "finalGap": mean_final_gap(dpo, adpo[k]), "noPlFinalGap": mean_final_gap(dpo, no_pl[k]),
            "queriedShare": js_mean(c["queries"] / c["pairsSeen"] for c in last),
            "againstTruthShare": js_mean(c["pseudoLabelsAgainstTruth"] / max(1, c["pseudoLabels"]) for c in last),
            "againstHumanShare": js_mean(c["wrongPseudoLabels"] / max(1, c["pseudoLabels"]) for c in last),
        })
    main_claim = like_for_like(PAIRS, dpo, adpo[tuned_index], no_pl[tuned_index])
    small = GAMMAS.index(SMALL_GAMMA)
    small_gaps = final_gaps(dpo, adpo[small])
    small_gap = js_mean(small_gaps)
    # every run starts at w = 0, whose win-rate depends on the world alone: the sanity row over the worlds used
    start_gap = max(uniform_start_gap(w) for w in made)
    truth_share, human_share = against_shares(adpo[tuned_index])
    print(f"  Claim replicates ({REPLICATES}): DPO at ({js_number(tuned['beta'])}, {js_number(tuned['learningRate'])}) ends at {js_mean(final_win(x) for x in dpo):.4f} on average")
    print(f"  [paper] adpo-fewer-queries: ADPO (γ = {js_number(tuned_gamma)}) reaches {TARGET_SHARE * 100:.0f}% of DPO's final win-rate with {main_claim['ratio']:.4f} × DPO's own queries "
          f"(≤ {QUERY_RATIO_MAX}?), final gap {main_claim['gap']:+.4f} [{main_claim['gapLow']:+.4f}, {main_claim['gapHigh']:+.4f}] → {'passed' if main_claim['passed'] else 'failed'}")
    print(f"      ADPO asked about {main_claim['used'] * 100:.0f}% of the stream; {truth_share * 100:.1f}% of its pseudo-labels contradict the truth, {human_share * 100:.1f}% the noisy human; "
          f"without pseudo-labels {main_claim['noPl']:.3f} × DPO's queries, ending {main_claim['noPlGap']:+.4f}")
    print(f"  [limit] adpo-small-gamma-falls-behind: at γ = {js_number(SMALL_GAMMA)} ADPO − DPO = {small_gap:+.4f} (< {FINAL_GAP_MIN}?) → {'passed' if small_gap < FINAL_GAP_MIN else 'failed'}")
    print(f"  [sanity] uniform-policy-half: largest |win-rate − 1/2| at the start {start_gap:.3e} (≤ 1e-12?) → {'passed' if start_gap <= 1e-12 else 'failed'}")
    print(f"  γ sweep (claim replicates): " + "; ".join(f"γ {js_number(r['gamma'])}: ratio {r['adpoQueryRatio']:.3f}, gap {r['finalGap']:+.4f}, asked {r['queriedShare']:.3f}" for r in sweep))

    histogram = margin_histogram(adpo[shown_index][0]["margins"], shown_gamma)
    values.update({
        "adpo-fewer-queries": main_claim["ratio"],
        "adpo-small-gamma-falls-behind": small_gap,
        "uniform-policy-half": start_gap,
        "tunedBeta": tuned["beta"], "tunedLearningRate": tuned["learningRate"], "tunedGamma": tuned_gamma,
        "adpoBeta": own["beta"], "adpoLearningRate": own["learningRate"], "shownGamma": shown_gamma,
        "adpoQueryRatio": sweep[tuned_index]["adpoQueryRatio"],
        "dpoFinalWinRate": js_mean(final_win(x) for x in dpo),
        "marginHistogram.queriedCount": sum(b["count"] for b in histogram if b["queried"]),
    })
    for k, (beta, lr) in enumerate(grid):
        values[f"dpoTuning.{js_number(beta)}.{js_number(lr)}.finalWinRate"] = dpo_tuning[k]["finalWinRate"]
        values[f"adpoTuning.{js_number(beta)}.{js_number(lr)}.finalGap"] = adpo_tuning[k]["finalGap"]
        values[f"adpoTuning.{js_number(beta)}.{js_number(lr)}.queryRatio"] = adpo_tuning[k]["queryRatio"]
    for row in sweep:
        for column in ("adpoQueryRatio", "noPlQueryRatio", "finalGap", "noPlFinalGap", "queriedShare", "againstTruthShare", "againstHumanShare"):
            values[f"gammaSweep.{js_number(row['gamma'])}.{column}"] = row[column]
    for method, run in (("dpo", dpo[0]), ("adpo", adpo[shown_index][0]), ("adpo-no-pl", no_pl[shown_index][0])):
        values[f"winVsQueries.{method}.finalWinRate"] = final_win(run)
        values[f"winVsQueries.{method}.finalQueries"] = final_checkpoint(run)["queries"]
    print(f"  (the linear-policy tier took {time.time() - started:.1f} s)")


# experiment.ts runAppoAdpo, the bandit part
def bandit_tier(values):
    """Always-query and APPO at every Γ, the claims and the trade-off rows."""
    started = time.time()
    thresholds = [None] + sorted({*APPO_CHART_THRESHOLDS, CLAIM_THRESHOLD, THRESHOLD})
    print(f"Dueling bandit: d = {DIM}, K = {ARMS}, T = {HORIZON}, {REPLICATES} replicates, thresholds: " + ", ".join(threshold_label(t) for t in thresholds))
    runs = run_bandit(thresholds)
    always = runs[0]
    at_claim = runs[thresholds.index(CLAIM_THRESHOLD)]
    shares = [r["finalQueries"] / HORIZON for r in at_claim]
    ratios = [r["finalRegret"] / always[i]["finalRegret"] for i, r in enumerate(at_claim)]
    share, ratio = median(shares), median(ratios)
    doubling = median([doubling_ratio(r) for r in at_claim])
    worst_gap = max(r["optimalityGap"] for k in runs for r in k)
    print(f"  [paper] appo-fewer-queries: at Γ = {js_number(CLAIM_THRESHOLD)} APPO asks in {share * 100:.1f}% of the rounds (< {QUERY_SHARE_MAX * 100:.0f}%?) at {ratio:.4f} × always-query's regret (< {REGRET_RATIO_MAX}?) → {'passed' if share < QUERY_SHARE_MAX and ratio < REGRET_RATIO_MAX else 'failed'}")
    print(f"      regret ratio per replicate: " + ", ".join(f"{x:.2f}" for x in ratios) + f"; always-query's regret: mean {js_mean(r['finalRegret'] for r in always):.1f}")
    print(f"  [paper] appo-queries-logarithmic: queries of (T/2, T] over (T/4, T/2]: median {doubling:.4f} (< {DOUBLING_RATIO_MAX}?) → {'passed' if doubling < DOUBLING_RATIO_MAX else 'failed'}; "
          + ", ".join(f"{r['quarterQueries']} → {r['halfQueries']} → {r['finalQueries']}" for r in at_claim))
    print(f"  [sanity] appo-mle-converged: the largest ½ gᵀH⁻¹g at the end {worst_gap:.3e} nats (≤ {MLE_GAP_TOL}?) → {'passed' if worst_gap <= MLE_GAP_TOL else 'failed'}")
    values.update({
        "appo-fewer-queries": ratio,
        "appo-queries-logarithmic": doubling,
        "appo-mle-converged": worst_gap,
        "appoQueryShare": share,
    })
    # experiment.ts appoSeries: the trade-off rows (medians over replicates) and the curves' last point (means)
    for k, threshold in enumerate(thresholds):
        label = threshold_label(threshold)
        values[f"appoTradeoff.{label}.queryShare"] = median([r["finalQueries"] / HORIZON for r in runs[k]])
        values[f"appoTradeoff.{label}.regretRatio"] = median([r["finalRegret"] / always[i]["finalRegret"] for i, r in enumerate(runs[k])])
        values[f"appoTradeoff.{label}.doublingRatio"] = median([doubling_ratio(r) for r in runs[k]])
        values[f"appoCurves.last.regret: {label}"] = js_mean(r["curve"][-1][1] for r in runs[k])
        values[f"appoCurves.last.queries: {label}"] = js_mean(r["curve"][-1][2] for r in runs[k])
        print(f"  {label}: query share {values[f'appoTradeoff.{label}.queryShare']:.4f}, regret ratio {values[f'appoTradeoff.{label}.regretRatio']:.4f}")
    print(f"  (the bandit took {time.time() - started:.1f} s)")


# claims.ts flagRuleClaim
def flag_rule_check(values):
    """sign(m + γ) and |m| ≤ γ on four margins at γ = 1."""
    margins = [-3, -0.5, 0.5, 3]
    flags = [int(np.sign(m + 1)) for m in margins]
    queried = [abs(m) <= 1 for m in margins]
    ok = flags == [-1, 1, 1, 1] and queried == [False, True, True, False]
    print(f"  [sanity] adpo-flag-rule: flags {flags}, queried {queried} → {'passed' if ok else 'failed'}")
    values["adpo-flag-rule"] = 1 if ok else 0


# ---- tier 3: the language-model tier in PyTorch (lmTier.ts, models/reversalTask.ts, reversalLm.ts,
# ---- causalLm.ts, maskedDiffusionTransformer.ts, preferenceLoss.ts) ----

# maskedDiffusionTransformer.ts parameterShapes (no time input; causal), the weight order
def lm_parameter_shapes():
    w, f = LM_WIDTH, 2 * LM_WIDTH
    shapes = [("tokenEmbedding", [TASK_VOCAB, w]), ("positionEmbedding", [TASK_LENGTH, w])]
    for l in range(LM_LAYERS):
        shapes += [(f"l{l}.ln1.gamma", [w]), (f"l{l}.ln1.beta", [w]), (f"l{l}.wqkv", [w, 3 * w]), (f"l{l}.wo", [w, w]),
                   (f"l{l}.ln2.gamma", [w]), (f"l{l}.ln2.beta", [w]), (f"l{l}.w1", [w, f]), (f"l{l}.b1", [f]), (f"l{l}.w2", [f, w]), (f"l{l}.b2", [w])]
    shapes += [("lnf.gamma", [w]), ("lnf.beta", [w]), ("wout", [w, TASK_VOCAB]), ("bout", [TASK_VOCAB])]
    return shapes


# maskedDiffusionTransformer.ts initialParameters
def lm_initial_parameters(rng):
    """N(0, 1/fan_in) matrices (residual outputs /√(2L)), embeddings N(0, 1), LN γ = 1, the rest 0; float32."""
    out = {}
    for name, shape in lm_parameter_shapes():
        size = int(np.prod(shape))
        if name.endswith("gamma"):
            values = np.ones(size)
        elif len(shape) == 2:
            fan_in = 1 if name.endswith("Embedding") else shape[0]
            scale = 1 / math.sqrt(fan_in * 2 * LM_LAYERS) if name.endswith((".wo", ".w2")) else 1 / math.sqrt(fan_in)
            values = scale * rng.normals(size)
        else:
            values = np.zeros(size)
        out[name] = values.astype(np.float32).reshape(shape)
    return out


# reversalTask.ts encodeTask
def encode_task(text):
    return [TASK_EQUALS if ch == "=" else TASK_STOP if ch == "." else TASK_LETTERS.index(ch) + 1 for ch in text]


# reversalTask.ts decodeTask
def decode_task(tokens):
    return "".join("" if t == TASK_PAD else "=" if t == TASK_EQUALS else "." if t == TASK_STOP else (TASK_LETTERS[t - 1] if 1 <= t <= len(TASK_LETTERS) else "?") for t in tokens)


# reversalTask.ts drawTaskPairs
def draw_task_pairs(count, rng, exclude=frozenset()):
    """Distinct words of 3–5 letters a–h (never one of `exclude`) and their reversals."""
    seen, pairs = set(), []
    while len(pairs) < count:
        length = TASK_MIN_WORD + rng.int(TASK_MAX_WORD - TASK_MIN_WORD + 1)
        word = "".join(TASK_LETTERS[rng.int(len(TASK_LETTERS))] for _ in range(length))
        if word in seen or word in exclude:
            continue
        seen.add(word)
        pairs.append((word, word[::-1]))
    return pairs


# reversalTask.ts encodeBatch
def encode_batch(pairs):
    """Next-token rows; the mask counts the response's tokens and the stop."""
    L = TASK_LENGTH
    inputs = np.zeros((len(pairs), L), dtype=np.int64)
    targets = np.zeros((len(pairs), L), dtype=np.int64)
    mask = np.zeros((len(pairs), L), dtype=np.float32)
    for b, (prompt, response) in enumerate(pairs):
        tokens = encode_task(f"{prompt}={response}.")[:L + 1]
        for t in range(L):
            inputs[b, t] = tokens[t] if t < len(tokens) else TASK_PAD
            targets[b, t] = tokens[t + 1] if t + 1 < len(tokens) else TASK_PAD
            mask[b, t] = 1 if t >= len(prompt) and t + 1 < len(tokens) else 0
    return inputs, targets, mask


# lmTier.ts oracleScore
def oracle_score(prompt, response):
    """A point per letter of the reversal in its place, minus the length difference."""
    target = prompt[::-1]
    score = sum(1 for i in range(min(len(target), len(response))) if response[i] == target[i])
    return score - abs(len(response) - len(target))


# maskedDiffusionTransformer.ts MaskedDiffusionTransformer with causal attention (reversalLm.ts reversalLmConfig)
class ReversalLm:

    def __init__(self, values):
        import torch
        self.torch = torch
        self.params = {name: torch.tensor(np.array(v, dtype=np.float32), requires_grad=True) for name, v in values.items()}
        L = TASK_LENGTH
        self.causal = torch.tensor(np.where(np.arange(L)[None, :] > np.arange(L)[:, None], -1e9, 0.0).astype(np.float32))

    # reversalLm.ts cloneModel
    def clone(self):
        return ReversalLm({k: v.detach().numpy().copy() for k, v in self.params.items()})

    def parameters(self):
        return list(self.params.values())

    def forward(self, tokens):
        """tokens [B, L] → logits [B, L, V], as the tfjs forward (pre-norm layers, tanh GELU, LN ε 1e-5)."""
        torch, p = self.torch, self.params
        B, L = tokens.shape
        w, heads = LM_WIDTH, LM_HEADS
        dh = w // heads

        def layer_norm(x, gamma, beta):
            mean = x.mean(dim=-1, keepdim=True)
            variance = ((x - mean) ** 2).mean(dim=-1, keepdim=True)
            return (x - mean) / torch.sqrt(variance + 1e-5) * gamma + beta

        def gelu(x):
            return x * 0.5 * (1 + torch.tanh((x + x * x * x * 0.044715) * math.sqrt(2 / math.pi)))

        h = p["tokenEmbedding"][tokens] + p["positionEmbedding"][:L]
        for l in range(LM_LAYERS):
            x = layer_norm(h, p[f"l{l}.ln1.gamma"], p[f"l{l}.ln1.beta"]).reshape(B * L, w)
            wqkv = p[f"l{l}.wqkv"]
            q, k, v = ((x @ wqkv[:, part * w:(part + 1) * w]).reshape(B, L, heads, dh).transpose(1, 2) for part in range(3))
            scores = q @ k.transpose(-1, -2) / math.sqrt(dh) + self.causal[:L, :L]
            attended = (torch.softmax(scores, dim=-1) @ v).transpose(1, 2).reshape(B * L, w)
            h = h + (attended @ p[f"l{l}.wo"]).reshape(B, L, w)
            y = layer_norm(h, p[f"l{l}.ln2.gamma"], p[f"l{l}.ln2.beta"]).reshape(B * L, w)
            h = h + (gelu(y @ p[f"l{l}.w1"] + p[f"l{l}.b1"]) @ p[f"l{l}.w2"] + p[f"l{l}.b2"]).reshape(B, L, w)
        h = layer_norm(h, p["lnf.gamma"], p["lnf.beta"])
        return (h.reshape(B * L, w) @ p["wout"] + p["bout"]).reshape(B, L, TASK_VOCAB)

    # causalLm.ts rowLogProbs + sequenceLogProbTfjs.ts
    def row_log_probs(self, rows):
        """Σ over masked positions of log p(target | prefix)."""
        torch = self.torch
        inputs, targets, mask = (torch.tensor(a) for a in rows)
        logits = self.forward(inputs)
        picked = torch.log_softmax(logits, dim=-1).gather(-1, targets[..., None])[..., 0]
        return (picked * mask).sum(dim=1)


# causalLm.ts generate + reversalLm.ts responses (temperature 1)
def lm_generate(model, prompts, rng):
    """Gumbel-max sampling with the page's counter-based noise."""
    torch = model.torch
    B, L = len(prompts), TASK_LENGTH
    tokens = np.full((B, L), TASK_PAD, dtype=np.int64)
    for b, (prompt, _) in enumerate(prompts):
        encoded = encode_task(f"{prompt}=")
        tokens[b, :len(encoded)] = encoded
    position = [len(prompt) for prompt, _ in prompts]
    out = [[] for _ in range(B)]
    done = [False] * B
    forbidden = np.zeros(TASK_VOCAB, dtype=bool)
    forbidden[[TASK_PAD, TASK_EQUALS]] = True
    key = rng.split("generate").key
    counters = np.arange(B * TASK_VOCAB).reshape(B, TASK_VOCAB)
    inv_t = float(np.float32(1 / 1.0))
    for step in range(TASK_MAX_WORD + 1):
        if all(done):
            break
        with torch.no_grad():
            logits = model.forward(torch.tensor(tokens)).numpy()
        rows = logits[np.arange(B), position].astype(np.float64)
        step_key = derive_key(key, step)                       # denoiseStep.ts denoiseStepKey
        z = np.where(forbidden[None, :], -np.inf, rows * inv_t + gumbel_from_hash_array(step_key, counters))
        chosen = z.argmax(axis=1)                              # the first maximum, as denoiseStepReference
        for b in range(B):
            if done[b]:
                continue
            if chosen[b] == TASK_STOP or position[b] + 1 >= L - 1:
                done[b] = True
                if chosen[b] != TASK_STOP:
                    out[b].append(int(chosen[b]))
                continue
            position[b] += 1
            tokens[b, position[b]] = chosen[b]
            out[b].append(int(chosen[b]))
    return [decode_task(ids) for ids in out]


# tf.train.adam
def adam(parameters, rate):
    """β₁ 0.9, β₂ 0.999, ε 1e-7 (tfjs' float32 backends), the same update as torch's Adam."""
    import torch
    return torch.optim.Adam(parameters, lr=rate, betas=(0.9, 0.999), eps=1e-7)


# lmTier.ts batchWeights
def batch_weights(method, margins, gamma, truths):
    """+1 asked, the flag sign(m + γ) pseudo-labelled (ADPO), 0 dropped (without pseudo-labels)."""
    weights, queried, pseudo, wrong, against = [], 0, 0, 0, 0
    for m, truth in zip(margins, truths):
        asked = abs(m) <= gamma
        flag = float(np.sign(m + gamma))
        if method == "dpo" or asked:
            queried += 1
            weights.append(1.0)
        elif method == "adpo-no-pl":
            weights.append(0.0)
        else:
            pseudo += 1
            wrong += flag < 0
            against += truth != 0 and (flag > 0) != (truth > 0)
            weights.append(flag)
    return weights, queried, pseudo, wrong, against


# lmTier.ts trainMethod
def lm_train_method(method, reference, stream, evaluate):
    """One pass over the labelled stream, margins read before each Adam step."""
    torch = reference.torch
    policy = reference.clone()
    optimizer = adam(policy.parameters(), LM_LEARNING_RATE)
    counts = [0, 0, 0, 0]
    checkpoints = [{"pairsSeen": 0, "queries": 0, "winRate": evaluate(policy, 0), "pseudoLabels": 0, "wrongPseudoLabels": 0, "pseudoLabelsAgainstTruth": 0}]
    batches = -(-len(stream) // LM_BATCH)
    for b in range(batches):
        batch = stream[b * LM_BATCH:(b + 1) * LM_BATCH]
        chosen_rows = encode_batch([p["chosen"] for p in batch])
        rejected_rows = encode_batch([p["rejected"] for p in batch])
        ref_chosen = torch.tensor(np.array([p["referenceChosen"] for p in batch], dtype=np.float32))
        ref_rejected = torch.tensor(np.array([p["referenceRejected"] for p in batch], dtype=np.float32))
        with torch.no_grad():
            h = (policy.row_log_probs(chosen_rows) - ref_chosen) - (policy.row_log_probs(rejected_rows) - ref_rejected)
            margins = (h * LM_BETA).numpy()
        weights, queried, pseudo, wrong, against = batch_weights(method, margins.tolist(), LM_GAMMA, [p["truth"] for p in batch])
        for i, v in enumerate((queried, pseudo, wrong, against)):
            counts[i] += v
        if any(w != 0 for w in weights):
            # preferenceLoss.ts: mean over the kept pairs of |w|·softplus(−β·sign(w)·h)
            wt = torch.tensor(weights, dtype=torch.float32)
            h = (policy.row_log_probs(chosen_rows) - ref_chosen) - (policy.row_log_probs(rejected_rows) - ref_rejected)
            per_pair = torch.nn.functional.softplus(h * torch.sign(wt) * -LM_BETA)
            loss = (per_pair * wt.abs()).sum() / torch.clamp((wt != 0).float().sum(), min=1)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        if (b + 1) % LM_EVAL_EVERY == 0 or b == batches - 1:
            checkpoints.append({"pairsSeen": min(len(stream), (b + 1) * LM_BATCH), "queries": counts[0], "winRate": evaluate(policy, len(checkpoints)),
                                "pseudoLabels": counts[1], "wrongPseudoLabels": counts[2], "pseudoLabelsAgainstTruth": counts[3]})
    return {"checkpoints": checkpoints}


# lmTier.ts runAdpoLmTier
def lm_replicate(rng):
    """SFT reference, the labelled stream, then DPO, ADPO and ADPO without pseudo-labels."""
    import torch
    sft_data = draw_task_pairs(LM_SFT_PAIRS, rng.split("sft-data"))
    stream_prompts = draw_task_pairs(LM_STREAM_PAIRS, rng.split("stream-prompts"), {p for p, _ in sft_data})
    held_out = draw_task_pairs(LM_HELD_OUT, rng.split("held-out"), {p for p, _ in sft_data + stream_prompts})
    reference = ReversalLm(lm_initial_parameters(rng.split("init")))
    optimizer = adam(reference.parameters(), LM_SFT_LEARNING_RATE)
    picks = rng.split("sft-batches")
    for _ in range(LM_SFT_STEPS):                                # reversalLm.ts nllStep
        rows = encode_batch([sft_data[picks.int(len(sft_data))] for _ in range(32)])
        loss = -reference.row_log_probs(rows).mean()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    # lmTier.ts labelledStream: two answers per prompt from the reference, the human's Bradley–Terry coin on the oracle's score
    stream_rng = rng.split("stream")
    first = lm_generate(reference, stream_prompts, stream_rng.split("first"))
    second = lm_generate(reference, stream_prompts, stream_rng.split("second"))
    coins = stream_rng.split("labels")
    stream = []
    for i, (prompt, _) in enumerate(stream_prompts):
        a, b = first[i], second[i]
        prefers_first = coins.uniform() < sigmoid1((oracle_score(prompt, a) - oracle_score(prompt, b)) / LM_ORACLE_TEMPERATURE)
        chosen, rejected = (a, b) if prefers_first else (b, a)
        stream.append({"chosen": (prompt, chosen), "rejected": (prompt, rejected), "truth": oracle_score(prompt, chosen) - oracle_score(prompt, rejected)})
    with torch.no_grad():
        ref_chosen = reference.row_log_probs(encode_batch([p["chosen"] for p in stream])).numpy()
        ref_rejected = reference.row_log_probs(encode_batch([p["rejected"] for p in stream])).numpy()
    for i, p in enumerate(stream):
        p["referenceChosen"], p["referenceRejected"] = float(ref_chosen[i]), float(ref_rejected[i])
    tied = sum(first[i] == second[i] for i in range(len(stream_prompts)))
    eval_rng = rng.split("evaluate")
    reference_samples = lm_generate(reference, held_out, eval_rng.split("reference"))
    reference_score = js_sum(oracle_score(held_out[i][0], r) for i, r in enumerate(reference_samples)) / len(held_out)

    def evaluate(model, index):
        # lmTier.ts winRate: a policy sample per held-out prompt against the reference's, by the oracle's probability
        samples = lm_generate(model, held_out, eval_rng.split(index))
        return js_sum(sigmoid1((oracle_score(p, samples[i]) - oracle_score(p, reference_samples[i])) / LM_ORACLE_TEMPERATURE) for i, (p, _) in enumerate(held_out)) / len(held_out)

    runs = {method: lm_train_method(method, reference, stream, evaluate) for method in ("dpo", "adpo", "adpo-no-pl")}
    return runs, reference_score, tied


# experiment.ts runLanguageModelTier + the LM claim (claims.ts adpoLmQueriesClaim); float32 PyTorch on the CPU
def lm_tier(values):
    started = time.time()
    print(f"\nLanguage model: {LM_REPLICATES} replicates, SFT {LM_SFT_STEPS} steps, a stream of {LM_STREAM_PAIRS} pairs, {LM_HELD_OUT} held-out words, β {LM_BETA}, Adam {LM_LEARNING_RATE}, γ {LM_GAMMA}")
    root = RngStream.from_seed(SEED).split("lm")
    results = []
    for r in range(LM_REPLICATES):
        runs, reference_score, tied = lm_replicate(root.split(r))
        results.append((runs, reference_score, tied))
        print(f"  replicate {r + 1}: reference score {reference_score:.3f}, tied pairs {tied}, final win-rates " + ", ".join(f"{m} {final_win(run):.3f}" for m, run in runs.items()))
    by = {m: [res[0][m] for res in results] for m in ("dpo", "adpo", "adpo-no-pl")}
    claim = like_for_like(LM_STREAM_PAIRS, by["dpo"], by["adpo"], by["adpo-no-pl"])
    print(f"  [paper] adpo-lm-fewer-queries: ADPO (γ = {LM_GAMMA}) reaches {TARGET_SHARE * 100:.0f}% of DPO's final win-rate with {claim['ratio']:.4f} × DPO's own queries "
          f"(≤ {QUERY_RATIO_MAX}?), final gap {claim['gap']:+.4f} [{claim['gapLow']:+.4f}, {claim['gapHigh']:+.4f}] → {'passed' if claim['passed'] else 'failed'}  ({time.time() - started:.0f} s)")
    values.update({
        "adpo-lm-fewer-queries": claim["ratio"],
        "lmDpoFinalWinRate": js_mean(final_win(x) for x in by["dpo"]),
        "lmAdpoFinalWinRate": js_mean(final_win(x) for x in by["adpo"]),
        "lmReferenceScore": js_mean(res[1] for res in results),
    })


# maskedDiffusionTransformer.ts parameterShapes, checked without weights
def lm_dry_run(args):
    """The language-model tier is trained from scratch: its parameter shapes come from the constants."""
    import importlib.util
    shapes = lm_parameter_shapes()
    total = sum(int(np.prod(s)) for _, s in shapes)
    print(f"[dry run] language-model tier: causal transformer, vocab {TASK_VOCAB}, length {TASK_LENGTH}, width {LM_WIDTH}, {LM_HEADS} heads, {LM_LAYERS} layers, "
          f"{len(shapes)} parameters ({total} values), trained in the run (no weight file): " + ", ".join(f"{n} {s}" for n, s in shapes))
    if importlib.util.find_spec("torch") is not None:
        model = ReversalLm(lm_initial_parameters(RngStream.from_seed(SEED).split("lm").split(0).split("init")))
        check_shapes(shapes, {k: v.detach().numpy() for k, v in model.params.items()}, "language-model tier (PyTorch model built)")
        import torch
        logits = model.forward(torch.zeros((2, TASK_LENGTH), dtype=torch.int64))
        print(f"[dry run] language-model tier: a forward pass gives logits of shape {list(logits.shape)}")


# experiment.ts runAppoAdpo: the tiers in the page's order, then RESULTS_JSON
def main(args):
    if args.dry_run:
        lm_dry_run(args)
        return
    started = time.time()
    values = {}
    bandit_tier(values)
    adpo_tier(values)
    flag_rule_check(values)
    if LM_TIER and not args.only_numpy:
        lm_tier(values)
    elif LM_TIER:
        print("\n(the language-model tier is skipped: --only-numpy)")
    print(f"\nDone in {time.time() - started:.1f} s")
    emit_results(values)


if __name__ == "__main__":
    main(parse_cli())
