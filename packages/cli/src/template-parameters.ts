/**
 * A template's parameters from the command line: `--set key=value`, a `--values` JSON file, and,
 * at a terminal, questions for the required ones still missing (from the template's JSON Schema).
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { pickerIssues, SlipwayError } from '@slipway/core';
import { InvalidArgumentError } from 'commander';
import type { TemplateView } from './client.ts';
import { promptPassword } from './password.ts';

export type Parameters = Record<string, unknown>;

/**
 * The parts of a template's parameter JSON Schema the CLI reads to list and ask for parameters;
 * the API document gives `parameters` as any JSON Schema, so this is the CLI's reading of it.
 */
export interface ParameterSchema {
  required?: string[];
  properties?: Record<string, TemplateParameter>;
}

export interface TemplateParameter {
  title?: string;
  description?: string;
  type?: string;
  enum?: unknown[];
  /** Labels of the enum's values, in order (react-jsonschema-form's, which Backstage forms read). */
  enumNames?: string[];
  default?: unknown;
  'ui:widget'?: string;
  'ui:field'?: string;
}

export const parameterSchema = (template: TemplateView) => template.parameters as ParameterSchema;

/**
 * Commander parser for a repeatable `--set key=value`. The value is JSON when it parses as JSON
 * (`3`, `true`, `["a"]`), so numbers and booleans keep their type; otherwise it is the text.
 */
export function parseSet(value: string, previous: Parameters = {}): Parameters {
  const at = value.indexOf('=');
  if (at <= 0) throw new InvalidArgumentError('It must be KEY=VALUE, e.g. --set name=orders.');
  return { ...previous, [value.slice(0, at)]: jsonOrText(value.slice(at + 1)) };
}

function jsonOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The object in a `--values` file. */
export function readValuesFile(path: string): Parameters {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new SlipwayError('invalid_input', `Cannot read ${path}: ${(error as Error).message}`);
  }
  const values = jsonOrText(text);
  if (typeof values !== 'object' || values === null || Array.isArray(values)) {
    throw new SlipwayError('invalid_input', `${path} must hold one JSON object of parameter values`, {
      hint: 'e.g. {"name": "orders", "owner": "payments"}',
    });
  }
  return values as Parameters;
}

/** Required parameters with no value given and no default to fall back on. */
export function missingParameters(template: TemplateView, given: Parameters): string[] {
  const { properties = {}, required = [] } = parameterSchema(template);
  return required.filter((name) => given[name] === undefined && properties[name]?.default === undefined);
}

/** The usage error for missing parameters when there is no terminal to ask on. */
export function missingError(template: TemplateView, missing: readonly string[]): SlipwayError {
  const example = missing.map((name) => `--set ${name}=...`).join(' ');
  return new SlipwayError('invalid_input', `Missing required parameters of ${template.ref}: ${missing.join(', ')}`, {
    fields: missing.map((name) => ({ path: `/parameters/${name}`, message: 'is required' })),
    hint: `Pass them with ${example}, or in a JSON file with --values FILE (see \`slipway template show ${template.name}\`).`,
  });
}

const isSecret = (p: TemplateParameter | undefined) => p?.['ui:widget'] === 'password' || p?.['ui:field'] === 'Secret';

const attempts = 3;

/**
 * Asks for each missing parameter on the terminal (on stderr, so stdout keeps only the result).
 * An answer its form field refuses (EntityNamePicker's name rule, an incomplete RepoUrlPicker
 * value …) is asked again, with the field's reason, as the portal's form does.
 */
export async function promptFor(template: TemplateView, missing: readonly string[]): Promise<Parameters> {
  const answers: Parameters = {};
  for (const name of missing) {
    const schema = parameterSchema(template).properties?.[name] ?? {};
    process.stderr.write(`${questionLines(name, schema).join('\n')}\n`);
    for (let attempt = 1; ; attempt++) {
      const text = isSecret(schema) ? await promptPassword('> ') : await ask('> ');
      const value = answerValue(name, schema, text);
      const [problem] = pickerIssues({ properties: { [name]: schema } }, { [name]: value });
      if (!problem) {
        answers[name] = value;
        break;
      }
      if (attempt >= attempts)
        throw new SlipwayError('invalid_input', `${name}: ${problem.message}`, { fields: [problem] });
      process.stderr.write(`  ${problem.message}\n`);
    }
  }
  return answers;
}

async function ask(prompt: string): Promise<string> {
  // One interface per question: a secret question in between needs the terminal in raw mode.
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await rl.question(prompt)).trim();
  } finally {
    rl.close();
  }
}

function questionLines(name: string, schema: TemplateParameter): string[] {
  const lines = [`${schema.title ?? name} (${name})`];
  if (schema.description) lines.push(`  ${schema.description}`);
  if (schema.enum)
    lines.push(
      ...schema.enum.map((choice, i) => {
        const label = schema.enumNames?.[i];
        return `  ${i + 1}) ${label && label !== String(choice) ? `${label} (${String(choice)})` : String(choice)}`;
      }),
    );
  if (schema['ui:field'] === 'RepoUrlPicker')
    lines.push('  as HOST?owner=OWNER&repo=REPO, e.g. github.com?owner=acme&repo=shop');
  return lines;
}

/** The typed text as the schema's type; an enum accepts a choice's number too. */
function answerValue(name: string, schema: TemplateParameter, text: string): unknown {
  if (text === '') throw new SlipwayError('invalid_input', `No value for ${name}`);
  if (schema.enum) {
    const index = Number(text);
    if (Number.isInteger(index) && index >= 1 && index <= schema.enum.length) return schema.enum[index - 1];
  }
  if (schema.type === 'number' || schema.type === 'integer' || schema.type === 'boolean') return jsonOrText(text);
  return text;
}
