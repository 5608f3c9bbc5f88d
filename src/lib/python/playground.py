# ---- the playground's seeded random streams, weights and command line -------------------------
# A port of src/lib/rng.ts: every random number is a pure function of (key, counter) through the
# pcg2d hash, so this script draws exactly the numbers the page drew for the same seed.
# Arithmetic is on 32-bit unsigned words (Python ints masked, or NumPy uint32 arrays).

import json
import math
import os
import sys

import numpy as np

_M = 1664525
_C = 1013904223
_MASK = 0xFFFFFFFF


def pcg2d(x, y):
    """pcg2d (Jarzynski & Olano 2020): a 2 x u32 -> 2 x u32 bijective mix."""
    vx = (x * _M + _C) & _MASK
    vy = (y * _M + _C) & _MASK
    vx = (vx + vy * _M) & _MASK
    vy = (vy + vx * _M) & _MASK
    vx ^= vx >> 16
    vy ^= vy >> 16
    vx = (vx + vy * _M) & _MASK
    vy = (vy + vx * _M) & _MASK
    vx ^= vx >> 16
    vy ^= vy >> 16
    return vx, vy


def pcg2d_array(x, y):
    """pcg2d over uint32 arrays (or an array and a scalar): the same words, all at once."""
    with np.errstate(over="ignore"):
        m = np.uint32(_M)
        vx = np.asarray(x, dtype=np.uint32) * m + np.uint32(_C)
        vy = np.asarray(y, dtype=np.uint32) * m + np.uint32(_C)
        vx, vy = np.broadcast_arrays(vx, vy)
        vx = vx + vy * m
        vy = vy + vx * m
        vx = vx ^ (vx >> np.uint32(16))
        vy = vy ^ (vy >> np.uint32(16))
        vx = vx + vy * m
        vy = vy + vx * m
        vx = vx ^ (vx >> np.uint32(16))
        vy = vy ^ (vy >> np.uint32(16))
    return vx, vy


def uniforms_at(keys, counters):
    """rng.ts RngStream.uniform at the given counters of the given keys (broadcast together): 53 random
    bits of each pcg2d pair, as floats in [0, 1)."""
    hi, lo = pcg2d_array(keys, counters)
    return ((hi >> np.uint32(5)).astype(np.float64) * 67108864.0 + (lo >> np.uint32(6)).astype(np.float64)) / 9007199254740992.0


def box_muller(u):
    """rng.ts RngStream.normal's transform on uniform pairs along the last axis (u1, u2, u1, u2, ...):
    r cos(2 pi u2) then r sin(2 pi u2) for each pair, r = sqrt(-2 log u1) (a zero u1 gives inf here;
    the callers redraw it as the page does)."""
    u1, u2 = u[..., 0::2], u[..., 1::2]
    with np.errstate(divide="ignore", invalid="ignore"):
        r = np.sqrt(-2.0 * np.log(u1))
    z = np.empty(u.shape)
    z[..., 0::2] = r * np.cos(2.0 * np.pi * u2)
    z[..., 1::2] = r * np.sin(2.0 * np.pi * u2)
    return z


def hash_u32(key, counter):
    return pcg2d(key & _MASK, counter & _MASK)[0]


def hash_uniform01(key, counter):
    """Uniform in [0, 1) with 24 random bits, as the WGSL kernels draw it."""
    return (hash_u32(key, counter) >> 8) / 16777216.0


def gumbel_from_hash(key, counter):
    u = ((hash_u32(key, counter) >> 8) + 0.5) / 16777216.0
    return -math.log(-math.log(u))


def hash_uniform01_array(key, counters):
    words = pcg2d_array(np.uint32(key & _MASK), np.asarray(counters, dtype=np.uint32))[0]
    return (words >> np.uint32(8)).astype(np.float64) / 16777216.0


def gumbel_from_hash_array(key, counters):
    words = pcg2d_array(np.uint32(key & _MASK), np.asarray(counters, dtype=np.uint32))[0]
    u = ((words >> np.uint32(8)).astype(np.float64) + 0.5) / 16777216.0
    return -np.log(-np.log(u))


def _fnv1a(text):
    h = 0x811C9DC5
    for unit in _utf16_units(text):
        h ^= unit
        h = (h * 0x01000193) & _MASK
    return h


def _utf16_units(text):
    # JavaScript's charCodeAt reads UTF-16 code units; labels here are ASCII, but stay exact
    data = text.encode("utf-16-le")
    return [data[i] | (data[i + 1] << 8) for i in range(0, len(data), 2)]


def derive_key(key, label):
    """A child key; children of one key with different labels are independent streams."""
    if isinstance(label, str):
        tag = _fnv1a(label)
    else:
        tag = (label & _MASK) ^ 0xA511E9B3
    a, b = pcg2d(key & _MASK, tag)
    return (a ^ ((b * 0x9E3779B1) & _MASK)) & _MASK


def derive_keys(keys, label):
    """derive_key over arrays: the child keys of many streams under one label (a string or a number),
    or of one stream under many numeric labels (rng.split('scene').split(i) for every i)."""
    keys = np.asarray(keys, dtype=np.uint32)
    if isinstance(label, str):
        tags = np.uint32(_fnv1a(label))
    else:
        tags = (np.asarray(label, dtype=np.int64) & _MASK).astype(np.uint32) ^ np.uint32(0xA511E9B3)
    a, b = pcg2d_array(keys, tags)
    with np.errstate(over="ignore"):
        return a ^ (b * np.uint32(0x9E3779B1))


class RngStream:
    """A sequential stream over one key (src/lib/rng.ts RngStream): split, never share."""

    def __init__(self, key):
        self.key = key & _MASK
        self.counter = 0
        self.spare_normal = None

    @staticmethod
    def from_seed(seed):
        return RngStream(derive_key(seed & _MASK, "root"))

    def split(self, label):
        return RngStream(derive_key(self.key, label))

    def next_u32(self):
        value = hash_u32(self.key, self.counter)
        self.counter += 1
        return value

    def uniform(self):
        """Uniform in [0, 1) with 53 random bits."""
        hi, lo = pcg2d(self.key, self.counter & _MASK)
        self.counter += 1
        return ((hi >> 5) * 67108864 + (lo >> 6)) / 9007199254740992.0

    def normal(self):
        """Standard normal by Box-Muller (both variates used, the sine one kept for the next call)."""
        if self.spare_normal is not None:
            z = self.spare_normal
            self.spare_normal = None
            return z
        u1 = self.uniform()
        while u1 <= 0:
            u1 = self.uniform()
        u2 = self.uniform()
        r = math.sqrt(-2.0 * math.log(u1))
        self.spare_normal = r * math.sin(2.0 * math.pi * u2)
        return r * math.cos(2.0 * math.pi * u2)

    def int(self, n):
        """An integer in [0, n)."""
        return int(math.floor(self.uniform() * n))

    def categorical(self, p, offset=0, n=None):
        """An index drawn from p[offset : offset + n] by inverse CDF (one uniform)."""
        if n is None:
            n = len(p) - offset
        u = self.uniform()
        for i in range(n):
            u -= float(p[offset + i])
            if u < 0:
                return i
        return n - 1

    # -- the same draws, many at once (identical numbers, in order) --

    def uniforms(self, count):
        counters = (np.arange(count, dtype=np.int64) + self.counter) & _MASK
        self.counter += count
        return uniforms_at(np.uint32(self.key), counters.astype(np.uint32))

    def normals(self, count):
        """count standard normals, exactly the sequence of count calls to normal()."""
        out = np.empty(count)
        start = 0
        if count > 0 and self.spare_normal is not None:
            out[0] = self.spare_normal
            self.spare_normal = None
            start = 1
        pairs = (count - start + 1) // 2
        if pairs > 0:
            saved = self.counter
            u = self.uniforms(2 * pairs)
            if np.any(u[0::2] <= 0):  # a zero draw is redrawn (p = 2^-53): replay those calls one by one
                self.counter = saved
                for i in range(start, count):
                    out[i] = self.normal()
                return out
            z = box_muller(u)
            taken = count - start
            out[start:] = z[:taken]
            if taken < 2 * pairs:
                self.spare_normal = float(z[-1])
        return out


def uniforms_of(keys, count):
    """RngStream.uniforms for many fresh streams at once: the first `count` uniforms of each key's
    stream, shape (len(keys), count)."""
    return uniforms_at(np.asarray(keys, dtype=np.uint32)[:, None], np.arange(count, dtype=np.uint32)[None, :])


def normals_of(keys, count):
    """RngStream.normals for many fresh streams at once (Box-Muller, cos then sin), shape (len(keys), count)."""
    keys = np.asarray(keys, dtype=np.uint32)
    u = uniforms_of(keys, 2 * ((count + 1) // 2))
    z = box_muller(u)
    for row in np.nonzero(np.any(u[:, 0::2] <= 0, axis=1))[0]:  # a zero draw is redrawn (p = 2^-53): that stream one by one
        z[row, :count] = RngStream(int(keys[row])).normals(count)
    return z[:, :count]


# ---- JavaScript's arithmetic where NumPy's and Python's differ in the last bits ----

def js_sum(values):
    """A left-to-right sum from 0, as reduce((a, b) => a + b, 0) adds (np.sum adds pairwise, and
    Python 3.12's sum() compensates): the same additions in the same order."""
    if isinstance(values, np.ndarray):
        flat = values.astype(np.float64).ravel()
        return float(np.cumsum(flat)[-1]) if flat.size else 0.0  # cumsum runs left to right
    total = 0.0
    for v in values:
        total += v
    return total


def js_mean(values):
    """stats.ts mean: js_sum / n, NaN for none."""
    values = values if isinstance(values, np.ndarray) else list(values)
    return js_sum(values) / len(values) if len(values) else math.nan


def js_div(a, b):
    """a / b as JavaScript divides: x / 0 is +-Infinity and 0 / 0 NaN, where Python raises."""
    if b != 0:
        return a / b
    if a == 0 or a != a:
        return math.nan
    return math.copysign(math.inf, a) * math.copysign(1.0, b)


def js_hypot(values):
    """V8's Math.hypot: scaled by the largest |x|, a Kahan-compensated sum of squares."""
    absolute = [abs(float(v)) for v in values]
    top = max(absolute, default=0.0)
    if top == math.inf:
        return math.inf
    if top != top:
        return math.nan
    if top == 0:
        return 0.0
    total = compensation = 0.0
    for a in absolute:
        n = a / top
        summand = n * n - compensation
        preliminary = total + summand
        compensation = (preliminary - total) - summand
        total = preliminary
    return math.sqrt(total) * top


# ---- Student's t (src/lib/studentT.ts): the claims' intervals, computed as the page computes them ----

_LANCZOS = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
            12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7]


def log_gamma(x):
    """studentT.ts logGamma (also transitionTimes.ts'): Lanczos, g = 7, n = 9."""
    if x < 0.5:
        return math.log(math.pi / math.sin(math.pi * x)) - log_gamma(1 - x)
    z = x - 1
    a = _LANCZOS[0]
    t = z + 7.5
    for i in range(1, 9):
        a += _LANCZOS[i] / (z + i)
    return 0.5 * math.log(2 * math.pi) + (z + 0.5) * math.log(t) - t + math.log(a)


def student_cdf(t, df):
    """studentT.ts studentCdf: Simpson's rule on [0, t], 2000 intervals, summed in the page's order."""
    if t < 0:
        return 1 - student_cdf(-t, df)
    log_norm = log_gamma((df + 1) / 2) - log_gamma(df / 2) - 0.5 * math.log(df * math.pi)
    h = t / 2000
    x = np.concatenate([[0.0, t], np.arange(1, 2000) * h])
    terms = np.exp(log_norm - ((df + 1) / 2) * np.log(1 + (x * x) / df))
    terms[2:] *= np.where(np.arange(1, 2000) % 2 == 1, 4.0, 2.0)
    terms[1] += terms[0]  # the page starts from density(0) + density(t), then adds left to right
    return 0.5 + (float(np.cumsum(terms[1:])[-1]) * h) / 3


_QUANTILES = {}


def student_quantile(p, df):
    """studentT.ts studentQuantile: bisection on the CDF, 60 halvings (each (p, df) computed once)."""
    if (p, df) not in _QUANTILES:
        low, high = 0.0, 1.0
        while student_cdf(high, df) < p:
            high *= 2
        for _ in range(60):
            mid = (low + high) / 2
            if student_cdf(mid, df) < p:
                low = mid
            else:
                high = mid
        _QUANTILES[(p, df)] = (low + high) / 2
    return _QUANTILES[(p, df)]


def mean_interval(values, level=0.95):
    """stats.ts meanInterval: the mean and its Student-t interval, mean +- t(1 - (1 - level)/2, n - 1)
    standard errors, summed as the page sums; unbounded below two values."""
    values = [float(v) for v in values]
    n = len(values)
    m = js_mean(values)
    if n < 2:
        return {"estimate": m, "low": m - math.inf, "high": m + math.inf}  # NaN for none, as the page's
    variance = js_sum([(v - m) ** 2 for v in values]) / (n - 1)
    half = student_quantile(1 - (1 - level) / 2, n - 1) * math.sqrt(variance / n)
    return {"estimate": m, "low": m - half, "high": m + half}


# ---- weights: the playground's format (a JSON manifest beside a little-endian float32 blob) ----

def load_weights(directory):
    """(manifest, {name: float32 array}) from directory/manifest.json and directory/weights.bin."""
    with open(os.path.join(directory, "manifest.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    blob = np.fromfile(os.path.join(directory, "weights.bin"), dtype="<f4")
    params = {}
    for entry in manifest["parameters"]:
        size = int(np.prod(entry["shape"])) if entry["shape"] else 1
        params[entry["name"]] = blob[entry["offset"]:entry["offset"] + size].reshape(entry["shape"])
    return manifest, params


def check_shapes(expected, params, what):
    """Fails with the parameter named when a weight file does not have the shapes the model builds."""
    for name, shape in expected:
        if name not in params:
            raise SystemExit(f"{what}: the weights have no parameter {name!r}")
        if list(params[name].shape) != list(shape):
            raise SystemExit(f"{what}: parameter {name!r} has shape {list(params[name].shape)}, the model builds {list(shape)}")
    extra = sorted(set(params) - {name for name, _ in expected})
    if extra:
        raise SystemExit(f"{what}: the weights have parameters the model does not build: {extra}")
    print(f"[dry run] {what}: {len(expected)} parameters, shapes match the weights")


# ---- command line and output -------------------------------------------------------------------

def parse_cli():
    """--only-numpy skips the PyTorch parts; --dry-run only checks their shapes (and skips the rest); --weights DIR."""
    import argparse

    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description="Reproduces a WebGPU ML Playground configuration.")
    parser.add_argument("--only-numpy", action="store_true", help="skip the parts that need PyTorch")
    parser.add_argument("--dry-run", action="store_true", help="check the PyTorch parts' model shapes against the weights (without torch if absent), run nothing else")
    parser.add_argument("--weights", default=os.path.join(here, "weights"), help="folder of the exported weights (default: weights/ beside this script)")
    return parser.parse_args()


def _plain(value):
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, np.ndarray)):
        return [_plain(v) for v in value]
    if isinstance(value, (np.floating, float)):
        v = float(value)
        return v if math.isfinite(v) else ("NaN" if v != v else ("Infinity" if v > 0 else "-Infinity"))
    if isinstance(value, np.integer):
        return int(value)
    return value


def emit_results(values):
    """The last line of output: RESULTS_JSON and the numbers compared with the page (non-finite as strings)."""
    print("RESULTS_JSON " + json.dumps(_plain(values), sort_keys=True))
    sys.stdout.flush()
