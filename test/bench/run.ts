// `npm run bench`: how fast verify-model re-hashes a model, against what this machine can
// do. Two generated models (reused between runs), page cache warm:
//   - "large": COUNTERSIGN_BENCH_GIB GiB (default 3): one file of a third of it, the rest in
//     8 MiB files, a typical checkpoint folder;
//   - "small files": 20,000 files of 16 KiB, where per-file costs dominate.
// For each: our verify-model as the app runs it (the verification service: a worker thread
// that checks the signature, lists, hashes in a pool of hash threads and compares, while
// this thread, like the app's main process, only relays; its event loop watched), one cold
// run that starts the workers, then three warm runs; `sha256sum` over the same files,
// and the reference `model_signing verify key` over the same signed folder; all as ratios
// against the baseline: single-core `openssl speed -evp sha256` (8 KiB blocks) × cores.
// Environment: COUNTERSIGN_BENCH_GIB, COUNTERSIGN_MODEL_SIGNING (the reference binary),
// COUNTERSIGN_BENCH_CLEAN=1
// (delete the models afterwards). Other processes competing for the cores skew every
// wall-clock figure: the load average and our CPU cost per byte are printed beside them.
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { HashPool } from '../../electron/services/verification/hashing/hash-pool.ts';
import { signModelWithKey } from '../../electron/services/verification/model-signing/sign.ts';
import type { ModelVerificationService } from '../../electron/services/verification/model-signing/service.ts';
import { createModelVerificationService } from '../../electron/services/verification/model-signing/service.ts';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const GIB = 1024 ** 3;
const MIB = 1024 ** 2;
const TICK_MS = 5;
const WARM_RUNS = 3;
const sizeGib = Number(process.env['COUNTERSIGN_BENCH_GIB'] ?? '3');
if (!(sizeGib > 0 && sizeGib <= 64)) throw new Error('COUNTERSIGN_BENCH_GIB must be between 0 and 64');
const cores = availableParallelism();
const reference = process.env['COUNTERSIGN_MODEL_SIGNING'] ?? path.join(REPO_ROOT, '.peers', 'venv', 'bin', 'model_signing');

interface ModelSpec {
  name: string;
  base: string;
  files: Array<{ rel: string; bytes: number }>;
}

/** One large file (a third of the model) and many 8 MiB ones. */
function largeModel(): ModelSpec {
  const totalBytes = Math.round(sizeGib * GIB);
  const big = Math.floor(totalBytes / 3);
  const files = [{ rel: 'model.safetensors', bytes: big }];
  let left = totalBytes - big;
  for (let i = 0; left > 0; i += 1) {
    files.push({ rel: `shards/part-${String(i).padStart(5, '0')}.bin`, bytes: Math.min(8 * MIB, left) });
    left -= 8 * MIB;
  }
  return { name: `large (${sizeGib} GiB, ${files.length} files)`, base: path.join(tmpdir(), `countersign-bench-${sizeGib}gib`), files };
}

/** 20,000 files of 16 KiB in 100 folders: tokenizer pieces, per-layer tensors, datasets. */
function smallFilesModel(): ModelSpec {
  const files = Array.from({ length: 20_000 }, (_, i) => ({ rel: `d${String(i % 100).padStart(3, '0')}/f${String(i).padStart(5, '0')}.bin`, bytes: 16 * 1024 }));
  return { name: 'small files (20,000 × 16 KiB)', base: path.join(tmpdir(), 'countersign-bench-small-files'), files };
}

const modelDir = (spec: ModelSpec): string => path.join(spec.base, 'model');
const totalOf = (spec: ModelSpec): number => spec.files.reduce((sum, f) => sum + f.bytes, 0);

function generate(spec: ModelSpec): void {
  rmSync(spec.base, { recursive: true, force: true });
  const block = randomBytes(8 * MIB);
  let counter = 0;
  for (const f of spec.files) {
    const file = path.join(modelDir(spec), f.rel);
    mkdirSync(path.dirname(file), { recursive: true });
    const fd = openSync(file, 'w');
    for (let written = 0; written < f.bytes; ) {
      block.writeUInt32LE(counter++, 0); // no two blocks alike
      const n = Math.min(block.length, f.bytes - written);
      writeSync(fd, block, 0, n);
      written += n;
    }
    closeSync(fd);
  }
}

/** Generates and signs the model unless an identical one is already there. */
async function prepare(spec: ModelSpec, pool: HashPool): Promise<void> {
  const marker = path.join(spec.base, 'ready.json');
  const want = JSON.stringify({ total: totalOf(spec), files: spec.files.length });
  if (existsSync(marker) && readFileSync(marker, 'utf8') === want) {
    console.log(`Reusing ${modelDir(spec)}`);
    return;
  }
  console.log(`Generating ${spec.name} in ${modelDir(spec)} ...`);
  generate(spec);
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  writeFileSync(path.join(spec.base, 'pub.pem'), publicKey.export({ type: 'spki', format: 'pem' }));
  const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const signaturePath = path.join(spec.base, 'model.sig');
  const signed = await signModelWithKey(pool, { modelPath: modelDir(spec), privateKeyPem, signaturePath });
  writeFileSync(signaturePath, JSON.stringify(signed.bundle));
  writeFileSync(marker, want);
}

function warmCache(spec: ModelSpec): void {
  const buffer = Buffer.allocUnsafe(8 * MIB);
  for (const f of spec.files) {
    const fd = openSync(path.join(modelDir(spec), f.rel), 'r');
    while (readSync(fd, buffer, 0, buffer.length, null) > 0);
    closeSync(fd);
  }
}

function timed(command: string, args: string[], cwd: string, input?: string): { seconds: number; ok: boolean; output: string } {
  const start = performance.now();
  const r = spawnSync(command, args, { cwd, input, encoding: 'utf8', maxBuffer: 64 * MIB, timeout: 30 * 60_000 });
  return { seconds: (performance.now() - start) / 1000, ok: r.status === 0, output: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}` };
}

function opensslSingleCore(): number {
  const r = spawnSync('openssl', ['speed', '-evp', 'sha256', '-bytes', '8192', '-seconds', '3'], { encoding: 'utf8' });
  // The summary line ends in the rate for 8192-byte blocks, in thousands of bytes per second.
  const line = r.stdout.split('\n').find((l) => /^sha256\s/i.test(l.trim()));
  const rate = line?.trim().split(/\s+/).at(-1);
  if (!rate?.endsWith('k')) throw new Error(`Cannot read openssl speed output:\n${r.stdout}${r.stderr}`);
  return Number(rate.slice(0, -1)) * 1000;
}

/**
 * SHA-256 over data in RAM, on every core at once, with no file reading at all: the most
 * any file hasher can reach here. openssl speed hashes 8 KiB blocks that stay in the CPU's
 * cache; a model's bytes stream from memory, which on some machines is slower.
 */
async function memoryCeiling(): Promise<number> {
  const source = `
    const { parentPort } = require('node:worker_threads');
    const { createHash, randomFillSync } = require('node:crypto');
    const data = randomFillSync(Buffer.allocUnsafe(${512 * MIB}));
    let best = Infinity;
    for (let run = 0; run < 3; run += 1) {
      const start = performance.now();
      const hash = createHash('sha256');
      for (let at = 0; at < data.length; at += ${2 * MIB}) hash.update(data.subarray(at, at + ${2 * MIB}));
      hash.digest();
      best = Math.min(best, (performance.now() - start) / 1000);
    }
    parentPort.postMessage(data.length / best);`;
  const rates = await Promise.all(
    Array.from({ length: cores }, () => new Promise<number>((resolve, reject) => {
      const worker = new Worker(source, { eval: true });
      worker.once('message', (rate: number) => {
        resolve(rate);
        void worker.terminate();
      });
      worker.once('error', reject);
    })),
  );
  return rates.reduce((sum, rate) => sum + rate, 0);
}

interface OurRun {
  seconds: number;
  cpuSeconds: number;
  stallMs: number;
}

/** One verification with the main event loop watched. */
async function verifyOnce(spec: ModelSpec, service: ModelVerificationService): Promise<OurRun> {
  // Both watchers wake the main thread every TICK_MS; a stall shows as a late tick, measured
  // to the sub-millisecond whatever the tick, so 5 ms sees every stall the 20 ms target is
  // about without stealing a worker's core a thousand times a second.
  const histogram = monitorEventLoopDelay({ resolution: TICK_MS });
  let last = performance.now();
  let worstGap = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    worstGap = Math.max(worstGap, now - last - TICK_MS);
    last = now;
  }, TICK_MS);
  histogram.enable();
  const policy = { mode: 'public-key' as const, publicKeyPem: readFileSync(path.join(spec.base, 'pub.pem'), 'utf8') };
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  const report = await service.verifyModel({ jobId: 'bench', modelPath: modelDir(spec), signaturePath: path.join(spec.base, 'model.sig'), policy });
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  clearInterval(ticker);
  histogram.disable();
  if (!report.verified) throw new Error(`Our verification failed: ${JSON.stringify(report.failure)}`);
  return { seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, stallMs: Math.max(worstGap, histogram.max / 1e6) };
}

const gbps = (bytesPerSecond: number): string => `${(bytesPerSecond / 1e9).toFixed(2)} GB/s`;
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

interface Measured {
  spec: ModelSpec;
  cold: OurRun;
  warm: OurRun[];
  sha256sum: number;
  reference: { seconds: number | null; note: string };
}

async function measure(spec: ModelSpec, service: ModelVerificationService): Promise<Measured> {
  const signingPool = new HashPool();
  await prepare(spec, signingPool).finally(() => signingPool.dispose());
  warmCache(spec);
  const cold = await verifyOnce(spec, service);
  const warm: OurRun[] = [];
  for (let run = 0; run < WARM_RUNS; run += 1) warm.push(await verifyOnce(spec, service));
  // sha256sum reads its file list from stdin (xargs keeps the command line short).
  const list = spec.files.map((f) => path.join('model', f.rel)).join('\0');
  const sha = timed('xargs', ['-0', 'sha256sum'], spec.base, list);
  if (!sha.ok) throw new Error(`sha256sum failed: ${sha.output.slice(0, 500)}`);
  let referenceResult: Measured['reference'] = { seconds: null, note: `(not installed at ${reference}; run scripts/setup.sh --test)` };
  if (existsSync(reference)) {
    const r = timed(reference, ['verify', 'key', 'model', '--signature', 'model.sig', '--public_key', 'pub.pem'], spec.base);
    referenceResult = r.ok ? { seconds: r.seconds, note: '' } : { seconds: null, note: `(failed: ${r.output.trim().slice(0, 200)})` };
  }
  return { spec, cold, warm, sha256sum: sha.seconds, reference: referenceResult };
}

function print(m: Measured, single: number): { ratio: number; stallMs: number; ahead: boolean } {
  const baseline = single * cores;
  const total = totalOf(m.spec);
  const row = (name: string, seconds: number | null, note = ''): string => {
    if (seconds === null) return `  ${name.padEnd(40)} ${'n/a'.padStart(10)}  ${note}`;
    const rate = total / seconds;
    return `  ${name.padEnd(40)} ${gbps(rate).padStart(10)}  ${(rate / baseline).toFixed(2).padStart(5)} × baseline  (${seconds.toFixed(2)} s) ${note}`;
  };
  const warmSeconds = m.warm.map((r) => r.seconds);
  const typical = median(warmSeconds);
  const cpuSeconds = median(m.warm.map((r) => r.cpuSeconds));
  const stallMs = Math.max(m.cold.stallMs, ...m.warm.map((r) => r.stallMs));
  console.log('');
  console.log(`${m.spec.name}:`);
  console.log(row(`countersign verify-model (${cores} hash threads)`, typical, `median of ${WARM_RUNS} warm runs; best ${gbps(total / Math.min(...warmSeconds))}, first (starts the workers) ${gbps(total / m.cold.seconds)}`));
  console.log(row('sha256sum (one process)', m.sha256sum));
  console.log(row('model_signing verify key (reference)', m.reference.seconds, m.reference.note));
  // Bytes per CPU-second (all our threads) against one openssl core: what the code costs,
  // which other load on the machine hardly moves, unlike the wall-clock figures.
  console.log(`  CPU cost: ${gbps(total / cpuSeconds)} per CPU-second = ${(total / cpuSeconds / single).toFixed(2)} × one openssl core`);
  console.log(`  Main event loop worst stall over all ${WARM_RUNS + 1} runs: ${stallMs.toFixed(1)} ms`);
  const ahead = typical < m.sha256sum && (m.reference.seconds === null || typical < m.reference.seconds);
  return { ratio: total / typical / baseline, stallMs, ahead };
}

async function main(): Promise<void> {
  const service = createModelVerificationService({ emitProgress: () => {} });
  const loadBefore = loadavg()[0] ?? 0;
  const specs = [largeModel(), smallFilesModel()];
  const measured: Measured[] = [];
  try {
    for (const spec of specs) measured.push(await measure(spec, service));
  } finally {
    await service.dispose();
  }
  const single = opensslSingleCore();
  const ceiling = await memoryCeiling();
  console.log('');
  console.log(`Load average (1 min) before/after: ${loadBefore.toFixed(2)} / ${(loadavg()[0] ?? 0).toFixed(2)} on ${cores} cores`);
  console.log(`Baseline: openssl speed -evp sha256 (8 KiB) ${gbps(single)} single core × ${cores} = ${gbps(single * cores)}`);
  console.log(`Ceiling: SHA-256 over data in RAM, no file reads, ${cores} threads at once: ${gbps(ceiling)} = ${(ceiling / (single * cores)).toFixed(2)} × baseline`);
  const [large, small] = measured.map((m) => print(m, single));
  if (!large || !small) return;
  const met = (ok: boolean): string => (ok ? 'met' : 'NOT met');
  console.log('');
  console.log(`Targets: large model ≥ 0.9 × baseline: ${met(large.ratio >= 0.9)} (${large.ratio.toFixed(2)}; ${((large.ratio * single * cores) / ceiling).toFixed(2)} × the in-RAM ceiling)`);
  console.log(`         ahead of sha256sum and the reference on both models: ${met(large.ahead && small.ahead)}${measured.some((m) => m.reference.seconds === null) ? ' (reference not measured)' : ''}`);
  console.log(`         worst main-loop stall on the large model < 20 ms: ${met(large.stallMs < 20)}`);
  console.log(`         worst main-loop stall on the small-files model < 20 ms: ${met(small.stallMs < 20)}`);
  if (process.env['COUNTERSIGN_BENCH_CLEAN'] === '1') for (const spec of specs) rmSync(spec.base, { recursive: true, force: true });
}

await main();
