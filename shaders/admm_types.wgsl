// Types shared by the five sparse-PCA ADMM kernels; prepended to each of them (src/gpu/shaders.ts).
// Layouts must match encodeProblems() and AdmmBatch's dims buffer in gpuAdmm.ts.

struct Dims { p: u32, batch: u32, maxSweeps: u32, relTol: f32 }

struct Problem {
  lambda: f32,
  rho: f32,
  penaltyParam: f32, // MCP b or SCAD a (unused for ℓ1)
  penaltyKind: u32,  // 0 ℓ1, 1 MCP, 2 SCAD
  k: f32,
  dualScale: f32,    // U is multiplied by this first (0.5 right after ρ doubled)
  running: u32,      // 0 once converged: every kernel leaves the problem as it is
  warmStart: u32,    // 1: jacobi_eig starts from the previous eigenvectors
}
