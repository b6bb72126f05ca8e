import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, validate } from 'graphql';
import { buildSchema } from '../../src/api/schema.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DOCS = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

/** Every GraphQL operation of the ```graphql blocks of a Markdown file: a line starting with an operation keyword begins one, indented lines continue it. */
function documentedOperations(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const operations: string[] = [];
  for (const [, block] of text.matchAll(/```graphql\n([\s\S]*?)```/g)) {
    for (const line of block!.split('\n')) {
      if (/^(query|mutation|subscription)\b/.test(line)) operations.push(line);
      else if (line.trim() !== '' && operations.length > 0) operations[operations.length - 1] += `\n${line}`;
    }
  }
  return operations;
}

/** Names of the variables the configuration schemas in `src/config/` read (their `NAME: z…` keys). */
function configuredVariables(): string[] {
  const folder = join(ROOT, 'src', 'config');
  const names = new Set<string>();
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.ts'))) {
    for (const [, name] of readFileSync(join(folder, file), 'utf8').matchAll(/^\s+([A-Z][A-Z0-9_]+): (?:z\.|int\(|optionalInt|onOff|positive)/gm)) names.add(name!);
  }
  return [...names].sort();
}

describe('documentation', () => {
  const schema = buildSchema();

  it.each(DOCS)('should hold only GraphQL examples that are valid against schema/*.graphql in %s', (file) => {
    const problems = documentedOperations(file).flatMap((operation) => validate(schema, parse(operation)).map((error) => `${operation.split('\n')[0]!.slice(0, 80)}…: ${error.message}`));
    expect(problems).toEqual([]);
  });

  it('should show the tour\'s job, backup, restore and export calls in the README', () => {
    const operations = documentedOperations('README.md').join('\n');
    for (const call of ['jobProgress(', 'connectOrg(', 'startBackup(', 'startRestore(', 'restore(id:', 'startExport(', 'export(id:']) expect(operations).toContain(call);
  });

  it('should document every variable the configuration reads in docs/configuration.md', () => {
    const reference = readFileSync(join(ROOT, 'docs', 'configuration.md'), 'utf8');
    const variables = configuredVariables();
    // One variable of each configuration file: the extraction above still finds them.
    expect(variables).toEqual(expect.arrayContaining(['PORT', 'MONGODB_URI', 'LONGHAUL_MAX_TOKENS', 'LONGHAUL_HEAP_SNAPSHOTS', 'LONGHAUL_SANDBOX_URL', 'LONGHAUL_TENANT_MAX_QUEUED', 'LONGHAUL_ALERT_WEBHOOKS']));
    expect(variables.filter((name) => !reference.includes(`\`${name}\``))).toEqual([]);
  });
});
