// ODK's reference engine (the one tools/odk-reference installs) on jobs the tests give it:
//   {"mode": "create", "form": F, "answers": {...}}  apply answers (as tools/odk-reference
//        does), print every node's state and the instance XML the engine would submit;
//   {"mode": "edit", "form": F, "xml": X}           load instance XML X as an edit of F,
//        print every node's state.
// Attached files (jr://file/x.csv, .geojson, .xml) are read from the form's own folder.
//   node odk_instance.mjs ENGINE_DIR JOBS.json  ->  one JSON result per job, in order
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [engineDir, jobsPath] = process.argv.slice(2);
globalThis.__dirname = join(engineDir, 'node_modules/@getodk/xforms-engine/dist');
const { JSDOM } = await import(pathToFileURL(join(engineDir, 'node_modules/jsdom/lib/api.js')).href);
const dom = new JSDOM('');
for (const k of ['document', 'DOMParser', 'XMLSerializer', 'Node', 'Element', 'Document', 'XPathResult',
  'NodeFilter', 'Attr', 'Text', 'XMLDocument', 'DocumentFragment', 'HTMLElement']) {
  if (dom.window[k] && !globalThis[k]) globalThis[k] = dom.window[k];
}
const engine = await import(pathToFileURL(join(engineDir, 'node_modules/@getodk/xforms-engine/dist/index.js')).href);

const TYPES = { csv: 'text/csv', geojson: 'application/geo+json', xml: 'text/xml' };
const options = (formPath) => ({
  form: {
    fetchFormAttachment: async (url) => {
      const name = decodeURIComponent(String(url.href ?? url).split('/').pop());
      const extension = name.split('.').pop().toLowerCase();
      const body = readFileSync(join(dirname(formPath), name));
      return new Response(body, { headers: { 'content-type': TYPES[extension] ?? 'text/plain' } });
    },
  },
});

function states(root) {
  const found = {};
  const walk = (n) => {
    const s = n.currentState;
    found[s.reference] = {
      type: n.nodeType, relevant: s.relevant, required: s.required, readonly: s.readonly,
      value: typeof s.value === 'object' && s.value !== null && !Array.isArray(s.value) ? String(s.value) : (s.value ?? null),
      constraint_ok: n.validationState?.constraint?.valid ?? null,
      required_ok: n.validationState?.required?.valid ?? null,
    };
    for (const c of s.children ?? []) walk(c);
  };
  walk(root);
  return found;
}

function nodes(root) {
  const found = new Map();
  const walk = (n) => { found.set(n.currentState.reference, n); for (const c of n.currentState.children ?? []) walk(c); };
  walk(root);
  return found;
}

// Jobs come grouped by form: the form is parsed once (ODK's loadForm) and each job makes a
// fresh instance of it, as Web Forms does for a new or edited submission of a loaded form.
let loaded = { path: null, form: null };
async function formOf(path) {
  if (loaded.path !== path) {
    loaded = { path: null, form: null };
    const form = await engine.loadForm(readFileSync(path, 'utf8'), options(path).form);
    if (form.status === 'failure') throw form.error;
    loaded = { path, form };
  }
  return loaded.form;
}

async function create(job) {
  const { root } = (await formOf(job.form)).createInstance();
  for (const [key, value] of Object.entries(job.answers ?? {})) {
    if (key === 'lang') {
      const lang = root.languages.find((l) => l.language === value || l.language.endsWith(`(${value})`));
      root.setLanguage(lang);
      continue;
    }
    const add = key.startsWith('+');
    const node = nodes(root).get(add ? key.slice(1) : key);
    if (!node) throw new Error(`no node ${key}`);
    if (add) node.addInstances(undefined, Number(value));
    else if (node.nodeType === 'select') Array.isArray(value) ? node.selectValues(value) : node.selectValue(value);
    else node.setValue(value);
  }
  return { states: states(root), xml: root.instanceState.instanceXML };
}

async function edit(job) {
  const form = await formOf(job.form);
  const data = new FormData();
  data.set('xml_submission_file', new File([job.xml], 'xml_submission_file', { type: 'text/xml' }));
  const { root } = await form.editInstance({ inputType: 'FORM_INSTANCE_INPUT_RESOLVED', data: [data] });
  return { states: states(root) };
}

const jobs = JSON.parse(readFileSync(jobsPath, 'utf8'));
const results = [];
for (const job of jobs) {
  try {
    results.push(job.mode === 'edit' ? await edit(job) : await create(job));
  } catch (error) {
    results.push({ error: String(error?.stack ?? error).slice(0, 2000) });
  }
}
console.log(JSON.stringify(results, (k, v) => (typeof v === 'bigint' ? Number(v) : v)));
