// `npm run bench`: how fast verify-model re-hashes a large model, against what this
// machine can do. Generates (or reuses) a model folder under the temp dir, warms the page
// cache, then measures in one run:
//   - our verify-model (worker pool, in this process, with the event loop watched),
//   - `sha256sum` over the same files,
//   - the reference `model_signing verify key` over the same signed folder,
//   - the baseline: single-core `openssl speed -evp sha256 -bytes 8192` × cores.
// Environment: COUNTERSIGN_BENCH_GIB (model size, default 3), COUNTERSIGN_MODEL_SIGNING
// (the reference binary), COUNTERSIGN_BENCH_WORKERS (hash workers; default: one per core),
// COUNTERSIGN_BENCH_CLEAN=1 (delete the model afterwards). Other processes competing for
// the cores skew every figure: the load average is printed beside them.
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { HashPool } from '../../electron/services/verification/hashing/hash-pool.ts';
import { signModelWithKey } from '../../electron/services/verification/model-signing/sign.ts';
import { verifyModelSignature } from '../../electron/services/verification/model-signing/verify.ts';
import { verifyBundle } from '../../electron/services/verification/sigstore/index.ts';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const GIB = 1024 ** 3;
const MIB = 1024 ** 2;
const TICK_MS = 5;
const sizeGib = Number(process.env['COUNTERSIGN_BENCH_GIB'] ?? '3');
if (!(sizeGib > 0 && sizeGib <= 64)) throw new Error('COUNTERSIGN_BENCH_GIB must be between 0 and 64');
const totalBytes = Math.round(sizeGib * GIB);
const base = path.join(tmpdir(), `countersign-bench-${sizeGib}gib`);
const modelDir = path.join(base, 'model');
const signaturePath = path.join(base, 'model.sig');
const cores = availableParallelism();
const reference = process.env['COUNTERSIGN_MODEL_SIGNING'] ?? path.join(REPO_ROOT, '.peers', 'venv', 'bin', 'model_signing');

/** One large file (a third of the model) and many 8 MiB ones: a typical checkpoint folder. */
function layout(): Array<{ rel: string; bytes: number }> {
  const big = Math.floor(totalBytes / 3);
  const small = 8 * MIB;
  const files = [{ rel: 'model.safetensors', bytes: big }];
  let left = totalBytes - big;
  for (let i = 0; left > 0; i += 1) {
    files.push({ rel: `shards/part-${String(i).padStart(5, '0')}.bin`, bytes: Math.min(small, left) });
    left -= small;
  }
  return files;
}

function generate(files: Array<{ rel: string; bytes: number }>): void {
  rmSync(base, { recursive: true, force: true });
  mkdirSync(path.join(modelDir, 'shards'), { recursive: true });
  const block = randomBytes(8 * MIB);
  let counter = 0;
  for (const f of files) {
    const fd = openSync(path.join(modelDir, f.rel), 'w');
    for (let written = 0; written < f.bytes; ) {
      block.writeUInt32LE(counter++, 0); // no two blocks alike
      const n = Math.min(block.length, f.bytes - written);
      writeSync(fd, block, 0, n);
      written += n;
    }
    closeSync(fd);
  }
}

function warmCache(files: Array<{ rel: string }>): void {
  const buffer = Buffer.allocUnsafe(8 * MIB);
  for (const f of files) {
    const fd = openSync(path.join(modelDir, f.rel), 'r');
    while (readSync(fd, buffer, 0, buffer.length, null) > 0);
    closeSync(fd);
  }
}

function timed(command: string, args: string[], cwd = base): { seconds: number; ok: boolean; output: string } {
  const start = performance.now();
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 64 * MIB, timeout: 30 * 60_000 });
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

async function main(): Promise<void> {
  const files = layout();
  const marker = path.join(base, 'ready.json');
  const want = JSON.stringify({ totalBytes, files: files.length });
  const workers = process.env['COUNTERSIGN_BENCH_WORKERS'];
  const pool = new HashPool(workers === undefined ? {} : { size: Number(workers) });
  const keyPath = path.join(base, 'key.pem');
  const pubPath = path.join(base, 'pub.pem');
  if (!existsSync(marker) || readFileSync(marker, 'utf8') !== want) {
    console.log(`Generating ${sizeGib} GiB model (${files.length} files) in ${modelDir} ...`);
    generate(files);
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    writeFileSync(keyPath, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    writeFileSync(pubPath, publicKey.export({ type: 'spki', format: 'pem' }));
    const signed = await signModelWithKey(pool, { modelPath: modelDir, privateKeyPem: readFileSync(keyPath, 'utf8'), signaturePath });
    writeFileSync(signaturePath, JSON.stringify(signed.bundle));
    writeFileSync(marker, want);
  } else {
    console.log(`Reusing ${modelDir}`);
  }
  console.log('Warming the page cache ...');
  const loadBefore = loadavg()[0] ?? 0;
  warmCache(files);

  // Ours, twice (the first also starts the workers); the event loop watched throughout.
  const policy = { mode: 'public-key' as const, publicKeyPem: readFileSync(pubPath, 'utf8') };
  let best = Infinity;
  let bestCpuSeconds = Infinity;
  let worstStallMs = 0;
  let histogramMaxMs = 0;
  const perRun: string[] = [];
  for (let run = 0; run < 2; run += 1) {
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
    const cpuBefore = process.cpuUsage();
    const start = performance.now();
    const report = await verifyModelSignature({ verifyBundle, pool, now: () => performance.now() }, { modelPath: modelDir, signaturePath, policy }, { onProgress: () => {} });
    const seconds = (performance.now() - start) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    clearInterval(ticker);
    histogram.disable();
    if (!report.verified) throw new Error(`Our verification failed: ${JSON.stringify(report.failure)}`);
    best = Math.min(best, seconds);
    bestCpuSeconds = Math.min(bestCpuSeconds, (cpu.user + cpu.system) / 1e6);
    perRun.push(`${(totalBytes / seconds / 1e9).toFixed(2)} GB/s, stall ${worstGap.toFixed(1)} ms`);
    worstStallMs = Math.max(worstStallMs, worstGap);
    histogramMaxMs = Math.max(histogramMaxMs, histogram.max / 1e6);
  }
  await pool.dispose();

  const relFiles = files.map((f) => path.join('model', f.rel));
  const sha256sum = timed('sha256sum', relFiles);
  if (!sha256sum.ok) throw new Error(`sha256sum failed: ${sha256sum.output}`);
  const referenceRun = existsSync(reference)
    ? timed(reference, ['verify', 'key', 'model', '--signature', signaturePath, '--public_key', pubPath])
    : null;
  const single = opensslSingleCore();
  const baseline = single * cores;

  const gbps = (bytesPerSecond: number): string => `${(bytesPerSecond / 1e9).toFixed(2)} GB/s`;
  const row = (name: string, seconds: number | null, note = ''): string => {
    if (seconds === null) return `${name.padEnd(34)} ${'n/a'.padStart(10)}  ${note}`;
    const rate = totalBytes / seconds;
    return `${name.padEnd(34)} ${gbps(rate).padStart(10)}  ${(rate / baseline).toFixed(2).padStart(5)} × baseline  (${seconds.toFixed(2)} s) ${note}`;
  };
  console.log('');
  console.log(`Load average (1 min) before/after: ${loadBefore.toFixed(2)} / ${(loadavg()[0] ?? 0).toFixed(2)} on ${cores} cores`);
  console.log(`Model: ${sizeGib} GiB, ${files.length} files (largest ${(files[0]!.bytes / GIB).toFixed(2)} GiB), ${cores} cores`);
  console.log(`Baseline: openssl speed -evp sha256 (8 KiB) ${gbps(single)} single core × ${cores} = ${gbps(baseline)}`);
  console.log(row(`countersign verify-model (${pool.size} workers)`, best, `(best of 2: ${perRun.join('; ')})`));
  console.log(row('sha256sum (one process)', sha256sum.seconds));
  console.log(
    row(
      'model_signing verify key',
      referenceRun?.ok ? referenceRun.seconds : null,
      referenceRun === null ? `(not installed at ${reference}; run scripts/peers/setup.sh --test)` : referenceRun.ok ? '' : `(failed: ${referenceRun.output.trim().slice(0, 200)})`,
    ),
  );
  // Bytes per CPU-second (all our threads) against one core of openssl: what the code costs,
  // which other load on the machine hardly moves, unlike the wall-clock figures.
  const efficiency = totalBytes / bestCpuSeconds / single;
  console.log(`CPU cost: ${gbps(totalBytes / bestCpuSeconds)} per CPU-second = ${efficiency.toFixed(2)} × one openssl core (the ceiling for the wall-clock ratio)`);
  console.log(`Main event loop worst stall during our runs: ${worstStallMs.toFixed(1)} ms (setInterval), ${histogramMaxMs.toFixed(1)} ms (monitorEventLoopDelay max)`);
  const target = best <= totalBytes / (0.9 * baseline);
  console.log(`Targets: throughput ≥ 0.9 × baseline: ${target ? 'met' : 'NOT met'}; stall < 20 ms: ${Math.max(worstStallMs, histogramMaxMs) < 20 ? 'met' : 'NOT met'}`);
  if (process.env['COUNTERSIGN_BENCH_CLEAN'] === '1') rmSync(base, { recursive: true, force: true });
}

await main();
