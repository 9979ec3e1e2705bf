// The one place both bundles are configured: the browser page (app.js + worker.js) and the `podlab` CLI (dist/node).
import path from 'node:path';
import type { BuildOptions, Plugin } from 'esbuild';
import { CORE_SCRIPT } from './classic-core.ts';
import { REPO_ROOT } from './repo-root.ts';

/** The page's entry points: app.js for every page, worker.js only where the Kernel runs in the page (static build). */
export const WEB_ENTRIES = { app: 'web/main.ts', worker: 'web/worker.ts' } as const;

/** esbuild options for the page; `write: false`, the caller keeps the files in memory. */
export function webBuildOptions(entries: (keyof typeof WEB_ENTRIES)[], minify: boolean): BuildOptions {
  return {
    absWorkingDir: REPO_ROOT,
    entryPoints: Object.fromEntries(entries.map((k) => [k, WEB_ENTRIES[k]])),
    bundle: true,
    format: 'esm',
    // app.js and worker.js share the lesson parser, markdown-it and yaml: one chunk, loaded once.
    splitting: true,
    chunkNames: 'chunk-[hash]',
    platform: 'browser',
    target: ['es2022', 'chrome110', 'firefox115', 'safari16'],
    minify,
    legalComments: 'none',
    loader: { '.css': 'text' },
    outdir: 'out-web',
    write: false,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  };
}

/** Where the CLI bundle is written, relative to the repository root. */
export const CLI_OUT_DIR = 'dist/node';

/**
 * The CLI's entry points, keyed by their source path without `.ts`, so that a worker thread's source entry
 * (`src/node/grade/worker.ts`) maps to `dist/node/src/node/grade/worker.js` (see worker-entry.ts).
 */
export const CLI_ENTRIES = [
  'src/node/cli/main.ts',
  'src/node/grade/worker.ts',
  'src/node/server/session-worker.ts',
  'src/node/apiserver/isolated/world-child.ts',
];

/**
 * Packages the CLI bundle leaves to Node's own loader: native code or binaries (node-pty, esbuild), files read beside
 * the package (pglite's wasm, tsx's loader), optional native add-ons (ws, pg), and @kubernetes/client-node, which only
 * the kube backend loads, lazily. Every other package (commander, yaml, markdown-it, re2js) is bundled: resolving and
 * reading its ~80 files one by one was most of `podlab run`'s start-up.
 */
export const CLI_EXTERNAL_PACKAGES = ['@kubernetes/client-node', '@electric-sql/pglite', 'esbuild', 'node-pty', 'pg', 'tsx', 'ws'];

/** The modules the classic core script exports (see classic-core.ts), by the name of its export. */
export const CLASSIC_CORE_MODULES = { core: 'src/core/index.ts', sim: 'src/core/sim/index.ts', yaml: 'yaml' } as const;
export type ClassicCoreModule = keyof typeof CLASSIC_CORE_MODULES;
/** The name esbuild gives the classic script's generated entry (in its metafile; not a file). */
export const CLASSIC_CORE_ENTRY = 'classic-core-entry.js';

/**
 * esbuild options for the CLI's core as one classic script (CommonJS format, no splitting): src/core through its two
 * facades, with markdown-it, re2js and yaml. src/core imports nothing from Node, so the script needs no `require`
 * beyond the built-ins yaml asks for. (commander in it too made no measurable difference: what the entry saved in
 * compiling, the larger cache cost in reading.)
 */
export function classicCoreBuildOptions(outDir: string = CLI_OUT_DIR): BuildOptions & { metafile: true } {
  return {
    absWorkingDir: REPO_ROOT,
    stdin: {
      contents: Object.entries(CLASSIC_CORE_MODULES)
        .map(([name, file]) => `export * as ${name} from ${JSON.stringify(file.endsWith('.ts') ? `./${file}` : file)};`)
        .join('\n'),
      resolveDir: REPO_ROOT,
      sourcefile: CLASSIC_CORE_ENTRY,
    },
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    outfile: `${outDir}/${CORE_SCRIPT}`,
    minifyWhitespace: true,
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
  };
}

/**
 * Redirects the CLI's imports of the core facades and of yaml (from outside src/core) to small modules that take
 * their exports from the classic core script, so the CLI holds one copy of the core, compiled with its code cache.
 * `exportNames` are the names each module exports, read from the built script.
 */
export function classicCorePlugin(exportNames: Record<ClassicCoreModule, string[]>): Plugin {
  const namespace = 'podlab-classic-core';
  const loader = path.join(REPO_ROOT, 'src/node/bundle/classic-core.ts');
  const coreDir = path.join(REPO_ROOT, 'src/core') + path.sep;
  const byPath = new Map<string, ClassicCoreModule>();
  const packages: string[] = [];
  for (const [name, file] of Object.entries(CLASSIC_CORE_MODULES) as [ClassicCoreModule, string][]) {
    byPath.set(file.endsWith('.ts') ? path.join(REPO_ROOT, file) : file, name);
    if (!file.endsWith('.ts')) packages.push(file);
  }
  const filter = new RegExp(`^(${packages.join('|')})$|[\\\\/]index\\.ts$`);
  return {
    name: namespace,
    setup(b) {
      b.onResolve({ filter }, (args) => {
        if (args.importer.startsWith(coreDir)) return undefined;
        const name = byPath.get(packages.includes(args.path) ? args.path : path.resolve(args.resolveDir, args.path));
        return name === undefined ? undefined : { path: name, namespace };
      });
      b.onLoad({ filter: /.*/, namespace }, (args) => {
        const names = exportNames[args.path as ClassicCoreModule];
        // A CommonJS package's namespace has a `default` (the package's module.exports), which is no binding name.
        const named = names.filter((n) => n !== 'default');
        return {
          contents: [
            `import { classicCore } from ${JSON.stringify(loader)};`,
            `const m = classicCore().exports.${args.path};`,
            `export const { ${named.join(', ')} } = m;`,
            ...(names.includes('default') ? ['export default m.default;'] : []),
          ].join('\n'),
          resolveDir: REPO_ROOT,
          loader: 'js',
        };
      });
    },
  };
}

/**
 * commander requires node:child_process when it loads, for executable subcommands podlab does not have; loading it
 * (with net, dgram and streams) took ~7 ms of every start. In the bundle, commander gets it on first use instead.
 */
export function lazyChildProcessPlugin(): Plugin {
  const namespace = 'podlab-lazy-child-process';
  return {
    name: namespace,
    setup(b) {
      b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
        /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace } : undefined,
      );
      b.onLoad({ filter: /.*/, namespace }, () => ({
        contents: "module.exports = new Proxy({}, { get: (_, key) => require('node:child_process')[key] });",
        loader: 'js',
      }));
    },
  };
}

/**
 * esbuild options for the CLI: our code and the small packages in a few chunks (commands and backends split at their
 * dynamic imports, so `podlab run` never loads @kubernetes/client-node), the packages above left external.
 */
export function cliBuildOptions(plugins: Plugin[] = []): BuildOptions & { metafile: true } {
  return {
    plugins: [lazyChildProcessPlugin(), ...plugins],
    absWorkingDir: REPO_ROOT,
    entryPoints: Object.fromEntries(CLI_ENTRIES.map((e) => [e.replace(/\.ts$/, ''), e])),
    bundle: true,
    format: 'esm',
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    platform: 'node',
    target: 'node20',
    external: CLI_EXTERNAL_PACKAGES.flatMap((p) => [p, `${p}/*`]),
    // Bundled CommonJS packages (commander, yaml) call require() for Node's built-ins: give every chunk one.
    banner: { js: "import { createRequire as __podlabRequire } from 'node:module'; const require = __podlabRequire(import.meta.url);" },
    outdir: CLI_OUT_DIR,
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
  };
}
