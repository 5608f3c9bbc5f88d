# SPIN-Diffusion (Yuan, Chen, Ji, Gu, NeurIPS 2024) on 2-D shapes: a DDPM whose ε-MLP is trained by
# SFT to a plateau, then by self-play (the real point wins against the frozen opponent's sample),
# against SFT continued for as many steps. A port of src/demos/spin-diffusion/*.ts.
#
# What runs where:
#   NumPy (always): the shapes, every data set drawn from the page's seeded streams, the diffusion
#     schedule, the data's own scores (the spread and modes the claims compare with), the freshly
#     initialised network's held-out loss (the first point of the page's SFT curve) and the
#     sampler's starting noise. These agree with the page to rounding.
#   PyTorch (skipped by --only-numpy): SFT, SPIN-Diffusion, SFT continued, sampling and every claim.
#     The page trains in float32 tfjs, so these numbers agree with the page only in distribution:
#     the same draws, the same network and optimiser, but float32 rounding in other kernels.

import importlib.util

# ---- the method's fixed settings (the TypeScript's constants, not page parameters) ---------------
PROMPTS = ["ring", "moons", "drawing"]  # shapes.ts PROMPTS: the prompt's one-hot is its index here
DIFFUSION_STEPS = 40  # experiment.ts DIFFUSION_STEPS: T
SCHEDULE_FIRST, SCHEDULE_LAST = 1e-3, 0.25  # diffusion.ts linearSchedule: β_t linear over t = 1 … T
TIME_FEATURES = 16  # diffusion.ts: sin/cos of t at 8 geometric frequencies
INPUT_WIDTH = 2 + TIME_FEATURES + len(PROMPTS)
MODES_PER_SHAPE = 8  # shapes.ts: the ring's 8 Gaussians; a curve cut into 8 equal-length pieces
CANVAS_HALF = 2.5  # shapes.ts: the drawing canvas spans [-2.5, 2.5]^2
PRECISION_SIGMAS = 3  # shapes.ts: precision counts points within 3σ of the skeleton
MODE_KEPT_SHARE = 0.25  # shapes.ts: a mode is kept holding a quarter of its data share
DRAWING_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"  # drawing.ts
PLATEAU_CHECKS, PLATEAU_GAIN = 3, 0.01  # replicate.ts: 3 held-out checks without a 1 % gain
SFT_RATE_DROPS = [1, 1 / 3, 1 / 9]  # replicate.ts: SFT's rate after each plateau
SPIN_RATE_SHARE = SFT_RATE_DROPS[-1]  # experiment.ts: SPIN trains at SFT's last rate
CONTINUED_RATE_SHARES = [SPIN_RATE_SHARE * 3, SPIN_RATE_SHARE, SPIN_RATE_SHARE / 3]  # experiment.ts
WARMUP_SHARE = 0.4  # training.ts: warm-up over the first 40 % of an iteration's steps
ADAM_BETAS, ADAM_EPSILON = (0.9, 0.999), 1e-7  # tf.train.adam's defaults (epsilon: the float32 backend's)
PATHS = 24  # experiment.ts: sampling paths kept for the trajectory view
PRECISION_MARGIN, SPREAD_RATIO_MIN, CLAIM_ITERATION, LOG2_TOL = 0.03, 0.5, 2, 1e-5  # claims.ts
BUDGETS = {  # budget.ts BUDGETS
    "full": dict(hidden=128, layers=3, batch=512, max_sft_steps=12000, check_every=250, steps_per_iteration=600, generated_per_prompt=2000, eval_per_prompt=2000, underfit_steps=400),
    "reduced": dict(hidden=64, layers=3, batch=256, max_sft_steps=8000, check_every=200, steps_per_iteration=300, generated_per_prompt=1000, eval_per_prompt=1000, underfit_steps=400),
    "quick": dict(hidden=32, layers=2, batch=128, max_sft_steps=600, check_every=100, steps_per_iteration=40, generated_per_prompt=200, eval_per_prompt=300, underfit_steps=100),
}


# ---- JavaScript's arithmetic where it matters --------------------------------------------------


# Math.round: halves go up (Python's round goes to even); experiment.ts rounds shown samples to 1e-3.
def js_round3(values):
    return np.floor(np.asarray(values, dtype=np.float64) * 1000 + 0.5) / 1000


# ---- the shapes (shapes.ts, drawing.ts) --------------------------------------------------------

# drawing.ts decodeDrawing: strokes of two-character grid points on a 64 x 64 grid over the canvas.
def decode_drawing(text):
    grid = len(DRAWING_ALPHABET)
    to_data = lambda i: -CANVAS_HALF + (2 * CANVAS_HALF * i) / (grid - 1)
    strokes = []
    for stroke in text.split("."):
        strokes.append([(to_data(DRAWING_ALPHABET.index(stroke[i])), to_data(DRAWING_ALPHABET.index(stroke[i + 1]))) for i in range(0, len(stroke) - 1, 2)])
    return strokes


# shapes.ts ringCentres: the research notes' 8 Gaussians at radius 2.
def ring_centres():
    return [(2 * math.cos((k * math.pi) / 4), 2 * math.sin((k * math.pi) / 4)) for k in range(8)]


# shapes.ts moonsStrokes: two interleaved half-circles of radius 1.5.
def moons_strokes():
    steps = 64
    upper, lower = [], []
    for i in range(steps + 1):
        a = (math.pi * i) / steps
        upper.append((1.5 * (math.cos(a) - 0.5), 1.5 * (math.sin(a) - 0.25)))
        lower.append((1.5 * (0.5 - math.cos(a)), 1.5 * (0.25 - math.sin(a))))
    return [upper, lower]


# shapes.ts resample: points every `spacing` (or closer) along the strokes, with their arc length.
def resample(strokes, spacing):
    points, arc, total = [], [], 0.0
    for stroke in strokes:
        for i in range(1, len(stroke)):
            a, b = stroke[i - 1], stroke[i]
            length = js_hypot((b[0] - a[0], b[1] - a[1]))
            pieces = max(1, math.ceil(length / spacing))
            for j in range(0 if i == 1 else 1, pieces + 1):
                f = j / pieces
                points.append((a[0] + f * (b[0] - a[0]), a[1] + f * (b[1] - a[1])))
                arc.append(total + f * length)
            total += length
    return points, arc, total


# shapes.ts shapeFrom: a mixture of equal-weight Gaussians over the skeleton, each point in a mode.
def shape_from(prompt, points, mode_of, sigma):
    share = [0.0] * MODES_PER_SHAPE
    for m in mode_of:  # summed one by one, as the TypeScript does (the shares are compared, not just used)
        share[m] += 1 / len(mode_of)
    return {"prompt": prompt, "sigma": sigma, "centres": np.array(points, dtype=np.float64).reshape(-1, 2), "mode_of": np.array(mode_of, dtype=np.int64), "mode_share": share}


# shapes.ts makeShape / curveShape: the ring, or a curve's skeleton every σ/2 cut into 8 equal-length modes.
def make_shape(prompt, sigma, drawing):
    if prompt == "ring":
        centres = ring_centres()
        return shape_from(prompt, centres, list(range(len(centres))), sigma)
    points, arc, total = resample(moons_strokes() if prompt == "moons" else drawing, sigma / 2)
    mode_of = [min(MODES_PER_SHAPE - 1, math.floor((s / total) * MODES_PER_SHAPE)) for s in arc]
    return shape_from(prompt, points, mode_of, sigma)


def make_shapes(sigma, drawing):
    return [make_shape(p, sigma, drawing) for p in PROMPTS]


# shapes.ts sampleShape: per point one uniform picks the skeleton point, then two Box-Muller normals
# (one pair: cos for x, the kept sine for y), stored as float32 as the page's Float32Array does.
def sample_shape(shape, count, rng):
    n = len(shape["mode_of"])
    saved = rng.counter
    if rng.spare_normal is None:
        u = rng.uniforms(3 * count).reshape(count, 3)
        if not np.any(u[:, 1] <= 0):
            c = np.floor(u[:, 0] * n).astype(np.int64)
            r = np.sqrt(-2.0 * np.log(u[:, 1]))
            out = np.empty((count, 2))
            out[:, 0] = shape["centres"][c, 0] + shape["sigma"] * (r * np.cos(2 * np.pi * u[:, 2]))
            out[:, 1] = shape["centres"][c, 1] + shape["sigma"] * (r * np.sin(2 * np.pi * u[:, 2]))
            return out.astype(np.float32)
        rng.counter = saved
    out = np.empty((count, 2))  # a zero uniform (p = 2^-53) is redrawn: replay the draws one by one
    for i in range(count):
        c = rng.int(n)
        out[i, 0] = shape["centres"][c, 0] + shape["sigma"] * rng.normal()
        out[i, 1] = shape["centres"][c, 1] + shape["sigma"] * rng.normal()
    return out.astype(np.float32)


# shapes.ts logDensity and nearest, for many points: squared distances to every skeleton point.
def _distances(shape, points):
    x = np.asarray(points, dtype=np.float64)
    dx = x[:, 0:1] - shape["centres"][None, :, 0]
    dy = x[:, 1:2] - shape["centres"][None, :, 1]
    return dx * dx + dy * dy


# shapes.ts logDensities: the exact mixture log-density (the demo's "reward"), by log-sum-exp.
def log_densities(shape, points, d=None):
    d = _distances(shape, points) if d is None else d
    sigma = shape["sigma"]
    exps = -d * (1 / (2 * sigma * sigma))
    best = exps.max(axis=1)
    total = np.cumsum(np.exp(exps - best[:, None]), axis=1)[:, -1]  # summed in the skeleton's order, as the page
    return best + np.log(total / d.shape[1]) - math.log(2 * math.pi * sigma * sigma)


# shapes.ts scoreSamples: mean log-density, precision (share within 3σ of the skeleton), modes kept, in-mode spread.
def score_samples(shape, points):
    count = len(points)
    d = _distances(shape, points)
    density = log_densities(shape, points, d)
    index = np.argmin(d, axis=1)  # the first nearest, as the page's strict <
    d2 = d[np.arange(count), index]
    inside = d2 <= (PRECISION_SIGMAS * shape["sigma"]) ** 2
    per_mode = np.bincount(shape["mode_of"][index[inside]], minlength=MODES_PER_SHAPE)
    kept = sum(1 for m in range(MODES_PER_SHAPE) if shape["mode_share"][m] > 0 and per_mode[m] / count >= MODE_KEPT_SHARE * shape["mode_share"][m])
    n_inside = int(inside.sum())
    return {
        "prompt": shape["prompt"],
        "logDensity": js_sum(density) / count,
        "precision": n_inside / count,
        "modesKept": kept,
        "inModeSpread": math.sqrt(js_sum(d2[inside]) / n_inside) if n_inside > 0 else 0.0,
        "_densities": density,
    }


# shapes.ts winRate: share of pairs where a's point has the higher true log-density, ties half.
def win_rate(a, b):
    return (float(np.sum(a > b)) + 0.5 * float(np.sum(a == b))) / len(a)


# ---- the diffusion (diffusion.ts) --------------------------------------------------------------

# diffusion.ts linearSchedule: β_t linear from 1e-3 to 0.25 over t = 1 … T (index t - 1), in float64.
def linear_schedule(steps, first=SCHEDULE_FIRST, last=SCHEDULE_LAST):
    beta = np.array([last if steps == 1 else first + ((last - first) * i) / (steps - 1) for i in range(steps)])
    alpha = 1 - beta
    alpha_bar = np.empty(steps)
    product = 1.0
    for i in range(steps):
        product *= alpha[i]
        alpha_bar[i] = product
    return {"steps": steps, "beta": beta, "alpha": alpha, "alpha_bar": alpha_bar}


_FREQUENCIES = np.array([math.exp((-math.log(1000) * k) / (TIME_FEATURES / 2)) for k in range(TIME_FEATURES // 2)])


# diffusion.ts writeInput, for many rows: the point, sin/cos of t at geometric frequencies, the prompt's one-hot (float32).
def input_rows(xy, ts, prompts):
    n = len(prompts)
    out = np.zeros((n, INPUT_WIDTH), dtype=np.float32)
    out[:, 0:2] = xy
    angle = np.asarray(ts, dtype=np.float64).reshape(-1, 1) * _FREQUENCIES[None, :]
    out[:, 2:2 + TIME_FEATURES:2] = np.sin(angle)
    out[:, 3:3 + TIME_FEATURES:2] = np.cos(angle)
    out[np.arange(n), 2 + TIME_FEATURES + np.asarray(prompts)] = 1
    return out


# diffusion.ts EpsilonMlp.init: He initialisation from rng.split(layer), the last layer x 0.1, zero biases.
def init_weights(hidden, layers, rng):
    widths = [INPUT_WIDTH] + [hidden] * layers + [2]
    weights = []
    for l in range(len(widths) - 1):
        fan_in, fan_out = widths[l], widths[l + 1]
        scale = math.sqrt(2 / fan_in) * (0.1 if l + 2 == len(widths) else 1)
        w = (scale * rng.split(l).normals(fan_in * fan_out)).astype(np.float32).reshape(fan_in, fan_out)
        weights += [w, np.zeros(fan_out, dtype=np.float32)]
    return weights


# The parameter shapes EpsilonMlp.init builds, named as this script names them.
def expected_shapes(hidden, layers):
    widths = [INPUT_WIDTH] + [hidden] * layers + [2]
    out = []
    for l in range(len(widths) - 1):
        out += [(f"w{l + 1}", [widths[l], widths[l + 1]]), (f"b{l + 1}", [widths[l + 1]])]
    return out


# EpsilonMlp.apply in NumPy (float64 on the float32 weights): only for the untrained network's held-out loss.
def mlp_numpy(weights, x):
    h = np.asarray(x, dtype=np.float64)
    for l in range(0, len(weights), 2):
        h = h @ weights[l].astype(np.float64) + weights[l + 1].astype(np.float64)
        if l + 2 < len(weights):
            h = np.maximum(h, 0)
    return h


# ---- batches (training.ts): every draw made on the CPU from the seeded streams ------------------

# training.ts drawIndices / drawTimes: rng.int per row (floor(uniform · n)).
def draw_indices(count, size, rng):
    return np.floor(rng.uniforms(count) * size).astype(np.int64)


def draw_times(count, steps, rng):
    return 1 + draw_indices(count, steps, rng)


# training.ts noise: x_t = √ᾱ_t·x₀ + √(1 − ᾱ_t)·ε per row at its own t; ε drawn here (two normals a
# row, in row order) or reused (Diffusion-DPO's shared ε, read back from the float32 batch).
def noise_rows(points, prompts, indices, ts, schedule, rng, reuse=None):
    ab = schedule["alpha_bar"][np.asarray(ts) - 1]
    a, s = np.sqrt(ab), np.sqrt(1 - ab)
    eps = rng.normals(2 * len(indices)).reshape(-1, 2) if reuse is None else reuse.astype(np.float64)
    x0 = points[indices].astype(np.float64)
    xt = a[:, None] * x0 + s[:, None] * eps
    return input_rows(xt, ts, prompts[indices]), eps.astype(np.float32)


# replicate.ts drawData: per prompt p, the shape's points from rng.split(p).
def draw_data(shapes, per_prompt, rng):
    points = np.concatenate([sample_shape(shape, per_prompt, rng.split(p)) for p, shape in enumerate(shapes)])
    prompts = np.repeat(np.arange(len(shapes)), per_prompt)
    return points, prompts


# training.ts heldOutLoss: a fixed (held-out point, t, ε) per row; drawTimes for all rows first, then the noise.
def held_out_set(held_out, schedule, rng):
    points, prompts = held_out
    rows = len(prompts)
    ts = draw_times(rows, schedule["steps"], rng)
    return noise_rows(points, prompts, np.arange(rows), ts, schedule, rng)


# training.ts iterationRate: linear warm-up to the peak over 40 % of the steps, then linear decay to zero.
def iteration_rate(peak, step, steps):
    warm = max(1, math.ceil(WARMUP_SHARE * steps))
    return (peak * (step + 1)) / warm if step < warm else (peak * (steps - step)) / max(1, steps - warm)


# ---- what a replicate sets up before any training (replicate.ts runReplicate's first lines) ------

def replicate_setup(rng, budget, shapes, schedule):
    b = BUDGETS[budget]
    data = draw_data(shapes, DATA_PER_PROMPT, rng.split("data"))
    held_out = draw_data(shapes, max(64, DATA_PER_PROMPT // 4), rng.split("held-out"))
    data_scores = [score_samples(shape, sample_shape(shape, b["eval_per_prompt"], rng.split("data-scores").split(p))) for p, shape in enumerate(shapes)]
    eval_prompts = np.repeat(np.arange(len(shapes)), b["eval_per_prompt"])
    weights = init_weights(b["hidden"], b["layers"], rng.split("init"))
    check = held_out_set(held_out, schedule, rng.split("sft").split("held-out-noise"))
    return {"data": data, "held_out": held_out, "data_scores": data_scores, "eval_prompts": eval_prompts, "eval_rng": rng.split("evaluate"), "weights": weights, "check": check}


# The NumPy part: per replicate, what the page computed before training (the data, its scores,
# the untrained network's held-out loss, the sampler's starting noise).
def numpy_part(budget):
    b = BUDGETS[budget]
    shapes = make_shapes(SIGMA, decode_drawing(DRAWING))
    schedule = linear_schedule(DIFFUSION_STEPS)
    root = RngStream.from_seed(SEED).split("replicates")
    rows = []
    for r in range(REPLICATES):
        s = replicate_setup(root.split(r), budget, shapes, schedule)
        inputs, target = s["check"]
        eps = mlp_numpy(s["weights"], inputs)
        initial_loss = float(np.mean(np.sum((eps - target.astype(np.float64)) ** 2, axis=1)))
        # diffusion.ts sample: x_T from the evaluation stream's 'start' split, shared by every model's samples
        start = s["eval_rng"].split("start").normals(2 * len(s["eval_prompts"])).astype(np.float32)
        rows.append({"setup": s, "initial_loss": initial_loss, "path_start": js_round3(start[:2 * PATHS])})
    return shapes, schedule, rows


# ---- the PyTorch part: training and sampling (diffusion.ts, training.ts, replicate.ts) -----------

def _torch():
    import torch

    return torch


def torch_device():
    torch = _torch()
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")


# EpsilonMlp: [W1, b1, …] as float32 leaves (W as [in, out], as tfjs stores them); ReLU between layers.
def torch_model(weights_np, device):
    torch = _torch()
    return [torch.tensor(np.asarray(w), dtype=torch.float32, device=device).requires_grad_(True) for w in weights_np]


def torch_clone(model):
    return [w.detach().clone().requires_grad_(True) for w in model]


# diffusion.ts EpsilonMlp.apply: tf.fused.matMul with bias and ReLU, linear at the last layer.
def torch_apply(model, x):
    h = x
    for l in range(0, len(model), 2):
        h = h @ model[l] + model[l + 1]
        if l + 2 < len(model):
            h = h.clamp_min(0)
    return h


# training.ts rowErrors: ‖ε̂ − ε‖² per row.
def torch_row_errors(model, inputs, target):
    return ((torch_apply(model, inputs) - target) ** 2).sum(1)


def _tensor(a, device):
    torch = _torch()
    return torch.from_numpy(np.ascontiguousarray(a)).to(device)


# tf.train.adam / training.ts ScheduledAdam: the same update (ε added to √v̂), a fresh one at each rate drop or iteration.
def torch_adam(model, learning_rate):
    torch = _torch()
    return torch.optim.Adam(model, lr=learning_rate, betas=ADAM_BETAS, eps=ADAM_EPSILON)


def set_rate(optimizer, learning_rate):
    for group in optimizer.param_groups:
        group["lr"] = learning_rate


# training.ts evaluateLoss: the mean squared ε-error on the fixed held-out set.
def torch_evaluate(model, check, device):
    torch = _torch()
    with torch.no_grad():
        return float(torch_row_errors(model, _tensor(check[0], device), _tensor(check[1], device)).mean())


# training.ts sftStep: the DDPM loss on a batch of real points (indices, then times, then the noise).
def torch_sft_step(model, optimizer, data, batch, schedule, rng, device):
    points, prompts = data
    indices = draw_indices(batch, len(prompts), rng)
    ts = draw_times(batch, schedule["steps"], rng)
    inputs, target = noise_rows(points, prompts, indices, ts, schedule, rng)
    optimizer.zero_grad()
    loss = torch_row_errors(model, _tensor(inputs, device), _tensor(target, device)).mean()
    loss.backward()
    optimizer.step()
    return loss


# diffusion.ts sample: ancestral DDPM sampling with the posterior variance; ε̂ in float32 by the network,
# the update in float64 stored as float32 as the page's Float32Array; z from rng.split(t).
def torch_sample(model, schedule, prompts, rng, device, keep_paths=0):
    torch = _torch()
    n = len(prompts)
    x = rng.split("start").normals(2 * n).astype(np.float32)
    paths = [x[:keep_paths * 2].copy()]
    for t in range(schedule["steps"], 0, -1):
        with torch.no_grad():
            inputs = input_rows(x.reshape(-1, 2).astype(np.float64), np.full(n, t), prompts)
            eps = torch_apply(model, _tensor(inputs, device)).cpu().numpy().reshape(-1)
        i = t - 1
        coefficient = schedule["beta"][i] / math.sqrt(1 - schedule["alpha_bar"][i])
        scale = 1 / math.sqrt(schedule["alpha"][i])
        noise = math.sqrt((schedule["beta"][i] * (1 - schedule["alpha_bar"][i - 1])) / (1 - schedule["alpha_bar"][i])) if t > 1 else 0.0
        step = scale * (x.astype(np.float64) - coefficient * eps.astype(np.float64))
        if noise > 0:
            step = step + noise * rng.split(t).normals(2 * n)
        x = step.astype(np.float32)
        if keep_paths > 0:
            paths.append(x[:keep_paths * 2].copy())
    return x.reshape(-1, 2), paths


# replicate.ts scoreModel: per-prompt scores, their means (modes kept: the sum) and the win-rate against SFT's samples.
def score_model(shapes, points, sft_densities, per_prompt):
    per = [score_samples(shape, points[p * per_prompt:(p + 1) * per_prompt]) for p, shape in enumerate(shapes)]
    densities = [s.pop("_densities") for s in per]
    mean = lambda key: js_sum([s[key] for s in per]) / len(shapes)
    wins = js_sum([win_rate(d, sft_densities[p]) for p, d in enumerate(densities)]) / len(shapes) if sft_densities is not None else 0.5
    scores = {"perPrompt": per, "logDensity": mean("logDensity"), "precision": mean("precision"), "modesKept": sum(s["modesKept"] for s in per), "inModeSpread": mean("inModeSpread"), "winRateVsSft": wins}
    return scores, densities


# replicate.ts trainSft: Adam at the base rate until 3 held-out checks pass without a 1 % gain, then a
# third, then a ninth (a fresh Adam each), to the last plateau or the step limit; the model at
# underfit_steps is kept for the limit row.
def torch_train_sft(model, data, check, b, schedule, rng, device):
    batches = rng.split("batches")
    curve = [{"step": 0, "loss": torch_evaluate(model, check, device), "learningRate": LEARNING_RATE}]
    limit = b["max_sft_steps"]
    step, plateaued, snapshot, drop = 0, False, None, 0
    while drop < len(SFT_RATE_DROPS) and step < limit and not plateaued:
        learning_rate = LEARNING_RATE * SFT_RATE_DROPS[drop]
        optimizer = torch_adam(model, learning_rate)
        best, since_gain = curve[-1]["loss"], 0
        while step < limit:
            torch_sft_step(model, optimizer, data, b["batch"], schedule, batches, device)
            step += 1
            if step == b["underfit_steps"]:
                snapshot = torch_clone(model)
            if step % b["check_every"] != 0 and step != limit:
                continue
            loss = torch_evaluate(model, check, device)
            curve.append({"step": step, "loss": loss, "learningRate": learning_rate})
            print(f"  SFT step {step} (rate {learning_rate:.2g}): held-out loss {loss:.4f}", flush=True)
            if loss < best * (1 - PLATEAU_GAIN):
                best, since_gain = loss, 0
            else:
                since_gain += 1
            if since_gain >= PLATEAU_CHECKS:
                plateaued = drop == len(SFT_RATE_DROPS) - 1
                break
        drop += 1
    return {"steps": step, "plateaued": plateaued, "curve": curve, "finalRate": curve[-1]["learningRate"]}, snapshot


# training.ts spinStep: batch pairs (a real point, an opponent sample of its prompt) at one shared t;
# loss softplus(−β·h), h = −(‖ε_θ(x_t)−ε‖² − ‖ε_old(x_t)−ε‖²) + (‖ε_θ(x'_t)−ε'‖² − ‖ε_old(x'_t)−ε'‖²).
def torch_spin_step(policy, opponent, optimizer, data, generated, by_prompt, batch, schedule, rng, report, device):
    torch = _torch()
    points, prompts = data
    real = draw_indices(batch, len(prompts), rng)
    pools, starts, sizes = by_prompt
    fake = pools[starts[prompts[real]] + np.floor(rng.uniforms(batch) * sizes[prompts[real]]).astype(np.int64)]  # one uniform per pair, in order
    ts = draw_times(batch, schedule["steps"], rng)
    real_inputs, real_noise = noise_rows(points, prompts, real, ts, schedule, rng)
    fake_inputs, fake_noise = noise_rows(generated[0], generated[1], fake, ts, schedule, rng, reuse=real_noise if PAIR_NOISE == "shared" else None)
    inputs = _tensor(np.concatenate([real_inputs, fake_inputs]), device)
    target = _tensor(np.concatenate([real_noise, fake_noise]), device)
    with torch.no_grad():  # the opponent's errors are constants of the step
        opp_real, opp_fake = torch_row_errors(opponent, inputs, target).split(batch)
    optimizer.zero_grad()
    pol_real, pol_fake = torch_row_errors(policy, inputs, target).split(batch)
    chosen, rejected = (-pol_real) - (-opp_real), (-pol_fake) - (-opp_fake)  # preferenceLoss.ts on −‖·‖²
    loss = torch.nn.functional.softplus((chosen - rejected) * -BETA).mean()
    loss.backward()
    optimizer.step()
    if not report:
        return None
    with torch.no_grad():
        r_chosen, r_rejected = chosen * BETA, rejected * BETA
        return {"loss": float(loss), "rewardsReal": float(r_chosen.mean()), "rewardsGenerated": float(r_rejected.mean()), "rewardAccuracy": float((r_chosen > r_rejected).float().mean())}


# replicate.ts runSpin: each iteration freezes the policy as the opponent, which samples the losers.
def torch_run_spin(sft_model, learning_rate, shared, spin_rng, device):
    shapes, schedule, b = shared["shapes"], shared["schedule"], shared["b"]
    policy = torch_clone(sft_model)
    scores, samples, steps = [], [], []
    for k in range(1, ITERATIONS_RUN + 1):
        opponent = [w.detach().clone() for w in policy]
        optimizer = torch_adam(policy, learning_rate)
        generated_prompts = np.repeat(np.arange(len(shapes)), b["generated_per_prompt"])
        generated_points, _ = torch_sample(opponent, schedule, generated_prompts, spin_rng.split(f"generate-{k}"), device)
        generated = (generated_points, generated_prompts)
        # training.ts indicesByPrompt, flattened: the pools one after another, with where each starts
        pools = [np.nonzero(generated_prompts == p)[0] for p in range(len(shapes))]
        sizes = np.array([len(q) for q in pools], dtype=np.int64)
        by_prompt = (np.concatenate(pools), np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64), sizes)
        batches = spin_rng.split(f"steps-{k}")
        first = last = None
        n_steps = b["steps_per_iteration"]
        for s in range(n_steps):
            set_rate(optimizer, iteration_rate(learning_rate, s, n_steps))
            report = s == 0 or s == n_steps - 1
            stats = torch_spin_step(policy, opponent, optimizer, shared["data"], generated, by_prompt, b["batch"], schedule, batches, report, device)
            if s == 0:
                first = stats
            if report:
                last = stats
        steps.append({"first": first, "last": last})
        out, _ = torch_sample(policy, schedule, shared["eval_prompts"], shared["eval_rng"], device)
        scores.append(score_model(shapes, out, shared["sft_densities"], b["eval_per_prompt"])[0])
        samples.append(out)
        print(f"  SPIN iteration {k} (rate {learning_rate:.2g}): first-step loss {first['loss']:.7f}, precision {scores[-1]['precision']:.4f}", flush=True)
    return scores, samples, steps


# replicate.ts runContinued: SFT from the same start at one rate, a fresh scheduled Adam each iteration, scored after each.
def torch_run_continued(start, learning_rate, shared, batches, device):
    shapes, schedule, b = shared["shapes"], shared["schedule"], shared["b"]
    copy = torch_clone(start)
    scores, samples = [], []
    for k in range(1, ITERATIONS_RUN + 1):
        optimizer = torch_adam(copy, learning_rate)
        n_steps = b["steps_per_iteration"]
        for s in range(n_steps):
            set_rate(optimizer, iteration_rate(learning_rate, s, n_steps))
            torch_sft_step(copy, optimizer, shared["data"], b["batch"], schedule, batches, device)
        out, _ = torch_sample(copy, schedule, shared["eval_prompts"], shared["eval_rng"], device)
        scores.append(score_model(shapes, out, shared["sft_densities"], b["eval_per_prompt"])[0])
        samples.append(out)
    print(f"  SFT continued (rate {learning_rate:.2g}): precision " + " -> ".join(f"{s['precision']:.4f}" for s in scores), flush=True)
    return scores, samples


# replicate.ts runReplicate: SFT to a plateau, SPIN-Diffusion and SFT continued at each rate from it,
# and the limit row (both recipes from SFT's underfit model); rng is the replicate's own stream.
def torch_run_replicate(rng, budget, shapes, schedule, keep_samples, device):
    b = BUDGETS[budget]
    s = replicate_setup(rng, budget, shapes, schedule)
    model = torch_model(s["weights"], device)
    sft, snapshot = torch_train_sft(model, s["data"], s["check"], b, schedule, rng.split("sft"), device)
    first, paths = torch_sample(model, schedule, s["eval_prompts"], s["eval_rng"], device, PATHS if keep_samples else 0)
    base, sft_densities = score_model(shapes, first, None, b["eval_per_prompt"])
    shared = {"data": s["data"], "shapes": shapes, "schedule": schedule, "b": b, "eval_prompts": s["eval_prompts"], "eval_rng": s["eval_rng"], "sft_densities": sft_densities}
    spin_rates = [LEARNING_RATE * SPIN_RATE_SHARE]
    spin, spin_steps, spin_samples = [], [], []
    for r, learning_rate in enumerate(spin_rates):
        scores, samples, steps = torch_run_spin(model, learning_rate, shared, rng.split("spin"), device)
        spin.append({"learningRate": learning_rate, "scores": [base] + scores})
        if r == 0:
            spin_steps, spin_samples = steps, [first] + samples
    continued = []
    for learning_rate in [LEARNING_RATE * share for share in CONTINUED_RATE_SHARES]:
        scores, _ = torch_run_continued(model, learning_rate, shared, rng.split("continued"), device)
        continued.append({"learningRate": learning_rate, "scores": [base] + scores})
    underfit = None
    if snapshot is not None:
        start, _ = torch_sample(snapshot, schedule, s["eval_prompts"], s["eval_rng"], device)
        start_scores, start_densities = score_model(shapes, start, None, b["eval_per_prompt"])
        from_snapshot = dict(shared, sft_densities=start_densities)
        spin_run, _, _ = torch_run_spin(snapshot, spin_rates[0], from_snapshot, rng.split("underfit-spin"), device)
        continued_run, _ = torch_run_continued(snapshot, spin_rates[0], from_snapshot, rng.split("underfit-continued"), device)
        underfit = {"sftSteps": b["underfit_steps"], "spin": [start_scores] + spin_run, "continued": [start_scores] + continued_run}
    data_scores = [{k: v for k, v in d.items() if k != "_densities"} for d in s["data_scores"]]
    return {"sft": sft, "spin": spin, "continued": continued, "spinSteps": spin_steps, "dataScores": data_scores, "underfit": underfit, "samples": {"spin": spin_samples, "paths": paths} if keep_samples else None}


# ---- the claims (claims.ts, lib/claimSpread.ts, lib/stats.ts, lib/studentT.ts) -----------------


# claims.ts bestRate: the rate of a grid whose mean precision at `iteration` over the replicates is highest.
def best_rate(replicates, which, iteration):
    rates = [r["learningRate"] for r in replicates[0][which]]
    mean_at = lambda i: js_sum([r[which][i]["scores"][iteration]["precision"] for r in replicates]) / len(replicates)
    best = 0
    for i in range(1, len(rates)):
        if mean_at(i) > mean_at(best):
            best = i
    return rates[best], [r[which][best]["scores"] for r in replicates]


# claims.ts spinDiffusionClaims: the claims' values, as the page states them.
def claims(replicates):
    n = len(replicates)
    at = min(CLAIM_ITERATION, len(replicates[0]["spin"][0]["scores"]) - 1)
    spin = [r["spin"][0]["scores"] for r in replicates]
    rate, baseline = best_rate(replicates, "continued", at)
    data_spread = lambda r: js_sum([s["inModeSpread"] for s in r["dataScores"]]) / len(r["dataScores"])
    data_modes = lambda r: sum(s["modesKept"] for s in r["dataScores"])
    gap = mean_interval([s[at]["precision"] - baseline[i][at]["precision"] for i, s in enumerate(spin)])
    ratio = mean_interval([s[at]["inModeSpread"] / data_spread(replicates[i]) for i, s in enumerate(spin)])
    all_kept = sum(1 for i, s in enumerate(spin) if s[at]["modesKept"] == data_modes(replicates[i]))
    rise = mean_interval([s[at]["logDensity"] - s[at - 1]["logDensity"] for s in spin])
    log2_gap = max(abs(st["first"]["loss"] - math.log(2)) for r in replicates for st in r["spinSteps"])
    plateaued = sum(1 for r in replicates if r["sft"]["plateaued"])
    out = {
        "precision-vs-continued": (gap["estimate"], gap["low"] > PRECISION_MARGIN),
        "modes-and-spread": (ratio["estimate"], all_kept == n and ratio["low"] > SPREAD_RATIO_MIN),
        "iterations-improve": (rise["estimate"], rise["low"] > 0),
        "log2-at-opponent": (log2_gap, log2_gap <= LOG2_TOL),
        "sft-plateau": (plateaued, plateaued == n),
    }
    if all(r["underfit"] for r in replicates):
        lead = mean_interval([r["underfit"]["continued"][at]["precision"] - r["underfit"]["spin"][at]["precision"] for r in replicates])
        out["underfit-continued-wins"] = (lead["estimate"], lead["low"] > 0)
    return out, rate, at


# experiment.ts computeSpinDiffusion: the replicates from seed → 'replicates' → r, then the claims and the first replicate's metrics.
def torch_part(budget, shapes, schedule):
    device = torch_device()
    print(f"PyTorch on {device}: {REPLICATES} replicate(s), each SFT to a plateau, SPIN-Diffusion and SFT continued at 3 rates, and the limit row.")
    root = RngStream.from_seed(SEED).split("replicates")
    replicates = []
    for r in range(REPLICATES):
        print(f"Replicate {r + 1} of {REPLICATES}", flush=True)
        replicates.append(torch_run_replicate(root.split(r), budget, shapes, schedule, r == 0, device))
    values, rate, at = claims(replicates)
    first = replicates[0]
    for k in range(at + 1):  # the page's headline chart: mean precision over replicates, per iteration
        spin_k = js_sum([r["spin"][0]["scores"][k]["precision"] for r in replicates]) / len(replicates)
        cont_k = js_sum([[c for c in r["continued"] if c["learningRate"] == rate][0]["scores"][k]["precision"] for r in replicates]) / len(replicates)
        print(f"Iteration {k}: precision SPIN-Diffusion {spin_k:.4f}, SFT continued (rate {rate:.2g}) {cont_k:.4f}")
    best_scores = [c for c in first["continued"] if c["learningRate"] == rate][0]["scores"]
    metrics = {
        "spinPrecision": first["spin"][0]["scores"][at]["precision"],
        "continuedPrecision": best_scores[at]["precision"],
        "sftPrecision": first["spin"][0]["scores"][0]["precision"],
        "spinLogDensity": first["spin"][0]["scores"][at]["logDensity"],
        "continuedLogDensity": best_scores[at]["logDensity"],
        "continuedBestRate": rate,
        "sftSteps": first["sft"]["steps"],
    }
    return values, metrics, replicates, rate


# ---- the command line --------------------------------------------------------------------------

# experiment.ts resolveBudget: 'auto' is the full budget only where the network trains on a GPU (here:
# PyTorch sees CUDA), else the reduced one, as on the page's CPU path. --only-numpy trains nothing: reduced.
def resolve_budget(args):
    if BUDGET != "auto":
        return BUDGET
    if args.only_numpy or importlib.util.find_spec("torch") is None:
        return "reduced"
    return "full" if _torch().cuda.is_available() else "reduced"


# --dry-run: the network is trained from scratch (no weights to load), so its parameter shapes come
# from the constants; where PyTorch is installed the model is built and held to them.
def dry_run(budget):
    b = BUDGETS[budget]
    expected = expected_shapes(b["hidden"], b["layers"])
    listed = ", ".join(f"{name} {shape}" for name, shape in expected)
    if importlib.util.find_spec("torch") is None:
        print(f"[dry run] the eps-MLP ({budget} budget, trained from scratch; PyTorch not installed, nothing built): {listed}")
        return
    model = torch_model(init_weights(b["hidden"], b["layers"], RngStream.from_seed(SEED).split("replicates").split(0).split("init")), "cpu")
    built = [list(w.shape) for w in model]
    if built != [shape for _, shape in expected]:
        raise SystemExit(f"the eps-MLP: PyTorch built {built}, the constants give {listed}")
    print(f"[dry run] the eps-MLP ({budget} budget, trained from scratch): PyTorch builds the {len(expected)} parameters the constants give: {listed}")


def main(args):
    global ITERATIONS_RUN
    ITERATIONS_RUN = max(ITERATIONS, 1)
    budget = resolve_budget(args)
    b = BUDGETS[budget]
    if args.dry_run:
        dry_run(budget)
        return
    print(f"Budget {budget}: a {b['layers']}x{b['hidden']} MLP, batch {b['batch']}, {b['steps_per_iteration']} steps per iteration, {b['eval_per_prompt']} samples per shape scored.")
    print(f"Data: {DATA_PER_PROMPT} points per shape (ring, two moons, the drawing), sigma = {SIGMA}; T = {DIFFUSION_STEPS}, beta_t linear 1e-3 -> 0.25.")
    shapes, schedule, rows = numpy_part(budget)
    skeletons = ", ".join(f"{s['prompt']} {len(s['mode_of'])}" for s in shapes)
    print(f"Skeleton points per shape: {skeletons}; alpha_bar_T = {schedule['alpha_bar'][-1]:.6g}")
    for r, row in enumerate(rows):
        ds = row["setup"]["data_scores"]
        print(f"Replicate {r + 1}: untrained held-out loss {row['initial_loss']:.6f}; the data's in-mode spread " + ", ".join(f"{d['prompt']} {d['inModeSpread']:.6f}" for d in ds) + f"; modes {sum(d['modesKept'] for d in ds)}")
    first = rows[0]
    results = {
        "alpha_bar_last": float(schedule["alpha_bar"][-1]),
        "sft_initial_loss": first["initial_loss"],
        "path_start_x0": float(first["path_start"][0]),
        "path_start_y0": float(first["path_start"][1]),
        "path_start_abs_sum": js_sum(np.abs(first["path_start"])),
        "data_modes_kept": sum(d["modesKept"] for d in first["setup"]["data_scores"]),
    }
    for d in first["setup"]["data_scores"]:
        results[f"data_spread_{d['prompt']}"] = d["inModeSpread"]
        results[f"data_precision_{d['prompt']}"] = d["precision"]
    if not args.only_numpy:
        values, metrics, replicates, rate = torch_part(budget, shapes, schedule)
        print("Claims (PyTorch float32: compare with the page's in distribution, not to rounding):")
        for claim_id, (value, passed) in values.items():
            print(f"  {claim_id}: {value:.6g} ({'passed' if passed else 'not passed'})")
            results["claim_" + claim_id.replace("-", "_")] = value
        print(f"SPIN precision {metrics['spinPrecision']:.4f} vs SFT continued {metrics['continuedPrecision']:.4f} (best rate {rate:.2g}), from SFT's {metrics['sftPrecision']:.4f} after {metrics['sftSteps']} steps")
        results.update({"metric_" + k: v for k, v in metrics.items()})
    emit_results(results)


if __name__ == "__main__":
    main(parse_cli())
