// Runs ODK's reference engine (@getodk/xforms-engine) through explicit steps, among them
// removing a repeat instance and switching the language, and prints each node's state as
// the shared runner does. Copied beside the engine's node_modules before it runs.
//
//   node odk_steps.mjs JOBS.json
//
// JOBS.json: [{"form": "F.xml", "runs": [[step, ...], ...], "output": "OUT.json"}, ...]
// The form's attachments (jr://file/NAME: CSV, GeoJSON, XML choice files) are read from
// the folder of F.xml; nothing is fetched from anywhere else.
// A step: ["set", "/data/age", "50"], ["add", "/data/people", 2],
//         ["remove", "/data/people", 0] (0-based index), ["lang", "es"].
globalThis.__dirname = new URL('./node_modules/@getodk/xforms-engine/dist', import.meta.url).pathname;
import { JSDOM } from 'jsdom';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

const dom = new JSDOM('');
for (const k of ['document', 'DOMParser', 'XMLSerializer', 'Node', 'Element', 'Document', 'XPathResult',
  'NodeFilter', 'Attr', 'Text', 'XMLDocument', 'DocumentFragment', 'HTMLElement']) {
  if (dom.window[k] && !globalThis[k]) globalThis[k] = dom.window[k];
}
const { loadForm } = await import('@getodk/xforms-engine');

function nodesOf(root) {
  const found = new Map();
  const walk = (n) => { found.set(n.currentState.reference, n); for (const c of n.currentState.children ?? []) walk(c); };
  walk(root);
  return found;
}

function attachmentsBeside(formPath) {
  return async (url) => {
    const file = join(dirname(formPath), basename(decodeURIComponent(url.pathname ?? String(url))));
    if (!existsSync(file)) return { ok: false, status: 404, text: async () => '', blob: async () => new Blob([]) };
    const text = readFileSync(file, 'utf8');
    return { ok: true, status: 200, text: async () => text, blob: async () => new Blob([text]) };
  };
}

// The form is parsed once (ODK's loadForm); each run is a fresh instance of it.
async function load(xml, formPath) {
  const form = await loadForm(xml, { fetchFormAttachment: attachmentsBeside(formPath) });
  if (form.status === 'failure') throw form.error;
  return form;
}

async function run(form, steps) {
  const { root } = form.createInstance();
  for (const [kind, where, value] of steps) {
    if (kind === 'lang') {
      const lang = root.languages.find((l) => l.language === where || l.language.endsWith(`(${where})`));
      if (!lang) throw new Error(`no language ${where}`);
      root.setLanguage(lang);
      continue;
    }
    const node = nodesOf(root).get(where);
    if (!node) throw new Error(`no node ${where}`);
    if (kind === 'add') node.addInstances(undefined, Number(value));
    else if (kind === 'remove') node.removeInstances(Number(value), 1);
    else if (node.nodeType === 'select') Array.isArray(value) ? node.selectValues(value) : node.selectValue(value);
    else node.setValue(value);
  }
  const out = {};
  for (const [ref, n] of nodesOf(root)) {
    const s = n.currentState;
    out[ref] = {
      type: n.nodeType, relevant: s.relevant, required: s.required, readonly: s.readonly,
      value: typeof s.value === 'object' && s.value !== null && !Array.isArray(s.value) ? String(s.value) : (s.value ?? null),
      constraint_ok: n.validationState?.constraint?.valid ?? null,
      required_ok: n.validationState?.required?.valid ?? null,
    };
  }
  return out;
}

const jobs = JSON.parse(readFileSync(process.argv[2], 'utf8'));
for (const job of jobs) {
  const xml = readFileSync(job.form, 'utf8');
  const results = [];
  let form = null;
  for (const steps of job.runs) {
    try {
      form ??= await load(xml, job.form);
      results.push(await run(form, steps));
    } catch (error) {
      results.push({ error: String(error) });
    }
  }
  writeFileSync(job.output, JSON.stringify(results, (k, v) => (typeof v === 'bigint' ? Number(v) : v)));
}
