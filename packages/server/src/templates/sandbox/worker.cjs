'use strict';
/**
 * The template sandbox's process: Nunjucks, configured as Backstage's scaffolder configures it,
 * rendering requests that arrive as JSON lines on stdin and answering on stdout. Plain
 * JavaScript, because it runs under a bare `node` started with the permission model (see
 * process.ts): it may read this file and Nunjucks' browser build, nothing else; it may not
 * write files, start processes or threads. Its environment is empty.
 *
 * Inside, Nunjucks runs in a fresh `vm` context whose global has no `process`, `require`,
 * `fetch` or `Buffer`: `constructor.constructor('return process')` finds that context's
 * `Function`, which sees nothing of Node. The process boundary is what holds; the context is
 * the second wall. The process is synchronous from start to end (it blocks reading stdin), so
 * a promise a template makes (`import()`, timers) never runs.
 *
 * Filters Backstage runs on its host (parseRepoUrl, parseEntityRef, pick, projectSlug) are asked
 * of the parent in the middle of a render: a `{"call"}` line out, its JSON answer back in.
 */
const fs = require('node:fs');
const vm = require('node:vm');

const [nunjucksPath, limitsJson] = process.argv.slice(2);
const nunjucksSource = fs.readFileSync(nunjucksPath, 'utf8');

// Only these leave this scope; the context below never sees them.
const readSync = fs.readSync;
const writeSync = fs.writeSync;
const NodeBuffer = Buffer;
const chunk = NodeBuffer.alloc(64 * 1024);
let pending = '';

/** The next line of stdin, blocking until it is there; null when stdin closed. */
function readLine() {
  for (;;) {
    const end = pending.indexOf('\n');
    if (end !== -1) {
      const line = pending.slice(0, end);
      pending = pending.slice(end + 1);
      return line;
    }
    let read;
    try {
      read = readSync(0, chunk, 0, chunk.length, null);
    } catch (error) {
      // stdin is a non-blocking socket: wait a millisecond for more.
      if (error.code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
        continue;
      }
      throw error;
    }
    if (read === 0) return null;
    pending += chunk.toString('utf8', 0, read);
  }
}

function writeLine(text) {
  const bytes = NodeBuffer.from(`${text}\n`, 'utf8');
  let at = 0;
  while (at < bytes.length) {
    try {
      at += writeSync(1, bytes, at);
    } catch (error) {
      if (error.code !== 'EAGAIN') throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
    }
  }
}

/** Asks the parent to run a host filter: strings in, a string out, nothing else crosses. */
function callHost(name, argsJson) {
  writeLine(`{"call":${JSON.stringify(name)},"args":${argsJson}}`);
  const answer = readLine();
  if (answer === null) throw new Error('the sandbox lost its parent');
  return answer;
}

// The context's global: a null-prototype object, so `this.constructor` inside reaches the
// context's own Object, not this realm's.
const context = vm.createContext(Object.create(null), { name: 'template sandbox' });
const setup = vm.runInContext(
  `(function setup(nunjucksSource, limitsJson, callHost) {
  'use strict';
  const limits = JSON.parse(limitsJson);
  const module = { exports: {} };
  new Function('module', 'exports', 'process', 'require', nunjucksSource)(module, module.exports, { env: {} }, function () {});
  const nunjucks = module.exports;
  const options = { autoescape: false, tags: { variableStart: '\${{', variableEnd: '}}' } };
  const env = new nunjucks.Environment([], options);

  for (const name of ${JSON.stringify(['parseRepoUrl', 'parseEntityRef', 'pick', 'projectSlug'])}) {
    env.addFilter(name, function () {
      const answer = JSON.parse(callHost(name, JSON.stringify(Array.prototype.slice.call(arguments))));
      if (answer.error !== undefined) throw new Error(name + ': ' + answer.error);
      return answer.value;
    });
  }

  // Nunjucks' replace, refused before it makes a string past expressionResult.
  const replace = env.getFilter('replace');
  env.addFilter('replace', function (value, what, by, maxCount) {
    if (typeof value === 'string' && typeof what === 'string') {
      const found = what === '' ? value.length + 1 : value.split(what).length - 1;
      const count = typeof maxCount === 'number' && maxCount >= 0 ? Math.min(found, maxCount) : found;
      const size = value.length + count * (String(by).length - what.length);
      if (size > limits.expressionResult)
        throw new Error('its replace filter would make ' + size.toLocaleString('en') + ' characters: ' + limitText('expressionResult'));
    }
    return replace.call(this, value, what, by, maxCount);
  });

  function limitText(name) {
    const n = limits[name];
    const amount = n % 1048576 === 0 ? n / 1048576 + ' MiB' : n % 1024 === 0 ? n / 1024 + ' KiB' : n + ' characters';
    return 'the limit is ' + amount + ' (' + name + ')';
  }

  function Failure(message, path) {
    this.message = message;
    this.path = path;
  }

  function counter() {
    let size = 0;
    return function (chars) {
      size += chars;
      if (size > limits.renderedText) throw new Failure('it renders to more text than allowed: ' + limitText('renderedText'), []);
    };
  }

  function render(text, values) {
    return env.renderString(text, values);
  }

  /** As Backstage: a string that is one expression keeps the expression's JSON type. */
  function isSingleExpression(text) {
    const parsed = nunjucks.parser.parse(text, env.extensionsList, options);
    return parsed.children.length === 1 && !(parsed.children[0] instanceof nunjucks.nodes.TemplateData);
  }

  function renderString(text, values) {
    if (isSingleExpression(text)) {
      try {
        const dumped = render(text.replace(/\\$\\{\\{(.+)\\}\\}/g, '\${{ ( $1 ) | dump }}'), values);
        return dumped === '' ? undefined : JSON.parse(dumped);
      } catch (_) {
        // Not JSON (or not one expression after all): rendered as text below, as Backstage does.
      }
    }
    const text2 = render(text, values);
    return text2 === '' ? undefined : text2;
  }

  function renderValue(input, values, path, count, depth) {
    try {
      if (typeof input === 'string') {
        const out = renderString(input, values);
        if (typeof out === 'string') count(out.length);
        else if (out !== undefined && out !== null && typeof out === 'object') count(JSON.stringify(out).length);
        return out;
      }
    } catch (error) {
      if (error instanceof Failure) throw new Failure(error.message, path);
      throw new Failure(String(error && error.message), path);
    }
    if (input === null || typeof input !== 'object') return input;
    if (depth > limits.specDepth)
      throw new Failure('A template value nests deeper than ' + limits.specDepth + ' levels, the limit (specDepth)', path);
    if (Array.isArray(input)) return input.map((item, i) => renderValue(item, values, path.concat(String(i)), count, depth + 1));
    const out = {};
    for (const key of Object.keys(input)) {
      const value = renderValue(input[key], values, path.concat(key), count, depth + 1);
      if (value !== undefined) out[key] = value;
    }
    return out;
  }

  const forbidden = ['constructor', '__proto__', 'prototype'];

  /** What a template holds that cannot work, found before it runs: syntax, unknown filters, code paths. */
  function problemsOf(text) {
    let root;
    try {
      root = nunjucks.parser.parse(text, env.extensionsList, options);
    } catch (error) {
      return [String(error.message)];
    }
    const problems = [];
    for (const filter of root.findAll(nunjucks.nodes.Filter)) {
      const name = filter.name && filter.name.value;
      if (typeof name === 'string' && !Object.prototype.hasOwnProperty.call(env.filters, name))
        problems.push('filter not found: ' + name);
    }
    for (const lookup of root.findAll(nunjucks.nodes.LookupVal)) {
      const key = lookup.val && lookup.val.value;
      if (forbidden.includes(key)) problems.push('"' + key + '" cannot be accessed');
    }
    for (const symbol of root.findAll(nunjucks.nodes.Symbol)) {
      if (forbidden.includes(symbol.value)) problems.push('"' + symbol.value + '" cannot be accessed');
    }
    return problems;
  }

  function check(input, path, problems) {
    if (typeof input === 'string') {
      for (const message of problemsOf(input)) problems.push({ path, message });
    } else if (input !== null && typeof input === 'object') {
      for (const key of Object.keys(input)) check(input[key], path.concat(key), problems);
    }
    return problems;
  }

  const ops = {
    value: (request) => ({ value: renderValue(request.input, request.values, [], counter(), 1) }),
    text: (request) => {
      const out = render(request.text, request.values);
      counter()(out.length);
      return { value: out };
    },
    check: (request) => ({ problems: check(request.input, [], []) }),
  };

  return function handle(line) {
    try {
      const request = JSON.parse(line);
      const op = ops[request.op];
      if (!op) return JSON.stringify({ error: 'unknown request ' + request.op });
      return JSON.stringify(op(request));
    } catch (error) {
      if (error instanceof Failure) return JSON.stringify({ error: error.message, path: error.path });
      return JSON.stringify({ error: String(error && error.message) });
    }
  };
})`,
  context,
);
const handle = setup(nunjucksSource, limitsJson, callHost);

// Nothing of Node is needed past this point but the two calls kept above.
for (const name of ['process', 'Buffer', 'fetch', 'WebSocket', 'require', 'module']) {
  try {
    delete globalThis[name];
  } catch {
    // a name this Node does not have
  }
}

writeLine('{"ready":true}');
for (let line = readLine(); line !== null; line = readLine()) writeLine(handle(line));
