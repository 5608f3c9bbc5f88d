# SPIN (self-play fine-tuning, Chen et al. 2024) in two tiers, as the page runs them:
#  - the tabular tier (NumPy, float64 as the page's TypeScript): K prompts x V responses,
#    p_theta(y|x) = softmax(theta[x]); each SPIN iteration freezes the model as the opponent, draws one
#    synthetic response per SFT pair from it and trains on the logistic SPIN loss with full-batch Adam,
#    next to "SFT continued" for the same steps. The claims are read off 8 independent replicates.
#  - the language-model tier (PyTorch): a tiny causal transformer learns to reverse words; SFT, then
#    SPIN iterations next to SFT continued, over LM_REPLICATES replicates. --only-numpy skips it.

import importlib.util  # the dry run asks whether torch is installed without importing it

# ---- the method's fixed settings (claims.ts; the page does not expose them) --------------------
CLAIM_ITERATIONS = 2  # iterations at which the tabular paper claims are read (beta = 2)
REPLICATE_ITERATIONS = 3  # iterations each beta = 2 replicate runs (the claims' two and one more)
MLE_TEMPER = 1  # the maximum-likelihood SFT start of the limit rows
START_TEMPERS = [0.5, 0.75]  # starts between the tempered one and the MLE (start-dependence row)
LL_GAIN_MIN = 0.2  # nats of held-out log-likelihood SPIN must gain over the SFT model
DISCRIMINABILITY_DROP_MIN = 0.08  # fall of 0.5 + TV/2 after two iterations
KL_RATIO_MAX = 0.25  # KL after one beta = 1 iteration, relative to the SFT model's
TIE_MARGIN = 0.05  # "ties" and "gains nothing", in nats
LOG2_TOL = 1e-4  # |loss - log 2| at theta = theta_opp
TASK_LETTERS = "abcdefgh"  # reversalTask.ts: the word-reversal task's alphabet
MIN_WORD, MAX_WORD = 3, 5  # word lengths of the task
PAD, EQUALS, STOP = 0, len(TASK_LETTERS) + 1, len(TASK_LETTERS) + 2  # special tokens
TASK_VOCAB = len(TASK_LETTERS) + 3  # letters and the three specials
TASK_LENGTH = 2 * MAX_WORD + 2  # prompt + "=" + response + "." at the longest


# ---- small exact helpers ----------------------------------------------------------------------


def libm_exp(a):
    # exp element by element through the C library (Python's math.exp), not NumPy's vectorised exp:
    # the page's Math.exp (Chromium on Linux) returns the C library's values, NumPy's SIMD exp differs
    # in the last bit for a few percent of inputs, and SFT continued needs the same bits (see adam)
    a = np.asarray(a, dtype=np.float64)
    return np.fromiter(map(math.exp, a.ravel().tolist()), np.float64, a.size).reshape(a.shape)


def libm_log(a):
    # log element by element through the C library, for the same reason as libm_exp
    a = np.asarray(a, dtype=np.float64)
    return np.fromiter(map(math.log, a.ravel().tolist()), np.float64, a.size).reshape(a.shape)


def js_number(x):
    # String(x) of a JavaScript number for the labels ("β = 0.1", "β = 2")
    x = float(x)
    return str(int(x)) if x.is_integer() else repr(x)


# ---- the tabular tier (tabular.ts) ------------------------------------------------------------

def softmax_rows(logits):
    # tabular.ts softmaxRow, row by row: exp(z - max) over a left-to-right sum
    z = np.asarray(logits, dtype=np.float64)
    e = libm_exp(z - z.max(axis=-1, keepdims=True))
    return e / np.cumsum(e, axis=-1)[..., -1:]


def mean_kl(data, model):
    # tabular.ts meanKl: KL(p_data || p_theta) averaged over prompts (terms with p_data = 0 skipped)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(data > 0, data / model, 1.0)
        terms = np.where(data > 0, data * libm_log(ratio), 0.0)
    return js_sum(terms) / data.shape[0]


def discriminability(data, model):
    # tabular.ts discriminability: Bayes accuracy of telling real from generated, 0.5 + TV/2
    return 0.5 + js_sum(np.abs(data - model) / 2) / data.shape[0] / 2


def mean_log_likelihood(model, xs, ys):
    # tabular.ts meanLogLikelihood: mean log p_theta(y|x) over pairs (the logs of the table, gathered)
    return js_sum(libm_log(model)[xs, ys]) / len(xs)


def theoretical_next_iterate(p_data_row, p_t_row, beta):
    # tabular.ts theoreticalNextIterate: the SPIN loss's optimum p_t (p_data/p_t)^(1/beta), normalised
    log_q = libm_log(p_t_row)
    return softmax_rows(log_q + (libm_log(p_data_row) - log_q) / beta)


def categorical_rows(probs, u):
    # rng.ts categorical for many draws at once: row i subtracts probs[i, 0], probs[i, 1], ... from u[i]
    # and stops at the first negative (the same subtractions as the page; leftovers go to the last index)
    n, v = probs.shape
    rest = np.array(u, dtype=np.float64)
    out = np.full(n, v - 1, dtype=np.int64)
    open_ = np.ones(n, dtype=bool)
    for i in range(v):
        rest = rest - probs[:, i]
        hit = open_ & (rest < 0)
        out[hit] = i
        open_ &= ~hit
    return out


def make_tabular_problem(temper, rng):
    # tabular.ts makeTabularProblem: p_data, SFT pairs, held-out pairs and the tempered SFT model
    K, V = PROMPTS, RESPONSES
    data_rng = rng.split("p_data")
    p_data = softmax_rows((DATA_SHARPNESS * data_rng.normals(K * V)).reshape(K, V))

    def draw(n, r):
        # per pair: x = r.int(K), then y ~ p_data[x] (one uniform each, alternating)
        u = r.uniforms(2 * n)
        xs = np.floor(u[0::2] * K).astype(np.int64)
        return xs, categorical_rows(p_data[xs], u[1::2])

    train = draw(SAMPLES, rng.split("train"))
    held_out = draw(SAMPLES, rng.split("held-out"))
    counts = 0.5 + np.bincount(train[0] * V + train[1], minlength=K * V).reshape(K, V).astype(np.float64)
    sft = temper * libm_log(counts / counts.sum(axis=1, keepdims=True))  # the row sums are exact half-integers
    return {"p_data": p_data, "train": train, "held_out": held_out, "sft": sft}


def merge_pairs(x, real, generated, count=None):
    # tabular.ts mergePairs: identical (x, real, generated) merged with a count, in order of first
    # appearance (the page's Map order, which fixes the order of every later sum)
    V = RESPONSES
    key = (x * V + real) * V + generated
    uniq, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    order = np.argsort(first, kind="stable")
    weights = np.ones(len(key)) if count is None else count
    counts = np.bincount(inverse.ravel(), weights=weights, minlength=len(uniq))[order]
    keys = uniq[order]
    return {"x": keys // (V * V), "real": (keys // V) % V, "generated": keys % V, "count": counts}


def spin_loss(theta, opponent, pairs, beta):
    # tabular.ts spinLoss: the SPIN loss and the trainer's logged rewards for fixed opponent probabilities
    log_p = libm_log(softmax_rows(theta))
    log_opponent = libm_log(opponent)
    x, r, g, c = pairs["x"], pairs["real"], pairs["generated"], pairs["count"]
    n = js_sum(c)
    r_real = beta * (log_p[x, r] - log_opponent[x, r])
    r_gen = beta * (log_p[x, g] - log_opponent[x, g])
    margin = r_real - r_gen
    with np.errstate(over="ignore"):
        softplus = np.where(margin > 0, np.log1p(np.exp(-margin)), -margin + np.log1p(np.exp(margin)))
    return {
        "loss": js_sum(c * softplus) / n,
        "rewards_real": js_sum(c * r_real) / n,
        "rewards_generated": js_sum(c * r_gen) / n,
        "accuracy": js_sum(np.where(r_real > r_gen, c, 0.0)) / n,
    }


def adam(theta, gradient, learning_rate, steps):
    # tabular.ts adam: full-batch Adam on the table, minimising, elementwise as the page writes it.
    # Near an optimum Adam divides a gradient of rounding noise by its own root mean square and takes
    # a full-size step: SFT continued sits at its optimum (the empirical distribution) after the first
    # iteration, so from then on its trajectory follows the last bits of every exp and log. Hence the
    # C library's exp and log (libm_exp, libm_log) wherever SFT continued or the evaluation use them.
    t = theta.copy()
    m = np.zeros_like(t)
    v = np.zeros_like(t)
    b1, b2, eps = 0.9, 0.999, 1e-8
    for step in range(1, steps + 1):
        g = gradient(t)
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g ** 2
        t = t - (learning_rate * (m / (1 - b1 ** step))) / (np.sqrt(v / (1 - b2 ** step)) + eps)
    return t


def spin_gradient_fn(log_opponent, pairs, beta):
    # tabular.ts spinGradient: the gradient alone, as a closure over the fixed pairs. Each pair adds
    # -g to its real cell and +g to its generated one, in pair order: bincount over the interleaved
    # cells makes exactly those additions in that order.
    K, V = log_opponent.shape
    x, c = pairs["x"], pairs["count"]
    cell_real = x * V + pairs["real"]
    cell_gen = x * V + pairs["generated"]
    lo_real = log_opponent.ravel()[cell_real]
    lo_gen = log_opponent.ravel()[cell_gen]
    n = js_sum(c)
    cells = np.empty(2 * len(x), dtype=np.int64)
    cells[0::2], cells[1::2] = cell_real, cell_gen
    weights = np.empty(2 * len(x))

    def gradient(theta):
        log_p = libm_log(softmax_rows(theta)).ravel()
        margin = beta * (log_p[cell_real] - lo_real - (log_p[cell_gen] - lo_gen))
        with np.errstate(over="ignore"):
            # NumPy's exp on the ~1000 pair margins (libm_exp would double the run time): SPIN's
            # gradient is well conditioned, a last-bit difference here stays a last-bit difference
            g = (c * beta) / (1 + np.exp(margin)) / n
        weights[0::2], weights[1::2] = -g, g
        return np.bincount(cells, weights=weights, minlength=K * V).reshape(K, V)

    return gradient


def nll_gradient_fn(counts):
    # tabular.ts nllLoss(...).gradient: SFT continued, (row total * p - count) / N
    n = js_sum(counts)
    row_total = counts.sum(axis=1, keepdims=True)  # integer counts: exact in any order
    return lambda theta: (row_total * softmax_rows(theta) - counts) / n


def iteration_record(iteration, p_data, held_out, p, p_sft, end=None):
    # tabular.ts IterationRecord, as runTabularSpin fills it (iteration 0: the SFT model, no rewards)
    xs, ys = held_out
    return {
        "iteration": iteration,
        "kl": mean_kl(p_data, p),
        "held_out_ll": mean_log_likelihood(p, xs, ys),
        "discriminability": discriminability(p_data, p),
        "rewards_real": end["rewards_real"] if end else 0.0,
        "rewards_generated": end["rewards_generated"] if end else 0.0,
        "margin": end["rewards_real"] - end["rewards_generated"] if end else 0.0,
        "reward_accuracy": end["accuracy"] if end else 0.0,
        "sft_kl": mean_kl(p_data, p_sft),
        "sft_held_out_ll": mean_log_likelihood(p_sft, xs, ys),
    }


def run_tabular_spin(problem, beta, iterations, rng):
    # tabular.ts runTabularSpin: SPIN iterations from the SFT model next to SFT continued; rng is the
    # 'spin' stream, split per iteration into 'generate-t' for the opponent's synthetic responses.
    # SFT continued depends on neither beta nor the draws: each problem computes its iterates once
    # (problem["sft_continued"][t]) for every beta run on it, the same numbers as recomputing them.
    p_data, held_out = problem["p_data"], problem["held_out"]
    train_x, train_y = problem["train"]
    theta = problem["sft"]
    sft_iterates = problem.setdefault("sft_continued", [problem["sft"]])
    initial = softmax_rows(theta)
    records = [iteration_record(0, p_data, held_out, initial, initial)]
    tables = [initial]
    counts = np.bincount(train_x * RESPONSES + train_y, minlength=PROMPTS * RESPONSES).reshape(PROMPTS, RESPONSES).astype(np.float64)
    previous = None
    for t in range(1, iterations + 1):
        opponent = softmax_rows(theta)
        gen = rng.split(f"generate-{t}")
        current = (train_x, train_y, categorical_rows(opponent[train_x], gen.uniforms(len(train_x))))
        if MIX_PREVIOUS and previous is not None:
            pairs = merge_pairs(*(np.concatenate([a, b]) for a, b in zip(current, previous)))
        else:
            pairs = merge_pairs(*current)
        theta = adam(theta, spin_gradient_fn(libm_log(opponent), pairs, beta), LEARNING_RATE, ADAM_STEPS)
        if len(sft_iterates) <= t:
            sft_iterates.append(adam(sft_iterates[t - 1], nll_gradient_fn(counts), LEARNING_RATE, ADAM_STEPS))
        sft_theta = sft_iterates[t]
        end = spin_loss(theta, opponent, merge_pairs(*current), beta)
        p = softmax_rows(theta)
        records.append(iteration_record(t, p_data, held_out, p, softmax_rows(sft_theta), end))
        tables.append(p)
        previous = current
    return records, tables


def run_tabular_replicate(rng):
    # experiment.ts runTabularReplicate: a fresh problem (every problem of a replicate is drawn from
    # the same 'problem' stream, so they share p_data and the pairs and differ only in the SFT model)
    spin = lambda problem, beta, iterations: run_tabular_spin(problem, beta, iterations, rng.split("spin"))[0]
    problem = make_tabular_problem(TEMPER, rng.split("problem"))
    mle_problem = make_tabular_problem(MLE_TEMPER, rng.split("problem"))
    start_sweep = [spin(make_tabular_problem(temper, rng.split("problem")), 2, CLAIM_ITERATIONS) for temper in START_TEMPERS]
    return {
        "beta2": spin(problem, 2, REPLICATE_ITERATIONS),
        "beta1": spin(problem, 1, 1),
        "mle_start": spin(mle_problem, 2, CLAIM_ITERATIONS),
        "start_sweep": start_sweep,
    }


def run_tabular_tier(rng):
    # experiment.ts runTabularTier: the shown problem at every beta of the sweep (one 'spin' stream, so
    # every beta sees the same synthetic draws at a given opponent), the log-2 check, the replicates
    problem = make_tabular_problem(TEMPER, rng.split("problem"))
    betas = sorted(set(list(SWEEP_BETAS) + [BETA]))
    iterations = max(ITERATIONS, 2)  # the claims need two iterations at beta = 2 whatever the shown count
    runs = {}
    for beta in betas:
        runs[beta] = run_tabular_spin(problem, beta, iterations, rng.split("spin"))
    beta01 = runs[0.1][0] if 0.1 in runs else run_tabular_spin(problem, 0.1, 1, rng.split("spin"))[0]
    sft = softmax_rows(problem["sft"])
    draw = rng.split("log2-check")
    train_x, train_y = problem["train"]
    self_pairs = merge_pairs(train_x, train_y, categorical_rows(sft[train_x], draw.uniforms(len(train_x))))
    loss_at_opponent = spin_loss(problem["sft"], sft, self_pairs, BETA)["loss"]
    replicate_rng = rng.split("replicates")
    replicates = []
    for r in range(TABULAR_REPLICATES):
        replicates.append(run_tabular_replicate(replicate_rng.split(r)))
    claims, details = tabular_claims(replicates, beta01, loss_at_opponent)
    return problem, betas, runs, claims, details


# ---- the claims' statistics (stats.ts, studentT.ts, claimSpread.ts) ----------------------------


def tabular_claims(replicates, beta01, loss_at_opponent):
    # claims.ts tabularClaims and startDependenceClaim: each claim's value, verdict and (where the page
    # has one) interval; then what the statements quote besides (the TOST interval, the start rows)
    at = CLAIM_ITERATIONS
    gain_over_sft = lambda records, i: records[i]["held_out_ll"] - records[0]["held_out_ll"]
    versus_sft = lambda records, i: records[i]["held_out_ll"] - records[i]["sft_held_out_ll"]
    gain = mean_interval([gain_over_sft(r["beta2"], at) for r in replicates])
    drop = mean_interval([r["beta2"][0]["discriminability"] - r["beta2"][at]["discriminability"] for r in replicates])
    ratio = mean_interval([r["beta1"][1]["kl"] / r["beta1"][0]["kl"] for r in replicates])
    versus_values = [versus_sft(r["beta2"], at) for r in replicates]
    versus = mean_interval(versus_values)
    tie = mean_interval(versus_values, 0.9)  # TOST at 5%: the 90% interval inside +-TIE_MARGIN
    mle_gain = mean_interval([gain_over_sft(r["mle_start"], at) for r in replicates])
    starts = [(TEMPER, [r["beta2"] for r in replicates])]
    starts += [(temper, [r["start_sweep"][i] for r in replicates]) for i, temper in enumerate(START_TEMPERS)]
    starts += [(MLE_TEMPER, [r["mle_start"] for r in replicates])]
    starts.sort(key=lambda s: s[0])  # stable, as the page's sort
    start_gains = [mean_interval([gain_over_sft(rec, at) for rec in records]) for _, records in starts]
    shrinking = all(i == 0 or start_gains[i]["estimate"] <= start_gains[i - 1]["estimate"] for i in range(len(start_gains)))
    rise = beta01[1]["kl"] - beta01[0]["kl"]
    log2_gap = abs(loss_at_opponent - math.log(2))
    claim = lambda value, passed, spread=None: {"value": value, "passed": bool(passed), "spread": spread}
    return {
        "tabular-ll-gain": claim(gain["estimate"], gain["low"] > LL_GAIN_MIN, gain),
        "tabular-discriminability-drop": claim(drop["estimate"], drop["low"] > DISCRIMINABILITY_DROP_MIN, drop),
        "tabular-kl-beta1": claim(ratio["estimate"], ratio["high"] < KL_RATIO_MAX, ratio),
        "tabular-spin-beats-sft-continued": claim(versus["estimate"], versus["low"] > 0, versus),
        "tabular-sft-continued-ties": claim(versus["estimate"], tie["low"] > -TIE_MARGIN and tie["high"] < TIE_MARGIN),
        "tabular-mle-start-no-gain": claim(mle_gain["estimate"], mle_gain["high"] < TIE_MARGIN),
        "tabular-gain-needs-weak-start": claim(start_gains[0]["estimate"] - start_gains[-1]["estimate"], shrinking and start_gains[-1]["high"] < TIE_MARGIN),
        "tabular-overshoot-beta01": claim(rise, rise > 0),
        "tabular-loss-log2": claim(log2_gap, log2_gap < LOG2_TOL),
    }, {"tie": tie, "start_rows": [(temper, g) for (temper, _), g in zip(starts, start_gains)]}


# ---- the language-model tier's data (reversalTask.ts): NumPy, exact -----------------------------

def draw_task_pairs(count, rng, exclude=frozenset()):
    # reversalTask.ts drawTaskPairs: `count` distinct words of 3-5 letters, none in `exclude`
    seen = set()
    pairs = []
    while len(pairs) < count:
        length = MIN_WORD + rng.int(MAX_WORD - MIN_WORD + 1)
        word = "".join(TASK_LETTERS[rng.int(len(TASK_LETTERS))] for _ in range(length))
        if word in seen or word in exclude:
            continue
        seen.add(word)
        pairs.append((word, word[::-1]))
    return pairs


def encode_task(text):
    # reversalTask.ts encodeTask: letters 1..8, "=" and "."
    return [EQUALS if ch == "=" else STOP if ch == "." else TASK_LETTERS.index(ch) + 1 for ch in text]


def decode_task(tokens):
    # reversalTask.ts decodeTask
    return "".join("" if t == PAD else "=" if t == EQUALS else "." if t == STOP else (TASK_LETTERS[t - 1] if 1 <= t <= len(TASK_LETTERS) else "?") for t in tokens)


def encode_batch(pairs):
    # reversalTask.ts encodeBatch: next-token rows; the mask counts the response tokens and the final "."
    L = TASK_LENGTH
    inputs = np.zeros((len(pairs), L), dtype=np.int64)
    targets = np.zeros((len(pairs), L), dtype=np.int64)
    mask = np.zeros((len(pairs), L), dtype=np.float32)
    for b, (prompt, response) in enumerate(pairs):
        tokens = encode_task(f"{prompt}={response}.")[: L + 1]
        for t in range(L):
            inputs[b, t] = tokens[t] if t < len(tokens) else PAD
            targets[b, t] = tokens[t + 1] if t + 1 < len(tokens) else PAD
            mask[b, t] = 1.0 if t >= len(prompt) and t + 1 < len(tokens) else 0.0
    return inputs, targets, mask


def word_code(word):
    # a word as a number (letters a..h as base-9 digits 1..8): how the agreement test compares the page's words
    code = 0
    for ch in word:
        code = code * 9 + TASK_LETTERS.index(ch) + 1
    return code


# ---- the language-model tier's model (models/maskedDiffusionTransformer.ts, reversalLm.ts) ------

def lm_config():
    # reversalLm.ts reversalLmConfig: causal, four heads, FFN twice the width, no time input
    return {"vocab": TASK_VOCAB, "length": TASK_LENGTH, "width": LM_WIDTH, "heads": 4, "layers": LM_LAYERS, "ffn": 2 * LM_WIDTH}


def lm_parameter_shapes(c):
    # maskedDiffusionTransformer.ts parameterShapes (timeInput false): names and shapes in weight-file order
    shapes = [("tokenEmbedding", [c["vocab"], c["width"]]), ("positionEmbedding", [c["length"], c["width"]])]
    for l in range(c["layers"]):
        w, f = c["width"], c["ffn"]
        shapes += [
            (f"l{l}.ln1.gamma", [w]), (f"l{l}.ln1.beta", [w]), (f"l{l}.wqkv", [w, 3 * w]), (f"l{l}.wo", [w, w]),
            (f"l{l}.ln2.gamma", [w]), (f"l{l}.ln2.beta", [w]), (f"l{l}.w1", [w, f]), (f"l{l}.b1", [f]), (f"l{l}.w2", [f, w]), (f"l{l}.b2", [w]),
        ]
    shapes += [("lnf.gamma", [c["width"]]), ("lnf.beta", [c["width"]]), ("wout", [c["width"], c["vocab"]]), ("bout", [c["vocab"]])]
    return shapes


def lm_initial_parameters(c, rng):
    # maskedDiffusionTransformer.ts initialParameters: matrices N(0, 1/fan_in) (embeddings N(0, 1)),
    # residual outputs wo and w2 scaled by 1/sqrt(2 layers), LN gamma 1, biases 0; float32 like the page.
    # Only the matrices draw, in parameter order, from one stream (a spare normal carries over).
    out = {}
    for name, shape in lm_parameter_shapes(c):
        size = int(np.prod(shape))
        if name.endswith("gamma"):
            values = np.ones(size, dtype=np.float32)
        elif len(shape) == 2:
            fan_in = 1 if name.endswith("Embedding") else shape[0]
            scale = 1 / math.sqrt(fan_in * 2 * c["layers"]) if name.endswith(".wo") or name.endswith(".w2") else 1 / math.sqrt(fan_in)
            values = (scale * rng.normals(size)).astype(np.float32)
        else:
            values = np.zeros(size, dtype=np.float32)
        out[name] = values.reshape(shape)
    return out


def torch_transformer(torch, c, values):
    # maskedDiffusionTransformer.ts MaskedDiffusionTransformer with causal attention: parameters as
    # leaf tensors (the page's tf.variables), forward as the page writes it
    params = {name: torch.tensor(np.array(values[name]), dtype=torch.float32, requires_grad=True) for name, _ in lm_parameter_shapes(c)}
    L, w, H = c["length"], c["width"], c["heads"]
    dh = w // H
    # [L, L]: 0 on and below the diagonal, -1e9 above (no attention to later positions)
    causal = torch.triu(torch.full((L, L), -1e9), diagonal=1)

    def layer_norm(x, gamma, beta):
        mean = x.mean(dim=-1, keepdim=True)
        variance = ((x - mean) ** 2).mean(dim=-1, keepdim=True)  # tf.moments: the biased variance
        return (x - mean) / torch.sqrt(variance + 1e-5) * gamma + beta

    def gelu(x):  # the tanh approximation
        return x * 0.5 * (1 + torch.tanh((x + x * x * x * 0.044715) * math.sqrt(2 / math.pi)))

    def forward(tokens):
        # tokens [B, L'] int64 -> logits [B, L', V]
        B, Lx = tokens.shape
        h = params["tokenEmbedding"][tokens] + params["positionEmbedding"][:Lx]
        for l in range(c["layers"]):
            x = layer_norm(h, params[f"l{l}.ln1.gamma"], params[f"l{l}.ln1.beta"])
            flat = x.reshape(B * Lx, w)
            wqkv = params[f"l{l}.wqkv"]
            heads = lambda part: (flat @ wqkv[:, part * w:(part + 1) * w]).reshape(B, Lx, H, dh).permute(0, 2, 1, 3).reshape(B * H, Lx, dh)
            q, k, v = heads(0), heads(1), heads(2)
            scores = q @ k.transpose(1, 2) / math.sqrt(dh) + causal[:Lx, :Lx]
            mixed = (torch.softmax(scores, dim=-1) @ v).reshape(B, H, Lx, dh)
            attended = mixed.permute(0, 2, 1, 3).reshape(B * Lx, w)
            h = h + (attended @ params[f"l{l}.wo"]).reshape(B, Lx, w)
            y = layer_norm(h, params[f"l{l}.ln2.gamma"], params[f"l{l}.ln2.beta"]).reshape(B * Lx, w)
            ff = gelu(y @ params[f"l{l}.w1"] + params[f"l{l}.b1"]) @ params[f"l{l}.w2"] + params[f"l{l}.b2"]
            h = h + ff.reshape(B, Lx, w)
        h = layer_norm(h, params["lnf.gamma"], params["lnf.beta"])
        return (h.reshape(B * Lx, w) @ params["wout"] + params["bout"]).reshape(B, Lx, c["vocab"])

    return params, forward


def lm_dry_run():
    # --dry-run: the language model is trained from scratch (no weight file), so its parameter shapes
    # come from the constants; with torch installed, the model is also built and run on one batch
    c = lm_config()
    shapes = lm_parameter_shapes(c)
    initial = lm_initial_parameters(c, RngStream.from_seed(SEED).split("lm").split("init"))
    for name, shape in shapes:
        if list(initial[name].shape) != list(shape):
            raise SystemExit(f"language model: {name} initialised with shape {list(initial[name].shape)}, expected {shape}")
    count = sum(int(np.prod(shape)) for _, shape in shapes)
    detail = "torch not installed, shapes from the constants"
    if importlib.util.find_spec("torch") is not None:
        import torch

        params, forward = torch_transformer(torch, c, initial)
        for name, shape in shapes:
            if list(params[name].shape) != list(shape):
                raise SystemExit(f"language model: torch parameter {name} has shape {list(params[name].shape)}, expected {shape}")
        inputs, _, _ = encode_batch([("abc", "cba"), ("abcde", "edcba")])
        with torch.no_grad():
            logits = forward(torch.tensor(inputs))
        if list(logits.shape) != [2, c["length"], c["vocab"]]:
            raise SystemExit(f"language model: logits of shape {list(logits.shape)}, expected [2, {c['length']}, {c['vocab']}]")
        detail = f"torch {torch.__version__}: model built, forward gives logits [B, {c['length']}, {c['vocab']}]"
    print(f"[dry run] language model (width {c['width']}, {c['layers']} layers, {c['heads']} heads): {len(shapes)} parameters, {count} values; {detail}")


# ---- the language-model tier's training (lmTier.ts, causalLm.ts, preferenceLoss.ts): PyTorch ----

def run_lm_tier(torch, rng):
    # lmTier.ts runLmTier: SFT, then SPIN iterations next to SFT continued, evaluated each iteration.
    # Streams: 'sft-data', 'held-out', 'init', 'batches' (every minibatch draw, SFT, SPIN and SFT
    # continued interleaved as on the page), 'evaluate' (split by iteration), 'generate-t'.
    c = lm_config()
    sft_data = draw_task_pairs(LM_SFT_PAIRS, rng.split("sft-data"))
    held_out = draw_task_pairs(LM_HELD_OUT, rng.split("held-out"), frozenset(p for p, _ in sft_data))
    policy, policy_forward = torch_transformer(torch, c, lm_initial_parameters(c, rng.split("init")))
    batches = rng.split("batches")
    # tf.train.adam: beta1 0.9, beta2 0.999, epsilon 1e-7 (the float32 backends' epsilon), bias-corrected like torch's
    adam_for = lambda params, rate: torch.optim.Adam(list(params.values()), lr=rate, betas=(0.9, 0.999), eps=1e-7)
    pick = lambda items, count: [items[int(math.floor(u * len(items)))] for u in batches.uniforms(count)]

    def row_log_probs(forward, rows):
        # causalLm.ts rowLogProbs through sequenceLogProbTfjs: sum over counted positions of log p(target | prefix)
        inputs, targets, mask = (torch.tensor(a) for a in rows)
        log_probs = torch.log_softmax(forward(inputs), dim=-1)
        picked = log_probs.gather(-1, targets.unsqueeze(-1)).squeeze(-1)
        return (picked * mask).sum(dim=1)

    def nll_step(forward, optimizer, pairs):
        # reversalLm.ts nllStep: one Adam step on the mean negative log-likelihood of the responses
        optimizer.zero_grad()
        loss = -row_log_probs(forward, encode_batch(pairs)).mean()
        loss.backward()
        optimizer.step()

    def generate(forward, prompts, temperature, stream):
        # causalLm.ts generate with reversalLm.ts promptRows: Gumbel-max over counter-based noise (the
        # page's stream, so the same logits give the same tokens), PAD and "=" never generated
        B, L, V = len(prompts), c["length"], c["vocab"]
        tokens = np.full((B, L), PAD, dtype=np.int64)
        for b, prompt in enumerate(prompts):
            row = encode_task(prompt + "=")
            tokens[b, : len(row)] = row
        position = [len(p) for p in prompts]
        out = [[] for _ in prompts]
        done = [False] * B
        key = stream.split("generate").key
        inv_t = float(np.float32(1 / temperature))  # Math.fround(1 / temperature)
        cells = np.arange(B * V).reshape(B, V)
        step = 0
        while step < MAX_WORD + 1 and not all(done):
            with torch.no_grad():
                logits = forward(torch.tensor(tokens)).numpy().astype(np.float64)
            rows = logits[np.arange(B), position]
            z = rows * inv_t + gumbel_from_hash_array(derive_key(key, step), cells)
            z[:, [PAD, EQUALS]] = -np.inf
            chosen = np.argmax(z, axis=1)  # the first of equal maxima, as the page's strict >
            for b in range(B):
                if done[b]:
                    continue
                nxt = int(chosen[b])
                if nxt == STOP or position[b] + 1 >= L - 1:
                    done[b] = True
                    if nxt != STOP:
                        out[b].append(nxt)
                    continue
                position[b] += 1
                tokens[b, position[b]] = nxt
                out[b].append(nxt)
            step += 1
        return [decode_task(ids) for ids in out]

    def evaluate(forward, stream):
        # lmTier.ts evaluate: exact match of near-greedy decoding (temperature 0.05) and mean log-likelihood
        answers = generate(forward, [p for p, _ in held_out], 0.05, stream)
        exact = sum(a == r for a, (_, r) in zip(answers, held_out)) / len(held_out)
        with torch.no_grad():
            ll = float(row_log_probs(forward, encode_batch(held_out)).mean())
        return exact, ll, answers

    sft_optimizer = adam_for(policy, LM_LEARNING_RATE)
    for _ in range(LM_SFT_STEPS):
        nll_step(policy_forward, sft_optimizer, pick(sft_data, LM_BATCH))
    continued, continued_forward = torch_transformer(torch, c, {k: v.detach().numpy().copy() for k, v in policy.items()})
    continued_optimizer = adam_for(continued, LM_LEARNING_RATE)
    spin_optimizer = adam_for(policy, LM_SPIN_LEARNING_RATE)
    eval_rng = rng.split("evaluate")
    exact0, ll0, _ = evaluate(policy_forward, eval_rng.split(0))
    records = [{"iteration": 0, "spin_exact": exact0, "spin_ll": ll0, "sft_exact": exact0, "sft_ll": ll0, "rewards_real": 0.0, "rewards_generated": 0.0, "margin": 0.0, "reward_accuracy": 0.0, "generated_correct": 0.0, "first_step_loss": math.log(2)}]
    samples = []
    previous = []
    for t in range(1, ITERATIONS + 1):
        # the opponent is the policy as it stands: it answers every SFT prompt and scores every pair first
        generated = generate(policy_forward, [p for p, _ in sft_data], 1, rng.split(f"generate-{t}"))
        current = [((p, r), (p, g)) for (p, r), g in zip(sft_data, generated)]
        pairs = current + previous if MIX_PREVIOUS else current
        with torch.no_grad():
            ref_real = row_log_probs(policy_forward, encode_batch([real for real, _ in pairs])).numpy()
            ref_gen = row_log_probs(policy_forward, encode_batch([gen for _, gen in pairs])).numpy()
        indices = list(range(len(pairs)))
        last = (0.0, 0.0, 0.0)
        first_step_loss = math.nan
        for step in range(LM_STEPS):
            chosen = pick(indices, LM_BATCH)
            spin_optimizer.zero_grad()
            policy_chosen = row_log_probs(policy_forward, encode_batch([pairs[i][0] for i in chosen]))
            policy_rejected = row_log_probs(policy_forward, encode_batch([pairs[i][1] for i in chosen]))
            reference_chosen = torch.tensor(ref_real[chosen])
            reference_rejected = torch.tensor(ref_gen[chosen])
            # preferenceLoss.ts, logistic: mean softplus(-beta h), h the log-ratio difference
            h = (policy_chosen - reference_chosen) - (policy_rejected - reference_rejected)
            loss = torch.nn.functional.softplus(h * -LM_BETA).mean()
            if step == 0:
                first_step_loss = float(loss)
            if step == LM_STEPS - 1:
                # preferenceLoss.ts preferenceRewards, before this last step changes the policy
                with torch.no_grad():
                    r_chosen = (policy_chosen - reference_chosen) * LM_BETA
                    r_rejected = (policy_rejected - reference_rejected) * LM_BETA
                    last = (float(r_chosen.mean()), float(r_rejected.mean()), float((r_chosen > r_rejected).float().mean()))
            loss.backward()
            spin_optimizer.step()
            nll_step(continued_forward, continued_optimizer, pick(sft_data, LM_BATCH))
        spin_exact, spin_ll, spin_answers = evaluate(policy_forward, eval_rng.split(t))
        sft_exact, sft_ll, sft_answers = evaluate(continued_forward, eval_rng.split(t))
        records.append({
            "iteration": t, "spin_exact": spin_exact, "spin_ll": spin_ll, "sft_exact": sft_exact, "sft_ll": sft_ll,
            "rewards_real": last[0], "rewards_generated": last[1], "margin": last[0] - last[1], "reward_accuracy": last[2],
            "generated_correct": sum(g == r for (_, r), (_, g) in current) / len(current), "first_step_loss": first_step_loss,
        })
        if t == ITERATIONS:
            samples = [(p, r, spin_answers[i], sft_answers[i]) for i, (p, r) in enumerate(held_out[:12])]
        previous = current
    return records, samples


def run_language_model_tier(root):
    # experiment.ts runLanguageModelTier on the op chain (the fused WGSL kernel is the page's WebGPU
    # path, equal to float precision): replicate 0 on the 'lm' stream, replicate r on 'lm' / 'replicate-r'
    import torch

    torch.manual_seed(0)  # nothing draws from torch's generator; fixed anyway
    lm_rng = root.split("lm")
    print(f"  training replicate 1 of {LM_REPLICATES} (SFT, then {ITERATIONS} SPIN iterations next to SFT continued) ...", flush=True)
    records, samples = run_lm_tier(torch, lm_rng)
    replicates = [records]
    for r in range(1, LM_REPLICATES):
        print(f"  training replicate {r + 1} of {LM_REPLICATES} ...", flush=True)
        replicates.append(run_lm_tier(torch, lm_rng.split(f"replicate-{r}"))[0])
    # claims.ts lmClaims
    advantage = mean_interval([rec[-1]["spin_exact"] - rec[-1]["sft_exact"] for rec in replicates])
    log2_gap = max(abs(r["first_step_loss"] - math.log(2)) for rec in replicates for r in rec[1:])
    return replicates, samples, advantage, log2_gap


# ---- the run ----------------------------------------------------------------------------------

def main(args):
    # experiment.ts computeSpin: the tabular tier, then (with PyTorch) the language-model tier
    if args.dry_run:
        lm_dry_run()
        return
    root = RngStream.from_seed(SEED)
    problem, betas, runs, claims, details = run_tabular_tier(root.split("tabular"))
    shown_records, shown_tables = runs[BETA]
    results = {}

    print(f"Tabular tier: K = {PROMPTS} prompts x V = {RESPONSES} responses, {SAMPLES} SFT pairs; SFT model theta = {TEMPER} log p-hat; "
          f"Adam (rate {LEARNING_RATE}, {ADAM_STEPS} full-batch steps) per iteration; float64.")
    print(f"\nbeta = {js_number(BETA)} (shown run): iteration, KL SPIN / SFT continued / closed form, held-out LL SPIN / SFT continued")
    for t in range(ITERATIONS + 1):
        r = shown_records[t]
        if t == 0:
            closed_form = r["kl"]
        else:
            p_data = problem["p_data"]
            closed_form = mean_kl(p_data, np.array([theoretical_next_iterate(p_data[x], shown_tables[t - 1][x], BETA) for x in range(PROMPTS)]))
        print(f"  {t}: {r['kl']:.4f} / {r['sft_kl']:.4f} / {closed_form:.4f}   {r['held_out_ll']:.4f} / {r['sft_held_out_ll']:.4f}")
        for field in ["kl", "sft_kl", "held_out_ll", "sft_held_out_ll", "discriminability", "rewards_real", "rewards_generated", "margin", "reward_accuracy"]:
            results[f"iter{t}_{field}"] = r[field]
        results[f"iter{t}_closed_form_kl"] = closed_form
        for beta in betas:
            results[f"sweep_kl_beta{js_number(beta)}_iter{t}"] = runs[beta][0][t]["kl"]
    print("  KL by beta after each iteration: " + "; ".join(f"beta {js_number(b)}: " + ", ".join(f"{rec['kl']:.3f}" for rec in runs[b][0][: ITERATIONS + 1]) for b in betas))
    last = shown_records[ITERATIONS]
    results.update({
        "tabularSftKl": shown_records[0]["kl"], "tabularSpinKl": last["kl"], "tabularSftContinuedKl": last["sft_kl"],
        "tabularSpinHeldOutLl": last["held_out_ll"], "tabularSftContinuedHeldOutLl": last["sft_held_out_ll"],
    })

    print(f"\nClaims ({TABULAR_REPLICATES} replicates, mean [95% interval]):")
    for claim_id, c in claims.items():
        s = c["spread"]
        interval = f" [{s['low']:.3f}, {s['high']:.3f}]" if s else ""
        print(f"  {claim_id}: {c['value']:.6g}{interval}  {'pass' if c['passed'] else 'FAIL'}")
        results[f"claim_{claim_id}"] = c["value"]
        results[f"passed_{claim_id}"] = 1 if c["passed"] else 0
        if s:
            results[f"claim_{claim_id}_low"] = s["low"]
            results[f"claim_{claim_id}_high"] = s["high"]
    tie = details["tie"]
    print(f"  (SPIN - SFT continued, TOST 90% interval [{tie['low']:.3f}, {tie['high']:.3f}] against +-{TIE_MARGIN}; "
          "start tempering -> gain: " + ", ".join(f"{js_number(t)}: {g['estimate']:.3f}" for t, g in details["start_rows"]) + ")")

    # the language-model tier's words are NumPy draws (exact): the page's sample table shows the first 12 held-out words
    lm_rng = root.split("lm")
    sft_words = draw_task_pairs(LM_SFT_PAIRS, lm_rng.split("sft-data"))
    held_out = draw_task_pairs(LM_HELD_OUT, lm_rng.split("held-out"), frozenset(p for p, _ in sft_words))
    for i, (prompt, _) in enumerate(held_out[:12]):
        results[f"lm_held_out_word{i}"] = word_code(prompt)
    print(f"\nLanguage-model tier: {LM_SFT_PAIRS} SFT words, {LM_HELD_OUT} held-out words (first: {', '.join(p for p, _ in held_out[:6])}, ...)")

    if LM_TIER and not args.only_numpy:
        replicates, samples, advantage, log2_gap = run_language_model_tier(root)
        for i, records in enumerate(replicates):
            print(f"  replicate {i}: exact match SFT {records[0]['spin_exact']:.3f} -> SPIN {records[-1]['spin_exact']:.3f} vs SFT continued {records[-1]['sft_exact']:.3f}")
        print(f"  lm-spin-beats-sft: SPIN - SFT continued {advantage['estimate']:.4f} [{advantage['low']:.4f}, {advantage['high']:.4f}]  {'pass' if advantage['low'] > 0 else 'FAIL'}")
        print(f"  lm-loss-log2: {log2_gap:.3g}  {'pass' if log2_gap < LOG2_TOL else 'FAIL'}")
        for prompt, correct, spin, sft in samples[:6]:
            print(f"    {prompt}= -> SPIN {spin or '(empty)'}, SFT continued {sft or '(empty)'} (correct {correct})")
        first = replicates[0]
        results.update({
            "lmSftExactMatch": first[0]["spin_exact"], "lmSpinExactMatch": first[-1]["spin_exact"], "lmSftContinuedExactMatch": first[-1]["sft_exact"],
            "lmSpinHeldOutLl": first[-1]["spin_ll"], "lmSftContinuedHeldOutLl": first[-1]["sft_ll"],
            "claim_lm-spin-beats-sft": advantage["estimate"], "claim_lm-loss-log2": log2_gap,
        })
    elif LM_TIER:
        print("  (training skipped: --only-numpy; it needs PyTorch)")
    emit_results(results)

if __name__ == "__main__":
    main(parse_cli())
