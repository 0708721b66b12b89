// Loads the server bundle (dist/server.bundle.cjs, made by scripts/bundle.mjs) with V8's code cache:
// compiling five megabytes of JavaScript is most of what is left of a start-up once the modules are
// one file, and Node 20 caches no compiled code by itself. A cache that does not match (another Node,
// other V8 flags) is rejected by V8 and the bundle compiles as usual.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname } from 'node:path';
import vm from 'node:vm';

export function loadBundle<T>(file: string, opts: { writeCache?: boolean } = {}): T {
  const cacheFile = `${file}.cache`;
  const cachedData = existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
  const script = new vm.Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file, cachedData });
  const module = { exports: {} as T };
  const factory = script.runInThisContext() as (...args: unknown[]) => void;
  factory(module.exports, createRequire(file), module, file, dirname(file));
  // After running: the cache then holds the functions that ran, not only the top level.
  if (opts.writeCache) writeFileSync(cacheFile, script.createCachedData());
  return module.exports;
}
