# CR-OMLE / CR-PMLE (Ye, He, Gu, Zhang, ICML 2024): corruption-robust optimistic and pessimistic MLE
# over a finite model class. Online: three optimistic learners (unweighted OMLE, OMLE with the known-C
# radius, CR-OMLE with information-ratio weights) against an adversary that corrupts C transitions.
# Offline: plug-in MLE, PMLE and CR-PMLE on logged data with c corrupted transitions.
#
# Everything is exact float64, as on the page: a finite class, exact planning, regret as each episode's
# expected shortfall. The page's seeded streams are reproduced draw for draw, so at the same seed the
# numbers agree with the page's to the last bit. Where the page sums in order, this script sums in the
# same order (never np.sum, whose pairwise summation rounds differently), and Math.log is the
# correctly rounded log V8 returns, so the log-likelihoods do not depend on this machine's libm.

import time
from decimal import Context, Decimal


# ---- float64 exactly as the page's JavaScript computes it -----------------------------------------

_LN_CONTEXT = Context(prec=50)


# Math.log: V8 (the page's Chromium) returns LLVM libc's log, which is correctly rounded; so is this
# (50-digit decimal ln, then the nearest double), on every platform. The C library's log (math.log)
# is not always: a last-bit difference in a log-likelihood can move a confidence set's boundary.
def js_log(x):
    x = float(x)
    if x not in _LOGS:
        if x > 0 and math.isfinite(x):
            _LOGS[x] = float(Decimal(x).ln(_LN_CONTEXT))
        else:
            _LOGS[x] = math.inf if x == math.inf else (-math.inf if x == 0 else math.nan)
    return _LOGS[x]


_LOGS = {}


# Math.pow / **: V8 computes x ** 2 as x * x and x ** 0.5 as sqrt(x), and anything else with the C
# library's pow (glibc's on Linux, as this does); NumPy's own SIMD power is avoided
def js_pow(x, y):
    if y == 2:
        return x * x
    if y == 0.5 and x != -math.inf:
        return math.sqrt(x + 0) if x + 0 >= 0 else math.nan
    try:
        return math.pow(x, y)
    except (ValueError, OverflowError):
        return math.nan if x < 0 else math.inf


def js_pow_array(xs, y):
    if y == 1:
        return xs.copy()  # pow(x, 1) is x exactly
    return np.array([js_pow(v, y) for v in xs.tolist()], dtype=np.float64)


# Math.round: halves round up (Python's round() rounds them to even)
def js_round(x):
    return math.floor(x + 0.5)


# ---- chain.ts: the 5-state chain and its 19-model class ----------------------------------------

CHAIN_STATES = 5
LEFT, RIGHT = 0, 1
CHAIN_HORIZON = 10
CHAIN_THETAS = [float(f"{0.05 * (i + 1):.2f}") for i in range(19)]  # Number((0.05 (i+1)).toFixed(2))
CHAIN_EPSILON = 0.01


class Mdp:
    """mdp.ts TabularMdp: reward[s A + a], kernel[(s A + a) S + s'] (a flat float64 array)."""

    def __init__(self, states, actions, horizon, start, reward, kernel):
        self.states, self.actions, self.horizon, self.start = states, actions, horizon, start
        self.reward = np.asarray(reward, dtype=np.float64)
        self.kernel = np.asarray(kernel, dtype=np.float64)


# chain.ts chainReward: 0.2 for left at state 0, 1 for either action at the last state
def chain_reward():
    S = CHAIN_STATES
    reward = np.zeros(S * 2)
    reward[0 * 2 + LEFT] = 0.2
    reward[(S - 1) * 2 + LEFT] = 1.0
    reward[(S - 1) * 2 + RIGHT] = 1.0
    return reward


# chain.ts chainKernel: left to max(s-1, 0); right one step on with probability theta; then the floor
def chain_kernel(theta, epsilon=CHAIN_EPSILON):
    S = CHAIN_STATES
    kernel = np.zeros(S * 2 * S)
    for s in range(S):
        kernel[(s * 2 + LEFT) * S + max(s - 1, 0)] = 1.0
        if s < S - 1:
            kernel[(s * 2 + RIGHT) * S + s + 1] = theta
            kernel[(s * 2 + RIGHT) * S + s] = 1 - theta
        else:
            kernel[(s * 2 + RIGHT) * S + s] = 1.0
    return with_floor(kernel, S, epsilon)


# chain.ts chainMdp
def chain_mdp(theta, epsilon=CHAIN_EPSILON):
    return Mdp(CHAIN_STATES, 2, CHAIN_HORIZON, 0, chain_reward(), chain_kernel(theta, epsilon))


# chain.ts isChainAttackable: the adversary targets right moves below the last state
def is_chain_attackable(s, a):
    return a == RIGHT and s < CHAIN_STATES - 1


# ---- mdp.ts: exact planning and evaluation ------------------------------------------------------

# mdp.ts withFloor: (1 - eps) p + eps / S in every entry (no transition has probability 0)
def with_floor(kernel, states, epsilon):
    return (1 - epsilon) * np.asarray(kernel, dtype=np.float64) + epsilon / states


# mdp.ts optimalPlan: finite-horizon value iteration, ties to the lowest action (by 1e-12)
def optimal_plan(mdp):
    S, A, H = mdp.states, mdp.actions, mdp.horizon
    reward, kernel = mdp.reward.tolist(), mdp.kernel.tolist()
    values = [0.0] * ((H + 1) * S)
    policy = [0] * (H * S)
    for h in range(H - 1, -1, -1):
        for s in range(S):
            best, best_action = -math.inf, 0
            for a in range(A):
                z = s * A + a
                q = reward[z]
                for x in range(S):
                    q += kernel[z * S + x] * values[(h + 1) * S + x]
                if q > best + 1e-12:
                    best, best_action = q, a
            values[h * S + s] = best
            policy[h * S + s] = best_action
    return values[mdp.start], values, policy


# mdp.ts evaluatePolicy: the expected return of a non-stationary policy from the start state
def evaluate_policy(mdp, policy):
    S, A, H = mdp.states, mdp.actions, mdp.horizon
    reward, kernel = mdp.reward.tolist(), mdp.kernel.tolist()
    nxt = [0.0] * S
    for h in range(H - 1, -1, -1):
        cur = [0.0] * S
        for s in range(S):
            z = s * A + policy[h * S + s]
            v = reward[z]
            for x in range(S):
                v += kernel[z * S + x] * nxt[x]
            cur[s] = v
        nxt = cur
    return nxt[mdp.start]


# mdp.ts tvAt: total variation between two kernels' rows at z (summed over s' in order, then halved)
def tv_at(p, q, states, z):
    total = 0.0
    for x in range(states):
        total += abs(float(p[z * states + x]) - float(q[z * states + x]))
    return total / 2


# mdp.ts pairwiseTv: TV of every two models at every (s, a), as an array [z, m, m'] (the same sums, in order)
def pairwise_tv(models):
    S, A = models[0].states, models[0].actions
    K = np.stack([m.kernel.reshape(S * A, S) for m in models])  # [m, z, x]
    diff = np.abs(K[:, None, :, :] - K[None, :, :, :])  # [m, m', z, x]
    total = np.zeros(diff.shape[:3])
    for x in range(S):
        total = total + diff[..., x]
    tv = total / 2
    return np.transpose(tv, (2, 0, 1)).copy()  # [z, m, m']; 0 on the diagonal


# ---- mixture.ts: a 6-state MDP mixing three random kernels (66 models) --------------------------

MIXTURE_STATES, MIXTURE_ACTIONS, MIXTURE_HORIZON, MIXTURE_EPSILON = 6, 3, 8, 0.01
MIXTURE_TRUTH = [0.6, 0.3, 0.1]


# mixture.ts simplexGrid: every weight vector on the 0.1 grid of the simplex
def simplex_grid(step=0.1):
    n = js_round(1 / step)
    return [[i / n, j / n, (n - i - j) / n] for i in range(n + 1) for j in range(n - i + 1)]


# mixture.ts baseKernel: rows of u^4, normalised (sparse-ish rows tell models apart)
def base_kernel(rng):
    S = MIXTURE_STATES
    kernel = np.zeros(S * MIXTURE_ACTIONS * S)
    for z in range(S * MIXTURE_ACTIONS):
        row = [js_pow(rng.uniform(), 4) for _ in range(S)]
        total = 0.0
        for p in row:
            total += p
        for x, p in enumerate(row):
            kernel[z * S + x] = p / total
    return kernel


# mixture.ts mixtureEnvironment: the class, the true member and the most misleading member
def mixture_environment(rng):
    S, A = MIXTURE_STATES, MIXTURE_ACTIONS
    bases = [base_kernel(rng.split(f"kernel-{k}")) for k in range(3)]
    rewards = rng.split("reward")
    reward = np.array([(rewards.uniform() if rewards.uniform() < 0.3 else 0.0) for _ in range(S * A)])
    weights = simplex_grid()
    models = []
    for w in weights:
        kernel = w[0] * bases[0] + w[1] * bases[1] + w[2] * bases[2]
        models.append(Mdp(S, A, MIXTURE_HORIZON, 0, reward, with_floor(kernel, S, MIXTURE_EPSILON)))
    truth = next(i for i, w in enumerate(weights) if all(abs(v - MIXTURE_TRUTH[k]) < 1e-9 for k, v in enumerate(w)))
    worst = optimal_plan(models[truth])[0]
    misleading = truth
    for i, m in enumerate(models):
        value = evaluate_policy(models[truth], optimal_plan(m)[2])
        if value < worst - 1e-12:
            worst, misleading = value, i
    return models, weights, truth, misleading


# ---- jobs.ts: the online environment -----------------------------------------------------------

# jobs.ts thetaIndex: the model-grid index nearest to theta
def theta_index(theta):
    return min(len(CHAIN_THETAS) - 1, max(0, js_round(theta / 0.05) - 1))


# jobs.ts onlineEnvironment / buildEnvironment: the class, the truth, what the adversary reports
def online_environment(environment, seed, theta_star, bad_theta):
    if environment == "mixture":
        models, weights, truth, misleading = mixture_environment(RngStream.from_seed(seed).split("mixture"))
        corrupt = models[misleading].kernel
        S, A = models[0].states, models[0].actions
        tv_per = 0.0
        for z in range(S * A):
            tv_per = max(tv_per, tv_at(corrupt, models[truth].kernel, S, z))
        label = f"mixture MDP, true weights {tuple(weights[truth])}, the adversary reports {tuple(weights[misleading])}"
        return {"models": models, "truth": truth, "corrupt": corrupt, "targets": lambda s, a: True, "tv_per": tv_per, "label": label}
    models = [chain_mdp(t) for t in CHAIN_THETAS]
    truth = theta_index(theta_star)
    corrupt = chain_kernel(CHAIN_THETAS[theta_index(bad_theta)])
    tv_per = tv_at(corrupt, models[truth].kernel, CHAIN_STATES, 0 * 2 + RIGHT)
    return {"models": models, "truth": truth, "corrupt": corrupt, "targets": is_chain_attackable, "tv_per": tv_per, "label": f"chain, theta* = {CHAIN_THETAS[truth]}"}


# ---- optimisticMle.ts + online.ts: many online runs side by side --------------------------------

# optimisticMle.ts baseRadius: beta0 = log(M / delta)
def base_radius(models, delta):
    return js_log(models / delta)


class ClassTables:
    """What every learner over one model class precomputes: plans, log-kernels, pairwise TV (upper triangle)."""

    def __init__(self, models):
        self.models = models
        self.M = len(models)
        self.S, self.A, self.H = models[0].states, models[0].actions, models[0].horizon
        plans = [optimal_plan(m) for m in models]
        self.plan_value = np.array([p[0] for p in plans])
        self.plan_policy = np.array([p[2] for p in plans], dtype=np.int64).reshape(self.M, self.H, self.S)
        self.plan_lists = [p[2] for p in plans]
        Z = self.S * self.A
        # log P(x | z) per model, by Math.log: log_k[z, x, m]
        self.log_k = np.array([[js_log(v) for v in m.kernel] for m in models]).reshape(self.M, Z, self.S).transpose(1, 2, 0).copy()
        tv = pairwise_tv(models)
        self.pi, self.pj = np.triu_indices(self.M, 1)  # the pairs m < m' (a set lists its models in order)
        self.tv = tv[:, self.pi, self.pj]  # [z, pair]


# online.ts runOnline (with optimisticMle.ts OptimisticMle), for a batch of runs at once: each row is
# one run (its own method, truth, adversary and environment stream), stepped together; every number is
# the same float64 operation the page does for that run, in the same order.
def run_online_batch(tables, runs, episodes, timing, kappa, lam, delta):
    T, H, S, A, M = episodes, tables.H, tables.S, tables.A, tables.M
    R = len(runs)
    beta0 = base_radius(M, delta)
    radius = np.empty(R)
    alpha = np.full(R, math.inf)
    for r, run in enumerate(runs):
        told = run["told"]
        if run["method"] == "known-c":
            radius[r] = beta0 + told * run["tv_per"]  # budgetTv = told * tvPerCorruption
        elif run["method"] == "cr-omle" and told > 0:
            alpha[r] = math.sqrt(beta0) / told  # weightThreshold: sqrt(beta0) / C
            radius[r] = beta0 + alpha[r] * told
        else:
            radius[r] = beta0
    weighted = np.isfinite(alpha)
    traced = np.array([bool(run.get("traced")) for run in runs])
    # rows whose information ratio is needed: the weighted learners, and the traced run
    g_rows = np.nonzero(weighted | traced)[0]
    g_alpha = alpha[g_rows]
    g_weighted = weighted[g_rows]
    truths = [run["truth_mdp"] for run in runs]
    truth_k = np.stack([m.kernel.reshape(S * A, S) for m in truths])
    corrupt_k = np.stack([run["corrupt"].reshape(S * A, S) for run in runs])
    targets = np.array([[run["targets"](z // A, z % A) for z in range(S * A)] for run in runs])
    budget = np.array([run["C"] for run in runs])
    tv_corrupt = np.array([[tv_at(run["corrupt"], run["truth_mdp"].kernel, S, z) for z in range(S * A)] for run in runs])
    optimal = np.array([optimal_plan(m)[0] for m in truths])
    # each plan's value under each run's truth (what evaluatePolicy returns every episode)
    value_cache = {}
    plan_under_truth = np.empty((R, M))
    for r, m in enumerate(truths):
        key = id(m)
        if key not in value_cache:
            value_cache[key] = np.array([evaluate_policy(m, p) for p in tables.plan_lists])
        plan_under_truth[r] = value_cache[key]
    true_index = np.array([run["truth"] for run in runs])
    env_u = np.stack([run["env_u"] for run in runs])  # one uniform per step, in order
    att_u = np.stack([run["attack_u"] for run in runs]) if timing != "first" else None
    att_n = np.zeros(R, dtype=np.int64)

    ll = np.zeros((R, M))
    denom = np.full((len(g_rows), len(tables.pi)), float(lam))
    regret = np.zeros(R)
    cum = np.empty((R, T))
    corrupted = np.zeros(R, dtype=np.int64)
    corruption_tv = np.zeros(R)
    weight_on_corrupted = np.zeros(R)
    outside = np.zeros(R, dtype=np.int64)
    trace = []
    tr_pos = int(np.nonzero(traced[g_rows])[0][0]) if traced.any() else -1
    rows = np.arange(R)
    for t in range(T):
        # confidenceSet: within the radius of the best weighted log-likelihood
        in_set = ll >= (ll.max(axis=1) - radius)[:, None]
        outside += ~in_set[rows, true_index]
        # plan: the first model of the set, replaced by any later one whose optimal value is higher by > 1e-12
        model = np.argmax(in_set, axis=1)
        for m in range(M):
            better = in_set[:, m] & (tables.plan_value[m] > tables.plan_value[model] + 1e-12)
            model = np.where(better, m, model)
        regret = regret + (optimal - plan_under_truth[rows, model])
        cum[:, t] = regret
        policy = tables.plan_policy[model]  # [run, h, s]
        pair_in = in_set[g_rows][:, tables.pi] & in_set[g_rows][:, tables.pj]
        s = np.zeros(R, dtype=np.int64) + truths[0].start
        for h in range(H):
            a = policy[rows, h, s]
            z = s * A + a
            corrupt = targets[rows, z] & (corrupted < budget)
            if timing != "first":
                draw = corrupt.copy()  # attack.uniform() is drawn only when the first two conditions hold
                u_att = att_u[rows, np.minimum(att_n, att_u.shape[1] - 1)]  # at most one draw a step: never past the end
                att_n = att_n + draw
                corrupt = corrupt & (u_att < 0.5)
            prow = np.where(corrupt[:, None], corrupt_k[rows, z], truth_k[rows, z])
            # RngStream.categorical: subtract p[i] in order until the uniform goes negative
            u = env_u[:, t * H + h]
            x = np.full(R, S - 1)
            open_ = np.ones(R, dtype=bool)
            for i in range(S):
                u = u - prow[:, i]
                hit = open_ & (u < 0)
                x[hit] = i
                open_ &= ~hit
            # informationRatio and weightFor, against the episode's set
            w = np.ones(R)
            if len(g_rows):
                tvz = tables.tv[z[g_rows]]
                ok = pair_in & (tvz > 0)
                ratio = np.where(ok, tvz / np.sqrt(denom), 0.0)
                gamma = ratio.max(axis=1) if ratio.shape[1] else np.zeros(len(g_rows))
                use = g_weighted & (gamma > 0)
                wg = np.ones(len(g_rows))
                with np.errstate(divide="ignore"):
                    wg[use] = np.minimum(1.0, js_pow_array(g_alpha[use] / gamma[use], kappa))  # robustWeight
                w[g_rows] = wg
                if tr_pos >= 0 and gamma[tr_pos] > 0:
                    r_tr = g_rows[tr_pos]
                    trace.append((t, float(wg[tr_pos]), bool(corrupt[r_tr])))
                # observe: the denominators gain w TV^2 where the models differ
                denom = denom + (wg[:, None] * tvz) * tvz
            ll = ll + w[:, None] * tables.log_k[z, x]
            corrupted = corrupted + corrupt
            corruption_tv = corruption_tv + np.where(corrupt, tv_corrupt[rows, z], 0.0)
            weight_on_corrupted = weight_on_corrupted + np.where(corrupt, w, 0.0)
            s = x
    in_set = ll >= (ll.max(axis=1) - radius)[:, None]
    out = []
    for r in range(R):
        out.append({
            "cum": cum[r],
            "final": float(cum[r, T - 1]),
            "weight_on_corrupted": float(weight_on_corrupted[r]),
            "corrupted": int(corrupted[r]),
            "corruption_tv": float(corruption_tv[r]),
            "episodes_true_outside": int(outside[r]),
            "true_outside_at_end": not bool(in_set[r, true_index[r]]),
        })
    return out, trace


# ---- offline.ts: plug-in MLE, PMLE and CR-PMLE on a logged dataset ------------------------------

FAIL_TOLERANCE = 0.05  # offline.ts: a policy worse than the optimum by more than this is the wrong one


# offline.ts collectDataset: n episodes of a uniformly random behaviour policy; the first `count`
# targeted transitions are drawn from the corrupted kernel. Two uniforms a step (rng.int, then
# rng.categorical), so the whole log's uniforms are drawn at once and walked in order.
def collect_dataset(truth, episodes, count, corrupt_kernel, targets, rng):
    S, A, H = truth.states, truth.actions, truth.horizon
    u = rng.uniforms(2 * episodes * H).tolist()
    tk, ck = truth.kernel.tolist(), corrupt_kernel.tolist()
    zs, xs = [], []
    corrupted = 0
    k = 0
    for _ in range(episodes):
        s = truth.start
        for _ in range(H):
            a = math.floor(u[k] * A)
            z = s * A + a
            corrupt = corrupted < count and targets(s, a)
            p = ck if corrupt else tk
            v = u[k + 1]
            k += 2
            x = S - 1
            for i in range(S):
                v -= p[z * S + i]
                if v < 0:
                    x = i
                    break
            if corrupt:
                corrupted += 1
            zs.append(z)
            xs.append(x)
            s = x
    return np.array(zs, dtype=np.int64), np.array(xs, dtype=np.int64)


class OfflineTables:
    """offline.ts's per-class constants: beta0's pieces, max log-ratio, each plan's value under each model."""

    def __init__(self, tables):
        self.t = tables
        models = tables.models
        n = models[0].kernel.size
        worst = 0.0
        for k in range(n):  # maxLogRatio: what one corrupted sample can move a log-likelihood ratio by
            column = [float(m.kernel[k]) for m in models]
            worst = max(worst, js_log(max(column) / min(column)))
        self.log_ratio = worst
        # evaluatePolicy(models[m], plans[c].policy) for every m, c: what pessimism compares
        self.plan_values = np.array([[evaluate_policy(m, p) for p in tables.plan_lists] for m in models])
        self.truth_cache = {}

    def truth_values(self, truth_theta):
        if truth_theta not in self.truth_cache:
            truth = chain_mdp(truth_theta)
            self.truth_cache[truth_theta] = ([evaluate_policy(truth, p) for p in self.t.plan_lists], optimal_plan(truth)[0])
        return self.truth_cache[truth_theta]


# offline.ts weightedLogLikelihood: sum_i w_i log P(x_i | z_i) per model, summed left to right
def weighted_log_likelihood(tables, z, x, weights):
    terms = weights[:, None] * tables.log_k[z, x]  # [sample, model]
    return np.add.accumulate(terms, axis=0)[-1]


# offline.ts setWithin
def set_within(ll, radius):
    return ll >= ll.max() - radius


# optimisticMle.ts robustWeight: w = min{1, (alpha / Gamma)^kappa}, 1 where Gamma = 0
def robust_weight(gamma, alpha, kappa):
    if gamma <= 0 or not math.isfinite(alpha):
        return 1.0
    return min(1.0, js_pow(alpha / gamma, kappa))


# offline.ts offlineWeights: the weights' fixed point, iterated `rounds` times from w = 1, the set
# recomputed each round; a sample's Gamma leaves its own term out of the denominator
def offline_weights(tables, z, x, budget, delta, lam, kappa, rounds, radius_for):
    M, Z = tables.M, tables.S * tables.A
    alpha = math.sqrt(base_radius(M, delta)) / budget if budget > 0 else math.inf
    weights = np.ones(len(z))
    if not math.isfinite(alpha):
        return weights
    tvs = tables.tv[z]  # [sample, pair]
    # samples at which no two models differ add 0 to every total: leaving them out changes no sum
    informative = np.nonzero((tvs > 0).any(axis=1))[0]
    for _ in range(rounds):
        in_set = set_within(weighted_log_likelihood(tables, z, x, weights), radius_for(weights))
        t_inf = tvs[informative]
        total = np.add.accumulate((weights[informative, None] * t_inf) * t_inf, axis=0)[-1] if len(informative) else np.zeros(tvs.shape[1])
        pair_in = in_set[tables.pi] & in_set[tables.pj]
        # the next weight depends only on (z, own weight): one Gamma per distinct pair
        w_values, w_index = np.unique(weights, return_inverse=True)
        keys, inverse = np.unique(np.asarray(w_index).reshape(-1) * Z + z, return_inverse=True)
        inverse = np.asarray(inverse).reshape(-1)
        uz, uw = keys % Z, w_values[keys // Z]
        d = tables.tv[uz]  # [key, pair]
        with np.errstate(invalid="ignore", divide="ignore"):
            ratio = d / np.sqrt((lam + total)[None, :] - (uw[:, None] * d) * d)
        ratio = np.where(pair_in[None, :] & (d > 0), ratio, 0.0)
        gamma = ratio.max(axis=1) if ratio.shape[1] else np.zeros(len(uz))
        new = np.array([robust_weight(g, alpha, kappa) for g in gamma.tolist()])
        weights = new[inverse]
    return weights


# offline.ts offlinePolicy: the policy each method picks, and its value under the true model
def offline_policy(off, truth_theta, z, x, method, budget, delta, lam, kappa, rounds=3):
    tables = off.t
    M = tables.M
    beta0 = base_radius(M, delta)

    def radius_for(w):
        # c corrupted samples move a log-likelihood ratio by at most c * max w * log rho_max
        return beta0 + budget * max(0.0, float(w.max())) * off.log_ratio if method == "cr-pmle" else beta0

    weights = offline_weights(tables, z, x, budget, delta, lam, kappa, rounds, radius_for) if method == "cr-pmle" else np.ones(len(z))
    ll = weighted_log_likelihood(tables, z, x, weights)
    radius = radius_for(weights)
    if method == "plug-in":
        chosen = int(np.argmax(ll))  # indexOf(max): the first most likely model
    else:
        members = np.nonzero(set_within(ll, radius))[0]
        # pessimism: the candidate policy whose worst value over the set is highest (by > 1e-12)
        worst_over_set = off.plan_values[members].min(axis=0).tolist()
        best_worst, chosen = -math.inf, int(members[0])
        for c, worst in enumerate(worst_over_set):
            if worst > best_worst + 1e-12:
                best_worst, chosen = worst, c
    values, optimal = off.truth_values(truth_theta)
    return values[chosen] < optimal - FAIL_TOLERANCE  # offlineFailed


# ---- jobs.ts / experiment.ts: the run ------------------------------------------------------------

ONLINE_METHODS = ["omle", "known-c", "cr-omle"]
TUNED_METHODS = ["known-c", "cr-omle"]
OFFLINE_METHODS = ["plug-in", "pmle", "cr-pmle"]
SWEEP_C = [0, 20, 40, 80, 160]
OFFLINE_N = [50, 100, 200]
OFFLINE_C = [0, 40, 80, 120, 160, 240]
# jobs.ts OFFLINE_INSTANCES: left optimal (corruption lures right) and right optimal (it makes right look bad)
OFFLINE_INSTANCES = {"left-optimal": (0.2, 0.9), "right-optimal": (0.6, 0.1)}
PRICE_THETA = 0.6
PRICE_BUDGETS = [0, 2, 4, 8, 16, 32]
# claims.ts thresholds (the research notes', fixed before the runs)
CLAIM_C = 80
CR_REGRET_MAX = 10
OMLE_REGRET_MIN = 500
RATE_MIN = 0.9
WEIGHT_SUM_MAX = 10
WEIGHT_C_MAX = 160
WRONG_BUDGETS = [CLAIM_C // 2, 2 * CLAIM_C]
NARROW_THETA = 0.55
NARROW_WITHIN_MAX = 0.5
CLEAN_COST_MAX = 0.1 * CLAIM_C
IDENTITY_TOL = 1e-9
OFFLINE_CLAIM_CASES = [(50, 120), (100, 240)]
OFFLINE_RECOVERY_CASE = (400, 10)
OFFLINE_RADIUS_COST_CASE = (100, 10)
PRICE_CLAIM_BUDGET = 32
PRICE_FAIL_MIN = 0.5
WRONG_BUDGET_CASES = [(CLAIM_C, told) for told in WRONG_BUDGETS] + [(0, CLAIM_C)]


# experiment.ts onlineSweep (jobs.ts runCrJob, kind 'online'): every method at every budget, the tuned
# methods told wrong budgets, and (chain) CR-OMLE told double at theta* = 0.55; all side by side
def online_part(root):
    budgets = sorted(set(SWEEP_C + [CLAIM_C, CORRUPTION]))
    env = online_environment(ENVIRONMENT, SEED, THETA_STAR, BAD_THETA)
    tables = ClassTables(env["models"])
    H = tables.H
    streams = {}

    def uniforms(seed):
        # every method and budget sees the same environment stream at a seed (common random numbers)
        if seed not in streams:
            rng = root.split("online").split(seed)
            attack = rng.split("adversary").uniforms(EPISODES * H) if TIMING != "first" else None
            streams[seed] = (rng.split("environment").uniforms(EPISODES * H), attack)
        return streams[seed]

    def job(e, C, told, method, seed):
        env_u, attack_u = uniforms(seed)
        return {"method": method, "C": C, "told": told, "truth": e["truth"], "truth_mdp": e["models"][e["truth"]], "corrupt": e["corrupt"],
                "targets": e["targets"], "tv_per": e["tv_per"], "env_u": env_u, "attack_u": attack_u,
                "traced": method == "cr-omle" and seed == 0 and C == CORRUPTION and told == C}

    jobs = [job(env, C, C, m, s) for C in budgets for m in ONLINE_METHODS for s in range(SEEDS)]
    jobs += [job(env, C, told, m, s) for C, told in WRONG_BUDGET_CASES for m in TUNED_METHODS for s in range(SEEDS)]
    narrow_env = online_environment("chain", SEED, NARROW_THETA, BAD_THETA) if ENVIRONMENT == "chain" else None
    if narrow_env is not None:
        jobs += [job(narrow_env, CLAIM_C, 2 * CLAIM_C, "cr-omle", s) for s in range(SEEDS)]
    runs, trace = run_online_batch(tables, jobs, EPISODES, TIMING, KAPPA, LAMBDA, DELTA)
    i = 0
    sweep = {}
    for C in budgets:
        sweep[C] = {}
        for m in ONLINE_METHODS:
            sweep[C][m] = runs[i:i + SEEDS]
            i += SEEDS
    wrong = []
    for C, told in WRONG_BUDGET_CASES:
        by = {}
        for m in TUNED_METHODS:
            by[m] = runs[i:i + SEEDS]
            i += SEEDS
        wrong.append((C, told, by))
    narrow = runs[i:i + SEEDS] if narrow_env is not None else None
    return env, tables, sweep, wrong, narrow, trace


# experiment.ts offlineGrid (jobs.ts runCrJob, kind 'offline'): failures of each method over seeds at each (n, c)
def offline_grid(off, instance, cases, root):
    theta, bad_theta = OFFLINE_INSTANCES[instance]
    truth = chain_mdp(theta)
    bad = chain_kernel(bad_theta)
    label = "offline" if instance == "left-optimal" else f"offline {instance}"  # the first instance keeps its original stream
    grid = []
    for n, c in cases:
        failures = {m: 0 for m in OFFLINE_METHODS}
        for seed in range(SEEDS):
            z, x = collect_dataset(truth, n, c, bad, is_chain_attackable, root.split(label).split(n).split(seed))
            for m in OFFLINE_METHODS:
                failures[m] += offline_policy(off, theta, z, x, m, c, DELTA, LAMBDA, KAPPA)
        grid.append((n, c, failures))
    return grid


# experiment.ts robustnessPrice (jobs.ts runCrJob, kind 'price'): clean data, CR-PMLE told to expect corruption
def robustness_price(off, root):
    truth = chain_mdp(PRICE_THETA)
    outcomes = []
    for seed in range(SEEDS):
        z, x = collect_dataset(truth, OFFLINE_EPISODES, 0, truth.kernel, lambda s, a: False, root.split("price").split(seed))
        outcomes.append((offline_policy(off, PRICE_THETA, z, x, "pmle", 0, DELTA, LAMBDA, KAPPA),
                         [offline_policy(off, PRICE_THETA, z, x, "cr-pmle", b, DELTA, LAMBDA, KAPPA) for b in PRICE_BUDGETS]))
    return outcomes


def share(flags):
    flags = list(flags)
    return sum(1 for f in flags if f) / len(flags)


# claims.ts buildClaims: each claim's measured value, as the page states it
def build_claims(sweep, wrong, narrow, grid, right_grid, price):
    finals = lambda runs: [r["final"] for r in runs]
    claims = []
    calibrated = ENVIRONMENT == "chain"
    at_c = sweep.get(CLAIM_C)

    def add(cid, kind, value, threshold, passed, text):
        claims.append({"id": cid, "kind": kind, "value": value, "threshold": threshold, "passed": passed, "text": text})

    if at_c and calibrated:
        v = share(r <= CR_REGRET_MAX for r in finals(at_c["cr-omle"]))
        add("cr-omle-regret-bounded", "paper", v, RATE_MIN, v >= RATE_MIN, f"C = {CLAIM_C}: share of seeds with CR-OMLE regret <= {CR_REGRET_MAX}")
        if TIMING == "first":
            v = share(r >= OMLE_REGRET_MIN for r in finals(at_c["omle"]))
            add("omle-regret-linear", "paper", v, RATE_MIN, v >= RATE_MIN, f"C = {CLAIM_C}: share of seeds with unweighted OMLE regret >= {OMLE_REGRET_MIN}")
        cases = [w for w in wrong if w[0] == CLAIM_C and w[1] in WRONG_BUDGETS]
        if len(cases) == len(WRONG_BUDGETS):
            v = share(r <= CR_REGRET_MAX for w in cases for r in finals(w[2]["cr-omle"]))
            add("wrong-budget-graceful", "paper", v, RATE_MIN, v >= RATE_MIN, f"told {WRONG_BUDGETS}: share of runs with CR-OMLE regret <= {CR_REGRET_MAX}")
        if narrow:
            v = share(r <= CR_REGRET_MAX for r in finals(narrow))
            add("wrong-budget-narrow", "limit", v, NARROW_WITHIN_MAX, v <= NARROW_WITHIN_MAX, f"theta* = {NARROW_THETA}, told {2 * CLAIM_C}: share of seeds with CR-OMLE regret <= {CR_REGRET_MAX}")
    capped = [(C, runs) for C, runs in sweep.items() if 0 < C <= WEIGHT_C_MAX]
    if capped:
        per_seed = [max(runs["cr-omle"][s]["weight_on_corrupted"] for _, runs in capped) for s in range(SEEDS)]
        v = max(per_seed)
        add("weights-cap-corruption", "paper", v, WEIGHT_SUM_MAX, v <= WEIGHT_SUM_MAX, f"largest sum of CR-OMLE's weights on corrupted samples over C in {[C for C, _ in capped]} and seeds")
    clean_tuned = next((w for w in wrong if w[0] == 0 and w[1] == CLAIM_C), None)
    clean = sweep.get(0)
    if clean and clean_tuned and calibrated:
        extra = [r["final"] - clean["omle"][s]["final"] for s, r in enumerate(clean_tuned[2]["cr-omle"])]
        v = js_mean(extra)
        add("no-corruption-no-cost", "paper", v, CLEAN_COST_MAX, v <= CLEAN_COST_MAX, f"tuned for C = {CLAIM_C}, clean data: CR-OMLE's mean extra regret over OMLE")
    if at_c and calibrated:
        v = share(r <= CR_REGRET_MAX for r in finals(at_c["known-c"]))
        add("known-c-ties", "limit", v, RATE_MIN, v >= RATE_MIN, f"C = {CLAIM_C}: share of seeds with known-C OMLE regret <= {CR_REGRET_MAX}")
    if clean:
        v = max(float(np.max(np.abs(r["cum"] - clean["omle"][s]["cum"]))) for s, r in enumerate(clean["cr-omle"]))
        add("alpha-infinite-identity", "sanity", v, IDENTITY_TOL, v <= IDENTITY_TOL, "told C = 0: largest regret difference between CR-OMLE and OMLE")
    if grid is not None:
        cases = [g for n, c in OFFLINE_CLAIM_CASES for g in grid if g[0] == n and g[1] == c]
        if len(cases) == len(OFFLINE_CLAIM_CASES):
            v = sum(g[2]["pmle"] for g in cases) / (len(cases) * SEEDS)
            add("offline-pmle-breaks", "paper", v, RATE_MIN, v >= RATE_MIN, f"theta* = 0.2, (n, c) in {OFFLINE_CLAIM_CASES}: share of logs where PMLE picks the wrong policy")
    if right_grid is not None:
        at = lambda case: next((g for g in right_grid if (g[0], g[1]) == case), None)
        g = at(OFFLINE_RECOVERY_CASE)
        if g:
            v = (SEEDS - g[2]["cr-pmle"]) / SEEDS
            add("offline-cr-pmle-recovers", "limit", v, RATE_MIN, v >= RATE_MIN, f"theta* = 0.6, (n, c) = {OFFLINE_RECOVERY_CASE}: share of logs where CR-PMLE is right")
        g = at(OFFLINE_RADIUS_COST_CASE)
        if g:
            v = g[2]["cr-pmle"] / SEEDS
            add("offline-radius-cost", "limit", v, PRICE_FAIL_MIN, v >= PRICE_FAIL_MIN, f"theta* = 0.6, (n, c) = {OFFLINE_RADIUS_COST_CASE}: share of logs where CR-PMLE picks the safe, wrong policy")
    if price is not None:
        i = PRICE_BUDGETS.index(PRICE_CLAIM_BUDGET)
        v = share(o[1][i] for o in price)
        add("offline-robustness-price", "limit", v, PRICE_FAIL_MIN, v >= PRICE_FAIL_MIN, f"clean data, n = {OFFLINE_EPISODES}: share of logs where CR-PMLE told {PRICE_CLAIM_BUDGET} picks the wrong policy")
    return claims


def fmt(v):
    return f"{v:.0f}" if abs(v) >= 100 else f"{v:.4g}"


def main(args):
    if args.dry_run:
        print("[dry run] no PyTorch parts: this demo is exact float64 NumPy throughout (nothing to check)")
        return
    started = time.time()
    root = RngStream.from_seed(SEED)
    env, tables, sweep, wrong, narrow, trace = online_part(root)
    online_s = time.time() - started
    finals = lambda runs: [r["final"] for r in runs]
    shown = sweep[CORRUPTION]
    print(f"{env['label']}: {tables.M} models, C = {CORRUPTION} ({TIMING} timing), T = {EPISODES}, {SEEDS} seeds  [online {online_s:.1f} s]")
    print("final regret (mean over seeds) by corruption budget C:")
    print("     C        OMLE     known-C     CR-OMLE   weight on corrupted (CR-OMLE)")
    for C, runs in sweep.items():
        print(f"  {C:4d}  {js_mean(finals(runs['omle'])):10.3f}  {js_mean(finals(runs['known-c'])):10.3f}  {js_mean(finals(runs['cr-omle'])):10.3f}   {js_mean([r['weight_on_corrupted'] for r in runs['cr-omle']]):.3f} of {js_mean([r['corrupted'] for r in runs['cr-omle']]):.0f}")
    for C, told, by in wrong:
        print(f"  C = {C}, told {told}: known-C {js_mean(finals(by['known-c'])):.3f}, CR-OMLE {js_mean(finals(by['cr-omle'])):.3f}")
    grid = right_grid = price = None
    if OFFLINE == "on":
        off = OfflineTables(ClassTables([chain_mdp(t) for t in CHAIN_THETAS]))
        cases = [(n, c) for n in OFFLINE_N for c in OFFLINE_C]
        for case in OFFLINE_CLAIM_CASES + [(OFFLINE_EPISODES, OFFLINE_CORRUPTION)]:
            if case not in cases:
                cases.append(case)
        grid = offline_grid(off, "left-optimal", cases, root)
        right_grid = offline_grid(off, "right-optimal", [OFFLINE_RADIUS_COST_CASE, OFFLINE_RECOVERY_CASE], root)
        price = robustness_price(off, root)
        print(f"offline failure rates (theta* = 0.2, corrupted right moves reported from theta = 0.9), over {SEEDS} logs:")
        for n, c, f in grid:
            print(f"  n = {n:3d}, c = {c:3d}: plug-in {f['plug-in'] / SEEDS:.1f}, PMLE {f['pmle'] / SEEDS:.1f}, CR-PMLE {f['cr-pmle'] / SEEDS:.1f}")
        for n, c, f in right_grid:
            print(f"  right optimal, n = {n}, c = {c}: plug-in {f['plug-in'] / SEEDS:.1f}, PMLE {f['pmle'] / SEEDS:.1f}, CR-PMLE {f['cr-pmle'] / SEEDS:.1f}")
        print("  clean data, CR-PMLE told b: " + ", ".join(f"b = {b}: {share(o[1][i] for o in price):.1f}" for i, b in enumerate(PRICE_BUDGETS)) + f" (PMLE {share(o[0] for o in price):.1f})")
    claims = build_claims(sweep, wrong, narrow, grid, right_grid, price)
    print("claims:")
    for c in claims:
        print(f"  [{'pass' if c['passed'] else 'FAIL'}] {c['id']} ({c['kind']}): {fmt(c['value'])} (threshold {fmt(c['threshold'])}); {c['text']}")
    traced = trace[:800]
    print(f"CR-OMLE's weights, seed 0: {len(trace)} informative samples, the first {len(traced)} weigh {js_sum(w for _, w, _ in traced):.3f} in all ({sum(1 for *_, c in traced if c)} corrupted)")
    print(f"done in {time.time() - started:.1f} s")

    results = {c["id"]: c["value"] for c in claims}
    results.update({
        "models": tables.M,
        "cr_omle_mean_regret": js_mean(finals(shown["cr-omle"])),
        "omle_mean_regret": js_mean(finals(shown["omle"])),
        "known_c_mean_regret": js_mean(finals(shown["known-c"])),
        "corruption_tv": js_mean([r["corruption_tv"] for r in shown["cr-omle"]]),
        "trace_samples": len(traced),
        "trace_weight_sum": js_sum(w for _, w, _ in traced),
        "trace_corrupted": sum(1 for *_, c in traced if c),
    })
    for C, runs in sweep.items():
        for m in ONLINE_METHODS:
            results[f"regret_{m}_C{C}"] = js_mean(finals(runs[m]))
        results[f"cr_weight_on_corrupted_C{C}"] = js_mean([r["weight_on_corrupted"] for r in runs["cr-omle"]])
    for C, told, by in wrong:
        for m in TUNED_METHODS:
            results[f"wrong_{m}_C{C}_told{told}"] = js_mean(finals(by[m]))
    if grid is not None:
        for m in OFFLINE_METHODS:
            results[f"offline_failures_{m}"] = sum(f[m] for _, _, f in grid)
            results[f"right_optimal_failures_{m}"] = sum(f[m] for _, _, f in right_grid)
        for i, b in enumerate(PRICE_BUDGETS):
            results[f"price_cr_pmle_failures_b{b}"] = sum(1 for o in price if o[1][i])
        results["price_pmle_failures"] = sum(1 for o in price if o[0])
    emit_results(results)


if __name__ == "__main__":
    main(parse_cli())
