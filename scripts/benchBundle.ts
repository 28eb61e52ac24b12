// What a first visit downloads before the first image: the entry chunk, the app it imports (its
// `boot` chunk: the entry only starts the simulation worker, then loads the app; see main.tsx),
// every chunk those import statically (transitively) and the simulation worker's
// bundle, gzipped; other dynamic import()s are left out (they load on demand or beside the image).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

export function firstFrameJs(distDir: string): { files: { file: string; gzipBytes: number }[]; gzipBytes: number } {
  const html = fs.readFileSync(path.join(distDir, 'index.html'), 'utf8');
  const entry = html.match(/src="[^"]*?(assets\/index-[^"]+\.js)"/)?.[1];
  if (!entry) throw new Error(`No entry script in ${distDir}/index.html`);
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = fs.readFileSync(path.join(distDir, file), 'utf8');
    // Static imports at statement level (import x from "./a.js", import "./a.js"), not import("./a.js").
    for (const m of source.matchAll(/(?:^|[;}\n])\s*import\s*(?:[^'"()]*?from\s*)?["'](\.\/[^"']+\.js)["']/g)) queue.push(path.join(path.dirname(file), m[1]));
    for (const m of source.matchAll(/new URL\(["'`]([^"'`]*simulationWorker[^"'`]+\.js)["'`]/g)) queue.push(path.join('assets', path.basename(m[1])));
    if (file === entry) for (const m of source.matchAll(/import\(["'`](\.\/boot-[^"'`]+\.js)["'`]\)/g)) queue.push(path.join(path.dirname(file), m[1]));
  }
  const files = [...seen].map((file) => ({ file, gzipBytes: zlib.gzipSync(fs.readFileSync(path.join(distDir, file)), { level: 9 }).length }));
  return { files, gzipBytes: files.reduce((a, f) => a + f.gzipBytes, 0) };
}
