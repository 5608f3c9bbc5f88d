# Sparse PCA with the oracle property (Gu, Wang & Liu, NeurIPS 2014), as the page computes it:
#   min over the Fantope F^k of  -<S, Pi> + sum_ij p_lambda(Pi_ij)
# solved by ADMM with the MCP penalty (the paper's method) and with the l1 penalty (FPS, Vu et al.
# 2013, the baseline, at its own best lambda), scored against the oracle that knows the support.
# Ports: data.ts (model, samples, covariance), algorithm.ts (ADMM, Fantope projection, estimators),
# solvers.ts (lambda, rho, the FPS path), metrics.ts (scores), claims.ts, experiment.ts, sweeps.ts.

CPU_TOL = 1e-7          # ADMM's per-entry tolerance on the claim check (solvers.ts)
CPU_MAX_ITER = 1000
FPS_PATH_TOL = 1e-5     # FPS's tuning path: warm-started, looser (solvers.ts explains why)
SWEEP_MAX_ITER = 300    # the Monte-Carlo sweeps' iteration cap
STALL_WINDOW = 50       # ADMM doubles rho when the primal residual did not halve over this many steps
RANK_EPS = 1e-3         # an eigenvalue of Pi below this counts as zero (the rank)
ORACLE_EQUAL_TOL = 1e-4 # ||Pi - Pi_oracle||_F below this (with exact support and rank) "equals the oracle"
FPS_TUNING_GRID = [0.75, 0.875, 1, 1.25, 1.5, 2, 2.5, 3]
BASE_N_GRID = [100, 200, 400, 800, 1600, 3200]
BASE_C_GRID = [0.5, 0.75, 1, 1.5, 2, 3]


# ---- the spiked model and its data (data.ts) ----

def spiked_model(rng):
    """Sigma = I + omega U U^T with U on S = {0..s-1}: k = 1 is 1_S / sqrt(s), else Gram-Schmidt on Gaussians."""
    basis = np.zeros((P, K))
    if K == 1:
        basis[:S, 0] = 1 / math.sqrt(S)
    else:
        for j in range(K):
            col = np.array([rng.normal() for _ in range(S)])
            for q in range(j):
                col = col - (col @ basis[:S, q]) * basis[:S, q]
            basis[:S, j] = col / math.hypot(*col)
    return basis, basis @ basis.T


def draw_samples(basis, n, rng):
    """x = z + sqrt(omega) U g, row by row: per row k normals for g, then p for z (the page's order)."""
    draws = rng.normals(n * (K + P)).reshape(n, K + P)
    g = draws[:, :K] * math.sqrt(OMEGA)
    return draws[:, K:] + g @ basis.T


def sample_covariance(x, n):
    """Centred (1/n) sum (x - mean)(x - mean)^T of the first n rows (nested samples across n)."""
    centred = x[:n] - x[:n].mean(axis=0)
    return centred.T @ centred / n


# ---- the penalised Fantope SDP by ADMM (algorithm.ts) ----

def prox_penalty(v, lam, t, penalty):
    """prox of t * p_lambda, entrywise: soft (l1), firm (MCP, needs b > t) thresholding."""
    av, sign, tl = np.abs(v), np.where(v < 0, -1.0, 1.0), t * lam
    soft = np.where(av <= tl, 0.0, sign * (av - tl))
    if penalty[0] == "l1":
        return soft
    if penalty[0] == "mcp":
        b = penalty[1]
        return np.where(av <= tl, 0.0, np.where(av <= b * lam, sign * (av - tl) / (1 - t / b), v))
    a = penalty[1]  # SCAD
    middle = ((a - 1) * v - sign * a * tl) / (a - 1 - t)
    return np.where(av <= (1 + t) * lam, soft, np.where(av <= a * lam, middle, v))


def penalty_value(x, lam, penalty):
    ax = np.abs(x)
    if penalty[0] == "l1":
        return lam * ax
    if penalty[0] == "mcp":
        b = penalty[1]
        return np.where(ax <= b * lam, lam * ax - ax * ax / (2 * b), b * lam * lam / 2)
    a = penalty[1]
    return np.where(ax <= lam, lam * ax, np.where(ax <= a * lam, (2 * a * lam * ax - ax * ax - lam * lam) / (2 * (a - 1)), (a + 1) * lam * lam / 2))


def fantope_theta(gamma, k):
    """The theta with sum clip(gamma - theta, 0, 1) = k, exactly: bisect the sorted knots, interpolate."""
    knots = np.sort(np.concatenate([gamma, gamma - 1]))
    mass = lambda theta: float(np.clip(gamma - theta, 0, 1).sum())
    lo, hi = 0, len(knots) - 1
    while hi - lo > 1:
        mid = (lo + hi) >> 1
        if mass(knots[mid]) >= k:
            lo = mid
        else:
            hi = mid
    f_lo, f_hi = mass(knots[lo]), mass(knots[hi])
    if f_lo == f_hi:
        return knots[lo]
    return knots[lo] + (f_lo - k) / (f_lo - f_hi) * (knots[hi] - knots[lo])


def fantope_projection(a, k):
    values, vectors = np.linalg.eigh(a)
    weights = np.clip(values - fantope_theta(values, k), 0, 1)
    projection = (vectors * weights) @ vectors.T
    return (projection + projection.T) / 2


class Admm:
    """Pi <- Proj_F(Phi - U + S/rho); Phi <- prox(Pi + U); U <- U + Pi - Phi (AdmmSolver)."""

    def __init__(self, sigma, lam, rho, penalty, tol, max_iter, warm=None):
        self.sigma, self.lam, self.penalty, self.tol, self.max_iter = sigma, lam, penalty, tol, max_iter
        self.rho = max(warm.rho, rho) if warm else rho
        self.phi = warm.phi.copy() if warm else np.zeros_like(sigma)
        self.dual = warm.dual * warm.rho / self.rho if warm else np.zeros_like(sigma)
        self.iteration, self.converged, self.primal = 0, False, []

    def solve(self):
        while not self.converged and self.iteration < self.max_iter:
            self.step()
        return self

    def step(self):
        rho = self.rho
        pi = fantope_projection(self.phi - self.dual + self.sigma / rho, K)
        nxt = prox_penalty(pi + self.dual, self.lam, 1 / rho, self.penalty)
        phi_change_sq = float(((nxt - self.phi) ** 2).sum())
        residual = pi - nxt
        self.phi = nxt
        self.dual = self.dual + residual
        self.iteration += 1
        primal = math.sqrt(float((residual ** 2).sum()))
        self.primal.append(primal)
        # Boyd et al.'s absolute criterion: tol * sqrt(#entries) = tol * p
        self.converged = primal < self.tol * P and rho * math.sqrt(phi_change_sq) < self.tol * P
        if self.converged:
            return
        if len(self.primal) > STALL_WINDOW and self.iteration % STALL_WINDOW == 0 and primal > 0.5 * self.primal[-1 - STALL_WINDOW]:
            self.rho *= 2  # a cycling nonconvex ADMM: more rho, same unscaled dual
            self.dual = self.dual / 2


def penalty_of(name):
    return {"fps": ("l1",), "mcp": ("mcp", MCP_B), "scad": ("scad", SCAD_A)}[name]


def initial_rho(penalty):
    """Nonconvex proxes need rho b > 1 (MCP) or rho (a - 1) > 1 (SCAD); 4x that keeps ADMM calm."""
    return {"l1": 1.0, "mcp": 4 / MCP_B, "scad": 4 / (SCAD_A - 1)}[penalty[0]]


def lambda_for(c, n):
    return c * math.sqrt(math.log(P) / n)


def solve(sigma, name, n, c=None, tol=CPU_TOL, max_iter=CPU_MAX_ITER, warm=None):
    penalty = penalty_of(name)
    return Admm(sigma, lambda_for(C_LAMBDA if c is None else c, n), initial_rho(penalty), penalty, tol, max_iter, warm).solve()


def fps_path(sigma, n, grid, at_run_lambda=None):
    """FPS along the lambda grid, largest first, each solve warm-started from the previous (solvers.ts fpsPath)."""
    solved, previous = {}, None
    for c in sorted(grid, reverse=True):
        solver = at_run_lambda if (c == C_LAMBDA and at_run_lambda is not None) else solve(sigma, "fps", n, c, FPS_PATH_TOL, warm=previous)
        solved[c] = solver
        previous = solver
    return solved


def restricted_pca(sigma, support):
    """Top-k eigenprojector of Sigma_SS, zero elsewhere: the oracle when support = S."""
    sub = sigma[np.ix_(support, support)]
    vectors = np.linalg.eigh(sub)[1][:, ::-1][:, :min(K, len(support))]
    full = np.zeros((P, vectors.shape[1]))
    full[support] = vectors
    return full @ full.T


# ---- scores (metrics.ts) ----

def score(pi, truth, oracle):
    support = np.abs(np.diag(pi)) > 1e-10
    tp, fp = int(support[:S].sum()), int(support[S:].sum())
    rank = int((np.linalg.eigvalsh(pi) > RANK_EPS).sum())
    to_oracle = float(np.linalg.norm(pi - oracle))
    exact = tp == S and fp == 0
    return {"error": float(np.linalg.norm(pi - truth)), "to_oracle": to_oracle, "tpr": tp / S, "fpr": fp / (P - S) if P > S else 0.0,
            "exact_support": exact, "rank": rank, "equals_oracle": to_oracle < ORACLE_EQUAL_TOL and exact and rank == K}


def with_grid(base, extra):
    return sorted(set(base) | {extra})


# ---- the run (experiment.ts) ----

def claim_check(model, data_stream, sweep_sizes):
    """Every replicate at the chosen n: the oracle, MCP, and FPS along its tuning grid."""
    basis, truth = model
    fps_grid = with_grid(FPS_TUNING_GRID, C_LAMBDA)
    covariances, rows = [], []
    for r in range(REPLICATES):
        x = draw_samples(basis, max(sweep_sizes), data_stream.split(r))
        covariances.append({n: sample_covariance(x, n) for n in sweep_sizes})
        sigma = covariances[r][N]
        oracle = restricted_pca(sigma, list(range(S)))
        mcp = solve(sigma, "mcp", N)
        cold_fps = solve(sigma, "fps", N) if r == 0 else None  # the shown data set's cold FPS solve
        path = fps_path(sigma, N, fps_grid, cold_fps)
        grid_scores = {c: score(solver.phi, truth, oracle) for c, solver in path.items()}
        on_support = oracle[:S, :S]
        rows.append({
            "oracle": score(oracle, truth, oracle), "mcp": score(mcp.phi, truth, oracle), "fps": grid_scores[C_LAMBDA], "grid": grid_scores,
            "oracle_min_entry": float(np.abs(on_support).min()),
            "oracle_entry_error": float(np.abs(on_support - truth[:S, :S]).max()),
            "oracle_deviations": list((on_support - truth[:S, :S])[np.triu_indices(S)]),
        })
        print(f"  data set {r + 1}/{REPLICATES}: MCP {'=' if rows[-1]['mcp']['equals_oracle'] else '!='} oracle, MCP error {rows[-1]['mcp']['error']:.4f}, FPS error {rows[-1]['fps']['error']:.4f}")
    mean_errors = [np.mean([row["grid"][c]["error"] for row in rows]) for c in fps_grid]
    best_c = fps_grid[int(np.argmin(mean_errors))]
    return covariances, rows, best_c


def claims_of(rows, best_c, truth):
    lam = lambda_for(C_LAMBDA, N)
    b_lambda = MCP_B * lam
    equal = sum(row["mcp"]["equals_oracle"] for row in rows)
    ratios = [row["grid"][best_c]["error"] / row["mcp"]["error"] for row in rows]
    interval = mean_interval(ratios)
    ratio, low, high = interval["estimate"], interval["low"], interval["high"]
    weak = [row for row in rows if row["oracle_min_entry"] <= b_lambda]
    min_signal = float(np.abs(truth[np.abs(truth) > 1e-12]).min())
    deviations = [d for row in rows for d in row["oracle_deviations"]]
    margin = min_signal - b_lambda - float(np.mean([row["oracle_entry_error"] for row in rows]))
    print(f"MCP equals the oracle on {equal} of {len(rows)} data sets (paper: >= 90%)")
    print(f"FPS at its own best c_lambda = {best_c}: mean error ratio FPS / MCP {ratio:.3f} [{low:.3f}, {high:.3f}] (paper: above 1)")
    print(f"magnitude condition: min|Pi*_ij| = {min_signal:.3f}, b lambda = {b_lambda:.3f}, margin {margin:.3f} (entry s.d. {np.std(deviations, ddof=1):.3f})")
    values = {
        "mcp-equals-oracle": equal / len(rows),
        "fps-biased": ratio,
        "fps-biased.low": low,
        "fps-never-oracle": min(min(s["to_oracle"] for s in row["grid"].values()) for row in rows),
        "fpsBestCLambda": best_c,
        "mcpMeanError": float(np.mean([row["mcp"]["error"] for row in rows])),
        "oracleMeanError": float(np.mean([row["oracle"]["error"] for row in rows])),
        "fpsMeanError": float(np.mean([row["fps"]["error"] for row in rows])),
    }
    if weak:
        values["mcp-misses-below-magnitude"] = sum(not row["mcp"]["equals_oracle"] for row in weak) / len(weak)
        print(f"below the magnitude condition: MCP missed the oracle on {sum(not r['mcp']['equals_oracle'] for r in weak)} of {len(weak)} data sets")
    return values


def sweeps(model, covariances, n_grid, c_grid):
    """Error vs n at the chosen c_lambda, and support recovery vs c_lambda at the chosen n (sweeps.ts)."""
    basis, truth = model
    oracles = [{n: restricted_pca(sigma, list(range(S))) for n, sigma in byn.items()} for byn in covariances]
    error_vs_n, support_vs_lambda = [], []
    for n in n_grid:
        row = {"n": n}
        row["oracleMean"] = float(np.mean([np.linalg.norm(o[n] - truth) for o in oracles]))
        for name in ("fps", "mcp"):
            scores = [score(solve(cov[n], name, n, max_iter=SWEEP_MAX_ITER).phi, truth, oracles[r][n]) for r, cov in enumerate(covariances)]
            row[f"{name}Mean"] = float(np.mean([s["error"] for s in scores]))
            row[f"{name}EqualsOracle"] = sum(s["equals_oracle"] for s in scores)
        error_vs_n.append(row)
        print(f"  n = {n}: error oracle {row['oracleMean']:.4f}, FPS {row['fpsMean']:.4f}, MCP {row['mcpMean']:.4f}")
    for c in c_grid:
        row = {"cLambda": c}
        for name in ("fps", "mcp"):
            scores = [score(solve(cov[N], name, N, c, max_iter=SWEEP_MAX_ITER).phi, truth, oracles[r][N]) for r, cov in enumerate(covariances)]
            row[f"{name}ExactSupport"] = float(np.mean([s["exact_support"] for s in scores]))
            row[f"{name}Error"] = float(np.mean([s["error"] for s in scores]))
        support_vs_lambda.append(row)
    return error_vs_n, support_vs_lambda


def main(args):
    if args.dry_run:
        print("[dry run] sparse PCA has no network: nothing to check")
        return
    root = RngStream.from_seed(SEED)
    model = spiked_model(root.split("model"))
    data_stream = root.split("data")
    n_grid = with_grid(BASE_N_GRID, N)
    sweep_sizes = n_grid if MONTE_CARLO else [N]
    print(f"Claim check: {REPLICATES} data sets, p = {P}, s = {S}, k = {K}, n = {N}, omega = {OMEGA}, c_lambda = {C_LAMBDA}")
    covariances, rows, best_c = claim_check(model, data_stream, sweep_sizes)
    values = claims_of(rows, best_c, model[1])
    if MONTE_CARLO:
        for r in range(len(covariances), SWEEP_SEEDS):
            x = draw_samples(model[0], max(sweep_sizes), data_stream.split(r))
            covariances.append({n: sample_covariance(x, n) for n in sweep_sizes})
        print(f"Monte-Carlo sweeps over {SWEEP_SEEDS} seeds:")
        error_vs_n, support_vs_lambda = sweeps(model, covariances[:SWEEP_SEEDS], n_grid, with_grid(BASE_C_GRID, C_LAMBDA))
        for row in error_vs_n:
            values[f"errorVsN.n{row['n']}.mcpMean"] = row["mcpMean"]
            values[f"errorVsN.n{row['n']}.fpsMean"] = row["fpsMean"]
        for row in support_vs_lambda:
            values[f"supportVsLambda.c{row['cLambda']}.mcpExactSupport"] = row["mcpExactSupport"]
    emit_results(values)


if __name__ == "__main__":
    main(parse_cli())
