// Offline validation of deploy/kubernetes; started by ../validate (which installs the tools). For each
// kustomization folder: yamllint, render with real kustomize (kubectl kustomize), then check every object:
//   1. schema       kubernetes-models' validate() (Kubernetes 1.34 OpenAPI schemas: types, required fields, enums)
//   2. fields       no unknown fields (the schemas allow them; the API server's strict field validation does not)
//   3. references   selectors select pods, ports and named ports exist, HPA/PDB/Ingress targets exist, every
//                   ConfigMap/Secret/PVC/volume a pod uses exists (Secrets may be the documented external ones)
//   4. rules        Savepoint's: probes, requests/limits, non-root, no privilege escalation, read-only root
//                   filesystem, savepoint-config ports and gRPC hosts agree with the Deployments and Services
// Each problem is printed as `file: Kind/name: problem`; the exit status is non-zero if any was found.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import YAML from "yaml";

const TOOLS = path.dirname(fileURLToPath(import.meta.url));
const KDIR = path.dirname(TOOLS); // deploy/kubernetes
const REPO = path.resolve(KDIR, "../..");
const NM = path.join(TOOLS, "node_modules");
const MODELS = path.join(NM, "kubernetes-models");
const rel = (p) => path.relative(REPO, p) || ".";

// Secrets that the prod overlay expects the operator to create (documented in overlays/prod/README.md).
// A reference to a Secret that is neither rendered nor in this list is an error.
const EXTERNAL_SECRETS = new Set([
  "savepoint-jwt", "savepoint-service-secret", "savepoint-download-uri-secret", "savepoint-db-metadata",
  "savepoint-db-storage", "savepoint-tls", "savepoint-s3",
]);
const SERVICES = ["metadata-service", "transfer-service", "storage-service"];

// ------------------------------------------------------------------------------------------------ arguments
const args = process.argv.slice(2);
let kubectl = "kubectl";
let expectFailure = false;
const dirs = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--kubectl") kubectl = args[++i];
  else if (args[i] === "--expect-failure") expectFailure = true;
  else if (args[i].startsWith("-")) usage(`unknown option ${args[i]}`);
  else dirs.push(path.resolve(args[i]));
}
if (expectFailure && dirs.length === 0) usage("--expect-failure needs a folder");
function usage(msg) {
  console.error(`validate: ${msg}\nusage: validate [--expect-failure] [DIR...] | validate --render DIR`);
  process.exit(2);
}

// ------------------------------------------------------------------------------------------------ main
let passed = 0;
let failed = 0;
function report(name, errors, okNote = "") {
  if (errors.length === 0) {
    passed++;
    console.log(`ok    ${name}${okNote ? ` (${okNote})` : ""}`);
  } else {
    failed++;
    console.log(`FAIL  ${name}: ${errors.length} problem(s)`);
    for (const e of errors) console.log(`  ${e}`);
  }
}


// ------------------------------------------------------------------------------------------------ helpers
function subdirs(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(dir, e.name, "kustomization.yaml")))
    .map((e) => path.join(dir, e.name)).sort();
}

function yamllint(paths) {
  const r = spawnSync("yamllint", ["--strict", "-c", path.join(KDIR, ".yamllint"), "-f", "parsable",
    ...paths.map((p) => path.relative(KDIR, p) || ".")], { cwd: KDIR, encoding: "utf8" });
  if (r.error) return [`yamllint could not run: ${r.error.message}`];
  const lines = `${r.stdout}${r.stderr}`.split("\n").filter(Boolean)
    .map((l) => l.replace(/^(\S+?):(\d+)/, (_, f, n) => `${rel(path.resolve(KDIR, f))}:${n}`));
  return r.status === 0 ? [] : lines.length ? lines : [`yamllint exited with ${r.status}`];
}

async function checkRejected(dir) {
  const r = await validateTarget(dir);
  const errors = [...yamllint([dir]), ...r.errors];
  const expectedFile = path.join(dir, "expected-errors.txt");
  const expected = fs.existsSync(expectedFile)
    ? fs.readFileSync(expectedFile, "utf8").split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#"))
    : [];
  const missing = expected.filter((x) => !errors.some((e) => e.includes(x)));
  const name = `rejects ${rel(dir)}`;
  if (errors.length === 0) {
    report(name, ["was ACCEPTED, but this fixture must be rejected"]);
  } else if (missing.length) {
    report(name, [...missing.map((m) => `expected a problem containing: ${m}`), "problems found instead:", ...errors]);
  } else {
    report(name, [], `${errors.length} problems found, as expected`);
    for (const e of errors) console.log(`        ${e}`);
  }
}

// ------------------------------------------------------------------------------------------------ render
function render(dir) {
  // A throwaway kustomization that only includes DIR and asks kustomize to annotate every object with the
  // file it came from, so problems can name the source file. Kustomize accepts only relative paths.
  const wrap = fs.mkdtempSync(path.join(NM, ".savepoint-render-"));
  try {
    fs.writeFileSync(path.join(wrap, "kustomization.yaml"),
      `resources:\n  - ${path.relative(wrap, dir)}\nbuildMetadata: [originAnnotations]\n`);
    const r = spawnSync(kubectl, ["kustomize", wrap], { encoding: "utf8", maxBuffer: 64 << 20 });
    if (r.error) return { error: `kubectl kustomize could not run: ${r.error.message}` };
    const stderr = r.stderr.replaceAll(wrap, "<wrapper>").trim();
    if (r.status !== 0) return { error: `kustomize: ${stderr}` };
    return { yaml: r.stdout, warning: stderr, root: wrap };
  } finally {
    fs.rmSync(wrap, { recursive: true, force: true });
  }
}

async function validateTarget(dir) {
  const where0 = rel(path.join(dir, "kustomization.yaml"));
  if (!fs.existsSync(path.join(dir, "kustomization.yaml"))) return { errors: [`${where0}: no such file`], docs: [] };
  const out = render(dir);
  if (out.error) return { errors: [`${where0}: ${out.error}`], docs: [] };
  const errors = [];
  if (out.warning) errors.push(`${where0}: kustomize warning: ${out.warning}`);
  const docs = [];
  for (const d of YAML.parseAllDocuments(out.yaml)) {
    if (d.errors.length) { errors.push(`${where0}: rendered YAML: ${d.errors[0].message}`); continue; }
    const obj = d.toJS();
    if (!obj) continue;
    const ann = obj.metadata?.annotations ?? {};
    let file = where0;
    if (ann["config.kubernetes.io/origin"]) {
      const o = YAML.parse(ann["config.kubernetes.io/origin"]);
      // Origins are relative to the wrapper kustomization (gone by now; only its path is used).
      if (o.path) file = rel(path.resolve(out.root, o.path));
      else if (o.configuredIn) file = `${rel(path.resolve(out.root, o.configuredIn))} (generated)`;
      delete ann["config.kubernetes.io/origin"];
      if (Object.keys(ann).length === 0) delete obj.metadata.annotations;
    }
    const where = `${file}: ${obj.kind ?? "?"}/${obj.metadata?.name ?? "?"}`;
    docs.push({ obj, where });
  }
  for (const d of docs) errors.push(...(await schemaErrors(d.obj)).map((e) => `${d.where}: ${e}`));
  errors.push(...crossChecks(docs));
  return { errors, docs };
}

// ------------------------------------------------------------------------------------------------ 1+2: schemas
function modelDir(apiVersion) {
  const dir = path.join(MODELS, ...String(apiVersion).split("/"));
  return fs.existsSync(path.join(dir, "index.js")) ? dir : null;
}

async function schemaErrors(obj) {
  if (!obj.apiVersion || !obj.kind) return ["schema: apiVersion and kind are required"];
  const dir = modelDir(obj.apiVersion);
  const mod = dir ? await import(pathToFileURL(path.join(dir, "index.js")).href) : null;
  const Model = mod?.[obj.kind];
  if (!Model) return [`schema: no Kubernetes schema for apiVersion ${obj.apiVersion}, kind ${obj.kind}`];
  const errs = [];
  try {
    const data = structuredClone(obj);
    // Kubernetes decodes Secret data with Go's base64, which skips line breaks; kustomize wraps long values.
    if (data.kind === "Secret" && data.data) {
      for (const k of Object.keys(data.data)) if (typeof data.data[k] === "string") data.data[k] = data.data[k].replace(/[\r\n]/g, "");
    }
    new Model(data).validate();
  } catch (e) {
    const list = Array.isArray(e.errors) ? e.errors : null;
    if (!list) errs.push(`schema: ${e.message}`);
    else {
      for (const x of list) {
        const extra = x.params?.allowedValues ? ` (${x.params.allowedValues.join(", ")})` : "";
        errs.push(`schema: ${x.instancePath || "/"}: ${x.message}${extra}`);
      }
    }
  }
  const dts = path.join(dir, `${obj.kind}.d.ts`);
  if (fs.existsSync(dts)) {
    const unknown = [];
    checkFields(obj, { ref: dts }, "", unknown);
    errs.push(...unknown.map((f) => `schema: unknown field ${f}`));
  }
  return errs;
}

// The type declarations of kubernetes-models list every field of every object, so they give the field names
// the schemas leave open. Shapes found there: `"name"?: Type;`, `"name"?: { [key: string]: Type; };` (a map),
// `"name"?: {` or `Array<{` followed by nested fields (an inline object), and imports of the other types.
const dtsCache = new Map();
const isComment = (l) => /^\s*(\/\*\*|\*)/.test(l);

function parseFields(lines, indent) {
  const fields = new Map();
  const pad = " ".repeat(indent);
  const prop = new RegExp(`^${pad}"([^"]+)"\\??: (.*)$`);
  for (let i = 0; i < lines.length; i++) {
    const m = isComment(lines[i]) ? null : lines[i].match(prop);
    if (!m) continue;
    const rest = m[2];
    if (rest.endsWith(";")) { fields.set(m[1], rest.slice(0, -1)); continue; }
    if (rest !== "{" && rest !== "Array<{") { fields.set(m[1], "unknown"); continue; }
    let end = i + 1;
    while (end < lines.length && !lines[end].startsWith(`${pad}}`)) end++;
    const inner = lines.slice(i + 1, end);
    const map = inner.map((l) => l.match(/^\s+\[key: string\]: (.*);$/)).find(Boolean);
    const type = map ? { map: map[1] } : { obj: parseFields(inner, indent + 4) };
    fields.set(m[1], rest === "Array<{" ? { array: type } : type);
    i = end;
  }
  return fields;
}

function parseDts(file) {
  if (dtsCache.has(file)) return dtsCache.get(file);
  let result = null;
  if (fs.existsSync(file)) {
    const src = fs.readFileSync(file, "utf8");
    const imports = new Map();
    for (const m of src.matchAll(/^import \{([^}]+)\} from "([^"]+)";$/gm)) {
      const target = m[2].startsWith(".")
        ? path.resolve(path.dirname(file), m[2].replace(/\.js$/, "") + ".d.ts")
        : path.join(NM, m[2].replace(/\.js$/, "") + ".d.ts");
      for (const name of m[1].split(",")) imports.set(name.trim(), target);
    }
    const body = src.match(/^export interface I\w+(?: extends [\w, ]+)? \{\n([\s\S]*?)^\}/m);
    if (body) result = { fields: parseFields(body[1].split("\n"), 4), imports };
  }
  dtsCache.set(file, result);
  return result;
}

function typeOf(expr, imports) {
  if (expr.array) return { array: typeOf(expr.array, imports) };
  if (expr.map) return { map: typeOf(expr.map, imports) };
  if (expr.obj) return { obj: expr.obj, imports };
  const arr = expr.match(/^Array<(.+)>$/);
  if (arr) return { array: typeOf(arr[1], imports) };
  if (/^I\w+$/.test(expr) && imports.has(expr)) return { ref: imports.get(expr) };
  return {}; // string, number, boolean, literal unions: a leaf
}

function checkFields(value, type, at, out) {
  if (value === null || typeof value !== "object") return;
  if (type.array) {
    if (Array.isArray(value)) value.forEach((v, i) => checkFields(v, type.array, `${at}[${i}]`, out));
    return;
  }
  if (type.map) {
    for (const [k, v] of Object.entries(value)) checkFields(v, type.map, `${at}[${k}]`, out);
    return;
  }
  const t = type.obj ? type : type.ref ? parseDts(type.ref) : null;
  if (!t || Array.isArray(value)) return; // a leaf, or an alias such as IntOrString or Quantity
  const fields = type.obj ?? t.fields;
  for (const [k, v] of Object.entries(value)) {
    const p = at ? `${at}.${k}` : k;
    if (!fields.has(k)) out.push(p);
    else checkFields(v, typeOf(fields.get(k), t.imports), p, out);
  }
}

// ------------------------------------------------------------------------------------------------ 3+4: references, rules
function selects(selector, labels) {
  if (!selector) return false;
  const ml = selector.matchLabels ?? (selector.matchExpressions ? {} : selector);
  for (const [k, v] of Object.entries(ml)) if (labels[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = Object.hasOwn(labels, e.key);
    if (e.operator === "In" && !(has && e.values.includes(labels[e.key]))) return false;
    if (e.operator === "NotIn" && has && e.values.includes(labels[e.key])) return false;
    if (e.operator === "Exists" && !has) return false;
    if (e.operator === "DoesNotExist" && has) return false;
  }
  return true;
}
const show = (o) => JSON.stringify(o);

function crossChecks(docs) {
  const errors = [];
  const of = (kind) => docs.filter((d) => d.obj.kind === kind);
  const named = (kind, name) => docs.find((d) => d.obj.kind === kind && d.obj.metadata?.name === name);
  const pods = docs.filter((d) => d.obj.spec?.template?.spec?.containers).map((d) => ({
    d, labels: d.obj.spec.template.metadata?.labels ?? {}, spec: d.obj.spec.template.spec,
  }));
  const portsOf = (p) => p.spec.containers.flatMap((c) => c.ports ?? []);
  const hasPort = (p, port) => portsOf(p).some((x) => (typeof port === "string" ? x.name === port : x.containerPort === port));
  const podsFor = (sel) => pods.filter((p) => selects(sel, p.labels));

  for (const p of pods) {
    const err = (m) => errors.push(`${p.d.where}: ${m}`);
    const { obj } = p.d;
    if (obj.spec.selector && !selects(obj.spec.selector, p.labels)) {
      err(`spec.selector ${show(obj.spec.selector)} does not match the pod template's labels`);
    }
    // References from the pod to ConfigMaps, Secrets, claims and volumes.
    const volumes = new Set([...(p.spec.volumes ?? []).map((v) => v.name),
      ...(obj.spec.volumeClaimTemplates ?? []).map((v) => v.metadata?.name)]);
    const refs = [];
    for (const v of p.spec.volumes ?? []) {
      if (v.configMap) refs.push(["ConfigMap", v.configMap.name, (v.configMap.items ?? []).map((i) => i.key), v.configMap.optional, `volume ${v.name}`]);
      if (v.secret) refs.push(["Secret", v.secret.secretName, (v.secret.items ?? []).map((i) => i.key), v.secret.optional, `volume ${v.name}`]);
      if (v.persistentVolumeClaim && !named("PersistentVolumeClaim", v.persistentVolumeClaim.claimName)) {
        err(`volume ${v.name}: PersistentVolumeClaim ${v.persistentVolumeClaim.claimName} does not exist`);
      }
    }
    const containers = [...(p.spec.initContainers ?? []), ...p.spec.containers];
    for (const c of containers) {
      for (const e of c.envFrom ?? []) {
        if (e.configMapRef) refs.push(["ConfigMap", e.configMapRef.name, [], e.configMapRef.optional, `container ${c.name} envFrom`]);
        if (e.secretRef) refs.push(["Secret", e.secretRef.name, [], e.secretRef.optional, `container ${c.name} envFrom`]);
      }
      for (const e of c.env ?? []) {
        const cm = e.valueFrom?.configMapKeyRef;
        const sk = e.valueFrom?.secretKeyRef;
        if (cm) refs.push(["ConfigMap", cm.name, [cm.key], cm.optional, `container ${c.name} env ${e.name}`]);
        if (sk) refs.push(["Secret", sk.name, [sk.key], sk.optional, `container ${c.name} env ${e.name}`]);
      }
      for (const m of c.volumeMounts ?? []) {
        if (!volumes.has(m.name)) err(`container ${c.name}: volumeMount ${m.name} has no volume of that name`);
      }
    }
    for (const [kind, name, keys, optional, what] of refs) {
      const target = named(kind, name);
      if (!target) {
        if (!optional && !(kind === "Secret" && EXTERNAL_SECRETS.has(name))) {
          err(`${what}: ${kind} ${name} does not exist${kind === "Secret" ? " and is not a documented external Secret" : ""}`);
        }
        continue;
      }
      const have = new Set([...Object.keys(target.obj.data ?? {}), ...Object.keys(target.obj.binaryData ?? {}),
        ...Object.keys(target.obj.stringData ?? {})]);
      for (const k of keys) if (!have.has(k)) err(`${what}: ${kind} ${name} has no key ${k}`);
    }
    // Savepoint's rules for every workload.
    if (p.spec.securityContext?.runAsNonRoot !== true) err("spec.template.spec.securityContext.runAsNonRoot must be true");
    for (const c of p.spec.containers) {
      const cerr = (m) => err(`container ${c.name}: ${m}`);
      const r = c.resources ?? {};
      for (const k of ["cpu", "memory"]) if (!r.requests?.[k]) cerr(`resources.requests.${k} is missing`);
      if (!r.limits?.memory) cerr("resources.limits.memory is missing");
      for (const probe of ["startupProbe", "livenessProbe", "readinessProbe"]) {
        if (!c[probe]) { cerr(`${probe} is missing`); continue; }
        const port = c[probe].httpGet?.port ?? c[probe].tcpSocket?.port ?? c[probe].grpc?.port;
        if (typeof port === "string" && !(c.ports ?? []).some((x) => x.name === port)) {
          cerr(`${probe} uses port ${port}, which the container does not declare`);
        }
      }
      const sc = c.securityContext ?? {};
      if (sc.allowPrivilegeEscalation !== false) cerr("securityContext.allowPrivilegeEscalation must be false");
      if (!(sc.capabilities?.drop ?? []).includes("ALL")) cerr("securityContext.capabilities.drop must include ALL");
      if (sc.readOnlyRootFilesystem !== true) cerr("securityContext.readOnlyRootFilesystem must be true");
      if ((sc.seccompProfile ?? p.spec.securityContext?.seccompProfile)?.type !== "RuntimeDefault") {
        cerr("seccompProfile RuntimeDefault is missing (pod or container securityContext)");
      }
      const sleep = c.lifecycle?.preStop?.exec?.command?.[0] === "sleep" ? Number(c.lifecycle.preStop.exec.command[1])
        : c.lifecycle?.preStop?.sleep?.seconds;
      if (sleep && (p.spec.terminationGracePeriodSeconds ?? 30) <= sleep) {
        cerr(`terminationGracePeriodSeconds must exceed the preStop sleep (${sleep} s)`);
      }
    }
  }

  for (const s of of("Service")) {
    const sel = s.obj.spec?.selector;
    if (!sel) continue;
    const sp = podsFor(sel);
    if (sp.length === 0) { errors.push(`${s.where}: selector ${show(sel)} selects no pod`); continue; }
    for (const port of s.obj.spec.ports ?? []) {
      const tp = port.targetPort ?? port.port;
      for (const p of sp) {
        if (!hasPort(p, tp)) errors.push(`${s.where}: port ${port.name ?? port.port}: targetPort ${tp} is not a port of ${p.d.obj.kind}/${p.d.obj.metadata.name}`);
      }
    }
  }

  for (const h of of("HorizontalPodAutoscaler")) {
    const ref = h.obj.spec?.scaleTargetRef ?? {};
    const target = named(ref.kind, ref.name);
    if (!target) { errors.push(`${h.where}: scaleTargetRef ${ref.kind}/${ref.name} does not exist`); continue; }
    if ((h.obj.spec.minReplicas ?? 1) > h.obj.spec.maxReplicas) errors.push(`${h.where}: minReplicas > maxReplicas`);
    if (target.obj.spec?.replicas !== undefined) errors.push(`${h.where}: ${target.obj.kind}/${ref.name} sets spec.replicas, which the HPA owns`);
    for (const m of h.obj.spec.metrics ?? []) {
      const name = m.resource?.name;
      if (m.type !== "Resource" || m.resource.target?.type !== "Utilization") continue;
      for (const c of target.obj.spec.template.spec.containers) {
        if (!c.resources?.requests?.[name]) errors.push(`${h.where}: ${name} utilization needs resources.requests.${name} in container ${c.name}`);
      }
    }
  }

  for (const b of of("PodDisruptionBudget")) {
    if (podsFor(b.obj.spec?.selector).length === 0) errors.push(`${b.where}: selector ${show(b.obj.spec?.selector)} selects no pod`);
    if (b.obj.spec?.minAvailable !== undefined && b.obj.spec?.maxUnavailable !== undefined) {
      errors.push(`${b.where}: minAvailable and maxUnavailable are mutually exclusive`);
    }
  }

  for (const n of of("NetworkPolicy")) {
    const sel = n.obj.spec?.podSelector ?? {};
    const sp = Object.keys(sel).length ? podsFor(sel) : pods;
    if (sp.length === 0) { errors.push(`${n.where}: podSelector ${show(sel)} selects no pod`); continue; }
    for (const rule of n.obj.spec.ingress ?? []) {
      for (const port of rule.ports ?? []) {
        for (const p of sp) {
          if (port.port !== undefined && !hasPort(p, port.port)) errors.push(`${n.where}: port ${port.port} is not a port of ${p.d.obj.kind}/${p.d.obj.metadata.name}`);
        }
      }
      for (const from of rule.from ?? []) {
        if (from.podSelector && !from.namespaceSelector && podsFor(from.podSelector).length === 0) {
          errors.push(`${n.where}: ingress from podSelector ${show(from.podSelector)} matches no pod`);
        }
      }
    }
  }

  for (const ing of of("Ingress")) {
    const backends = [ing.obj.spec?.defaultBackend,
      ...(ing.obj.spec?.rules ?? []).flatMap((r) => (r.http?.paths ?? []).map((p) => p.backend))].filter(Boolean);
    for (const b of backends) {
      if (!b.service) continue;
      const svc = named("Service", b.service.name);
      if (!svc) { errors.push(`${ing.where}: backend Service ${b.service.name} does not exist`); continue; }
      const want = b.service.port?.name ?? b.service.port?.number;
      if (!(svc.obj.spec.ports ?? []).some((p) => p.name === want || p.port === want)) {
        errors.push(`${ing.where}: backend Service ${b.service.name} has no port ${want}`);
      }
    }
    const hosts = new Set((ing.obj.spec?.rules ?? []).map((r) => r.host));
    for (const t of ing.obj.spec?.tls ?? []) {
      for (const h of t.hosts ?? []) if (!hosts.has(h)) errors.push(`${ing.where}: TLS host ${h} is not the host of any rule`);
      if (t.secretName && !named("Secret", t.secretName) && !EXTERNAL_SECRETS.has(t.secretName)) {
        errors.push(`${ing.where}: TLS Secret ${t.secretName} does not exist and is not a documented external Secret`);
      }
    }
  }

  // savepoint-config must agree with the Deployments (ports) and Services (gRPC hosts).
  for (const cm of of("ConfigMap").filter((d) => /^savepoint-config(-[a-z0-9]{10})?$/.test(d.obj.metadata.name))) {
    const data = cm.obj.data ?? {};
    for (const [key, value] of Object.entries(data)) {
      const port = key.match(/^SAVEPOINT_(METADATA|TRANSFER|STORAGE)_(HTTP|GRPC)_PORT$/);
      if (port) {
        const dep = named("Deployment", `${port[1].toLowerCase()}-service`);
        const c = dep?.obj.spec.template.spec.containers[0];
        const declared = (c?.ports ?? []).find((x) => x.name === port[2].toLowerCase());
        if (dep && (!declared || declared.containerPort !== Number(value))) {
          errors.push(`${cm.where}: ${key}=${value} but ${dep.obj.kind}/${dep.obj.metadata.name} declares ${port[2].toLowerCase()} port ${declared?.containerPort ?? "none"}`);
        }
      }
      const host = key.match(/^SAVEPOINT_(METADATA|STORAGE)_GRPC_HOST$/);
      if (host && of("Service").length) {
        const svc = named("Service", value);
        const want = Number(data[`SAVEPOINT_${host[1]}_GRPC_PORT`]);
        if (!svc) errors.push(`${cm.where}: ${key}=${value} but there is no Service ${value}`);
        else if (!(svc.obj.spec.ports ?? []).some((p) => p.port === want)) errors.push(`${cm.where}: ${key}: Service ${value} has no port ${want}`);
      }
    }
  }
  return errors;
}

// ------------------------------------------------------------------------------------------------ Dockerfiles
// Images cannot be built here (no Docker engine); this checks what can be checked without one.
function instructions(file) {
  const out = [];
  let cur = "";
  for (const raw of fs.readFileSync(file, "utf8").split("\n")) {
    const line = raw.trim();
    if (!cur && (line.startsWith("#") || !line)) continue;
    if (line.startsWith("#")) continue;
    cur += (cur ? " " : "") + line.replace(/\\$/, "").trim();
    if (!line.endsWith("\\")) { out.push(cur); cur = ""; }
  }
  if (cur) out.push(cur);
  return out.map((l) => { const i = l.indexOf(" "); return { op: l.slice(0, i).toUpperCase(), arg: l.slice(i + 1).trim() }; });
}

function checkDockerfiles(baseDocs) {
  const errors = [];
  for (const module of SERVICES) {
    const dep = baseDocs.find((d) => d.obj.kind === "Deployment" && d.obj.metadata.name === module);
    const ports = (dep?.obj.spec.template.spec.containers[0].ports ?? []).map((p) => p.containerPort).sort().join(" ");
    for (const kind of ["jvm", "native"]) {
      const file = path.join(REPO, module, "src/main/docker", `Dockerfile.${kind}`);
      const where = rel(file);
      if (!fs.existsSync(file)) { errors.push(`${where}: missing`); continue; }
      const ins = instructions(file);
      const stages = [];
      for (const i of ins) { if (i.op === "FROM") stages.push([]); stages.at(-1)?.push(i); }
      const last = stages.at(-1) ?? [];
      const exposed = last.filter((i) => i.op === "EXPOSE").flatMap((i) => i.arg.split(/\s+/)).map((p) => Number(p.split("/")[0])).sort().join(" ");
      if (exposed !== ports) errors.push(`${where}: EXPOSE ${exposed || "nothing"} but the Deployment declares ports ${ports}`);
      const user = last.filter((i) => i.op === "USER").at(-1)?.arg;
      if (!user || !/^[1-9]\d*(:\d+)?$/.test(user)) errors.push(`${where}: the runtime stage must end with a numeric non-root USER (is ${user ?? "unset"})`);
      const text = ins.map((i) => `${i.op} ${i.arg}`).join("\n");
      if (module === "transfer-service" && !/ffmpeg/.test(text)) errors.push(`${where}: transfer-service images must contain ffmpeg`);
      const copies = (stage) => stage.filter((i) => i.op === "COPY" && !/--from=/.test(i.arg))
        .map((i) => i.arg.replace(/^\[|\]$/g, "").split(/\s+/).filter((w) => !w.startsWith("--")).slice(0, -1)).flat();
      if (kind === "jvm") {
        if (!/^registry\.access\.redhat\.com\/ubi9\/openjdk-21-runtime(:|$)/.test(last[0].arg)) errors.push(`${where}: runtime image must be ubi9/openjdk-21-runtime`);
        if (!/JAVA_APP_JAR=["']?\/deployments\/quarkus-run\.jar\b/.test(text)) errors.push(`${where}: ENV JAVA_APP_JAR=/deployments/quarkus-run.jar is missing`);
        const want = ["target/quarkus-app/lib/", "target/quarkus-app/*.jar", "target/quarkus-app/app/", "target/quarkus-app/quarkus/"];
        const got = copies(last);
        for (const w of want) if (!got.includes(w)) errors.push(`${where}: does not COPY ${w}`);
        // When the module has been packaged here, the copied paths must be what the build produced.
        const app = path.join(REPO, module, "target/quarkus-app");
        if (fs.existsSync(app)) {
          for (const p of ["lib", "app", "quarkus", "quarkus-run.jar"]) {
            if (!fs.existsSync(path.join(app, p))) errors.push(`${where}: ${rel(path.join(app, p))} is missing from the build output`);
          }
        }
      } else {
        if (!/ubi9-quarkus-mandrel-builder-image:jdk-21/.test(stages[0]?.[0]?.arg ?? "")) errors.push(`${where}: first stage must be the Mandrel builder image`);
        if (!/ubi9-quarkus-micro-image:2\.0/.test(text) && module !== "transfer-service") errors.push(`${where}: runtime must be ubi9-quarkus-micro-image:2.0`);
        if (!new RegExp(`-pl ${module}\\b`).test(text) || !/-Dnative\b/.test(text)) errors.push(`${where}: must build -pl ${module} with -Dnative`);
        if (!text.includes(`${module}/target/*-runner`)) errors.push(`${where}: must copy ${module}/target/*-runner`);
        // The build context is the repository root: every source copied into the builder must exist.
        for (const src of stages.slice(0, -1).flatMap(copies)) {
          if (!fs.existsSync(path.join(REPO, src))) errors.push(`${where}: COPY source ${src} does not exist in the repository`);
        }
      }
    }
  }
  return errors;
}

function checkDevKeyCopy() {
  const original = path.join(REPO, "deploy/dev-keys/dev-only-jwt-public.pem");
  const copy = path.join(KDIR, "overlays/dev/dev-only-jwt-public.pem");
  if (!fs.existsSync(copy)) return [`${rel(copy)}: missing`];
  return fs.readFileSync(original).equals(fs.readFileSync(copy))
    ? [] : [`${rel(copy)}: differs from ${rel(original)} (copy it again: cp ${rel(original)} ${rel(copy)})`];
}

// ------------------------------------------------------------------------------------------------ run
async function main() {
  if (dirs.length === 0) {
    report("yamllint deploy/kubernetes", yamllint([KDIR]));
    const targets = [path.join(KDIR, "base"), ...subdirs(path.join(KDIR, "overlays"))];
    let base = null;
    for (const t of targets) {
      const r = await validateTarget(t);
      if (t.endsWith("base")) base = r;
      report(`render+validate ${rel(t)}`, r.errors, `${r.docs.length} objects`);
    }
    for (const t of subdirs(path.join(KDIR, "tests"))) await checkRejected(t);
    report("dockerfiles", checkDockerfiles(base?.docs ?? []));
    report("dev key copy", checkDevKeyCopy());
  } else if (expectFailure) {
    for (const d of dirs) await checkRejected(d);
  } else {
    for (const d of dirs) {
      const r = await validateTarget(d);
      report(`render+validate ${rel(d)}`, [...yamllint([d]), ...r.errors], `${r.docs.length} objects`);
    }
  }
  console.log(`validate: ${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

await main();
