import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { templateFunctions } from '../../src/provisioners/functions.ts';
import { renderValues } from '../../src/provisioners/render.ts';
import { parseTemplate, renderTemplate, type TemplateScope } from '../../src/provisioners/template.ts';
import { TemplateError } from '../../src/provisioners/template-error.ts';

const scope: TemplateScope = {
  data: {
    resource: { name: 'db', params: { port: 5432, host: 'h', tags: { team: 'a' }, hosts: ['a', 'b'] }, id: 'web.db' },
    workload: { name: 'Web_App', annotations: { 'slipway.dev/tier': 'gold' } },
    environment: { name: 'dev', domain: 'dev.example.com', namespace: 'ns' },
  },
  functions: templateFunctions({ seed: 's', uid: 'u' }),
};
const render = (text: string): unknown => renderTemplate(parseTemplate(text), scope);
const refuses = (text: string, message: RegExp) =>
  assert.throws(
    () => render(text),
    (e: unknown) => e instanceof TemplateError && message.test(e.message),
  );

describe('template language', () => {
  it('keeps the type of a lone action and turns embedded actions into text', () => {
    assert.equal(render('{{ .resource.params.port }}'), 5432);
    assert.deepEqual(render('{{ .resource.params.tags }}'), { team: 'a' });
    assert.equal(render('port {{ .resource.params.port }}!'), 'port 5432!');
    assert.equal(render('{{ .resource.params.tags }}'.repeat(2)), '{"team":"a"}{"team":"a"}');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell and Score syntax must pass through untouched
    const inert = 'no actions ${HOME} $(X)';
    assert.equal(render(inert), inert);
  });

  it('pipes a value into the last argument and nests calls', () => {
    assert.equal(render('{{ .workload.name | dnsLabel }}'), 'web-app');
    assert.equal(render('{{ print (dnsLabel .workload.name) "." .environment.domain }}'), 'web-app.dev.example.com');
    assert.equal(render('{{ .resource.params.missing | default "/" }}'), '/');
    assert.equal(render('{{ default 8080 .resource.params.port }}'), 5432);
    assert.equal(render('{{ "a-b" | replace "-" "_" | upper }}'), 'A_B');
    assert.equal(render('{{ trunc 3 "abcdef" }}'), 'abc');
    assert.equal(render('{{ b64enc "héllo" }}'), Buffer.from('héllo').toString('base64'));
    assert.equal(render('{{ "aGk=" | b64dec }}'), 'hi');
    assert.equal(render('{{ index .workload.annotations "slipway.dev/tier" }}'), 'gold');
    assert.equal(render('{{ toInt "42" }}'), 42);
    assert.equal(render('{{ index .resource.params.hosts 1 }}'), 'b');
    assert.equal(render('{{ toJson .resource.params.tags }}'), '{"team":"a"}');
    assert.equal(render('{{ "say \\"hi\\"" }}'), 'say "hi"');
    assert.equal(render('{{ "}}" }}'), '}}');
  });

  it('derives random strings from the key, the same every time', () => {
    const first = render('{{ random "password" }}');
    assert.match(String(first), /^[A-Za-z0-9]{32}$/);
    assert.equal(render('{{ random "password" }}'), first);
    assert.equal(String(render('{{ random 12 "password" }}')).length, 12);
  });

  it('reports values that are missing where text is needed, and honours required', () => {
    refuses('host: {{ .resource.params.nope }}', /"\.resource\.params\.nope" has no value/);
    refuses('{{ .resource.params.nope | required "give a host" }}', /^give a host$/);
    assert.equal(render('{{ .resource.params.nope }}'), undefined);
    assert.equal(render('{{ print "a" .resource.params.nope }}'), undefined);
  });

  it('reports syntax errors', () => {
    for (const bad of [
      '{{ .a',
      '{{ }}',
      '{{ lower }} {{ "x }}',
      '{{ .a .b }}',
      '{{ print lower "x" }}',
      '{{ (lower "x" }}',
      '{{ # }}',
      '{{ .a | "x" }}',
    ]) {
      assert.throws(() => parseTemplate(bad), TemplateError, bad);
    }
    refuses('{{ lower "a" "b" }}', /lower takes 1 argument/);
    refuses('{{ random 1000 "x" }}', /length must be an integer from 1 to 256/);
  });

  it('drops keys whose lone action has no value', () => {
    const out = renderValues(
      { a: '{{ .resource.params.nope }}', b: ['{{ .resource.params.nope }}', 'x'], c: 1 },
      scope,
      '',
    );
    assert.deepEqual(out, { b: ['x'], c: 1 });
  });
});

describe('template safety', () => {
  it('refuses functions that would read the environment or files, or run code', () => {
    for (const fn of [
      'env "HOME"',
      'expandenv "$HOME"',
      'readFile "/etc/passwd"',
      'exec "id"',
      'include "x"',
      'tpl "x"',
      'require "fs"',
    ]) {
      refuses(`{{ ${fn} }}`, /is not available: provisioner templates cannot read the process environment or files/);
    }
    refuses('{{ system "id" }}', /unknown function "system" \(functions: .*b64enc/);
  });

  it('reaches nothing outside the context', () => {
    refuses(
      '{{ .process.env.HOME }}',
      /"\.process" is not part of the template context \(it has \.resource, \.workload, \.environment\)/,
    );
    refuses('{{ .globalThis }}', /not part of the template context/);
    refuses('{{ .constructor }}', /"constructor" is not accessible/);
    refuses('{{ .resource.constructor.constructor }}', /"constructor" is not accessible/);
    refuses('{{ .resource.__proto__ }}', /"__proto__" is not accessible/);
    refuses('{{ index .resource "__proto__" }}', /"__proto__" is not accessible/);
    refuses('{{ .resource.name.length }}', /"resource\.name" has no fields/);
    refuses('{{ index .resource.params.hosts "length" }}', /a list is read by position/);
    assert.equal(render('{{ .resource.params.tags.toString }}'), undefined, 'inherited members are invisible');
  });

  it('never re-reads a value as a template (no injection through params)', () => {
    const injected: TemplateScope = {
      ...scope,
      data: { ...scope.data, resource: { params: { host: '{{ env "HOME" }}' } } },
    };
    assert.equal(renderTemplate(parseTemplate('{{ .resource.params.host }}'), injected), '{{ env "HOME" }}');
    assert.equal(renderTemplate(parseTemplate('h={{ .resource.params.host }}'), injected), 'h={{ env "HOME" }}');
  });

  it('bounds the size of templates and nesting', () => {
    assert.throws(() => parseTemplate('x'.repeat(70_000)), /longer than/);
    assert.throws(() => parseTemplate(`{{ ${'('.repeat(40)}"x"${')'.repeat(40)} }}`), /deeper than/);
    const started = performance.now();
    parseTemplate('{{ .a | lower }}'.repeat(4000));
    assert.ok(performance.now() - started < 1000, 'parsing stays linear');
  });
});
