// `npm run build` (last step): bundles the compiled server (dist/src/server.js and every package it
// loads) into dist/server.bundle.cjs, with V8's code cache for it, which dist/src/main.js loads when
// they exist (src/load-bundle.ts). One precompiled file instead of about two thousand modules halves a
// start-up. esbuild comes with tsx, a dependency, and is named in devDependencies for this script.
import { readFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { build } from 'esbuild';

const root = resolve(import.meta.dirname, '..');
const outfile = resolve(root, 'dist/server.bundle.cjs');

// Our modules find their data next to themselves (migrations, catalogues, content, the playground page):
// give each its own file's URL back, relative to the bundle (__ivrBundleUrl, set in the banner).
const ownUrl = {
  name: 'own-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /[/\\]dist[/\\](src|cards|dialogs)[/\\].*\.js$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const rel = `./${relative(dirname(outfile), args.path).split('\\').join('/')}`;
      const own = `new URL(${JSON.stringify(rel)}, __ivrBundleUrl).href`;
      return { contents: text.replaceAll('import.meta.url', own), loader: 'js' };
    });
  },
};

// teams-ai's sign-in flows are the only users of botbuilder-dialogs; see the stub.
const withoutDialogs = {
  name: 'without-botbuilder-dialogs',
  setup(b) {
    b.onResolve({ filter: /^botbuilder-dialogs$/ }, () => ({
      path: resolve(root, 'scripts/stubs/botbuilder-dialogs.cjs'),
    }));
  },
};

await build({
  entryPoints: [resolve(root, 'dist/src/server.js')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // Loaded from their own folders at run time: PGlite's WebAssembly and data, pg's optional native
  // binding, pino's worker-thread transports, ws's optional native helpers.
  external: ['@electric-sql/pglite', 'pg', 'pg-native', 'pino', 'bufferutil', 'utf-8-validate'],
  plugins: [ownUrl, withoutDialogs],
  banner: { js: "const __ivrBundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  // ES modules of packages asking for their own URL get the bundle's, as in any bundle.
  define: { 'import.meta.url': '__ivrBundleUrl' },
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
});

// Run it once (module top levels only: nothing starts) and keep V8's compiled code.
const { loadBundle } = await import('../dist/src/load-bundle.js');
loadBundle(outfile, { writeCache: true });
process.exit(0);
