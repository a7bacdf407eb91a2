// The production install (`npm ci --omit=dev`) has only `dependencies`: every package the server or the domain
// imports at run time must be there, and the build tools (tsx, TypeScript, Vite) and the UI libraries must not.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** Files of server/ and domain/ that run in production (the build leaves out tests and their helpers). */
function runtimeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'test' || name === 'migrations' ? [] : runtimeFiles(path);
    if (!name.endsWith('.ts') || name.endsWith('.test.ts') || name === 'test-support.ts' || name === 'test-fixtures.ts') return [];
    if (name === 'drizzle.config.ts') return [];
    return [path];
  });
}

/** Package names of the value imports in a source file (type-only imports vanish from the build). */
export function importedPackages(source: string): string[] {
  const names = new Set<string>();
  const patterns = [/^\s*import\s+(?!type\s)[^'"]*?from\s+'([^'.][^']*)'/gms, /^\s*import\s+'([^'.][^']*)'/gm, /\bimport\(\s*'([^'.][^']*)'\s*\)/g, /\brequire\.resolve\(\s*'([^'.][^']*)'/g];
  for (const re of patterns) {
    for (const m of source.matchAll(re)) {
      const spec = m[1]!;
      if (spec.startsWith('node:') || builtinModules.includes(spec)) continue;
      names.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
    }
  }
  return [...names];
}

describe('run-time dependencies', () => {
  it('finds value imports and skips type-only ones and built-ins', () => {
    const found = importedPackages(
      "import type { X } from 'vite';\nimport fastify, { type A } from 'fastify';\nimport { sql } from 'drizzle-orm/pg-core';\n" +
        "import { join } from 'node:path';\nimport x from './local.js';\nconst m = await import('@fastify/static');\nrequire.resolve('dejavu-fonts-ttf/package.json');\n",
    );
    assert.deepEqual(found.sort(), ['@fastify/static', 'dejavu-fonts-ttf', 'drizzle-orm', 'fastify']);
  });

  it('every package the server and the domain load is a dependency', () => {
    const missing: string[] = [];
    for (const file of [...runtimeFiles(join(ROOT, 'server')), ...runtimeFiles(join(ROOT, 'domain'))]) {
      for (const name of importedPackages(readFileSync(file, 'utf8'))) {
        if (!(name in pkg.dependencies)) missing.push(`${file.slice(ROOT.length)}: ${name}`);
      }
    }
    assert.deepEqual(missing, [], 'move these to "dependencies" in package.json');
  });

  it('build tools and UI libraries are devDependencies only', () => {
    for (const name of ['tsx', 'typescript', 'vite', 'react', 'react-dom', 'antd', 'survey-react-ui']) {
      assert.ok(!(name in pkg.dependencies), `${name} is not needed at run time`);
      assert.ok(name in pkg.devDependencies, `${name} is needed to build`);
    }
  });
});
