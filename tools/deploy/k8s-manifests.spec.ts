import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { load, loadAll } from 'js-yaml';
/* eslint-disable no-restricted-imports -- the apps' config classes are what the manifests are checked against; apps have no @hn/* entry point */
import { validateAlertsConfig } from '../../apps/alerts/src/config/alerts.config';
import { validateContractsConfig } from '../../apps/contracts/src/config/contracts.config';
import { validateEscrowConfig } from '../../apps/escrow/src/config/escrow.config';
import { validateExchangeConfig } from '../../apps/exchange/src/config/exchange.config';
import { validateGatewayConfig } from '../../apps/gateway/src/config/gateway.config';
import { validatePermitsConfig } from '../../apps/permits/src/config/permits.config';
import { validatePresaleConfig } from '../../apps/presale/src/config/presale.config';
/* eslint-enable no-restricted-imports */

/**
 * Offline checks of deploy/: every Kubernetes manifest is valid against its schema (kubernetes-models) and
 * the manifests agree with each other and with the services' config classes; docker-compose.yml and
 * deploy/compose.env.example carry every variable the services validate at boot.
 */

type Env = Record<string, string | undefined>;
type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const ROOT = join(__dirname, '..', '..');
const K8S = join(ROOT, 'deploy', 'k8s');

const VALIDATORS: Record<string, (env: Env) => unknown> = {
  gateway: validateGatewayConfig,
  permits: validatePermitsConfig,
  presale: validatePresaleConfig,
  contracts: validateContractsConfig,
  escrow: validateEscrowConfig,
  alerts: validateAlertsConfig,
  exchange: validateExchangeConfig,
};

/** Custom resources of the Prometheus Operator: kubernetes-models has no schema for them. */
const CUSTOM_KINDS = new Set(['monitoring.coreos.com/v1 ServiceMonitor', 'monitoring.coreos.com/v1 PrometheusRule']);

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? yamlFiles(join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

interface Manifest {
  file: string;
  doc: Obj;
}

const files = yamlFiles(K8S).map((f) => relative(K8S, f));
const manifests: Manifest[] = files
  .filter((f) => f !== 'kustomization.yaml')
  .flatMap((file) =>
    loadAll(readFileSync(join(K8S, file), 'utf8'))
      .filter((doc): doc is Obj => doc !== null && typeof doc === 'object')
      .map((doc) => ({ file, doc })),
  );
const ofKind = (kind: string) => manifests.filter((m) => m.doc['kind'] === kind).map((m) => m.doc);
const workloads = [...ofKind('Deployment'), ...ofKind('StatefulSet')];
const podLabels = (w: Obj): Record<string, string> => w['spec']['template']['metadata']['labels'] ?? {};
const containersOf = (w: Obj): Obj[] => [
  ...(w['spec']['template']['spec']['containers'] ?? []),
  ...(w['spec']['template']['spec']['initContainers'] ?? []),
];
const matches = (selector: Record<string, string>, labels: Record<string, string>) =>
  Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels[k] === v);

/** Keys of every Secret (secrets.example.yaml: the Secrets the README's steps create) and ConfigMap. */
function keysOf(kind: 'Secret' | 'ConfigMap'): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const doc of ofKind(kind))
    out.set(
      doc['metadata']['name'],
      new Set([...Object.keys(doc['data'] ?? {}), ...Object.keys(doc['stringData'] ?? {})]),
    );
  return out;
}
const secrets = keysOf('Secret');
const configMaps = keysOf('ConfigMap');

/** Valid stand-ins for secret values (the example file holds change-me placeholders). */
const ed25519Pem = () => generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const SECRET_STAND_INS: Record<string, () => string> = {
  password: () => randomBytes(24).toString('hex'),
  GATEWAY_JWT_SECRET: () => randomBytes(48).toString('base64'),
  GATEWAY_PII_KEY: () => randomBytes(32).toString('base64'),
  CONTRACTS_PII_KEY: () => randomBytes(32).toString('base64'),
  EXCHANGE_SECRET_KEY: () => randomBytes(32).toString('base64'),
  MARKET_PLATFORM_API_KEY: () => randomBytes(24).toString('hex'),
  PRESALE_SIGNING_KEY: ed25519Pem,
  EXCHANGE_SIGNING_KEY: ed25519Pem,
};

/** The environment Kubernetes gives a container: envFrom ConfigMaps, then env (secrets stood in, $(VAR) expanded). */
function containerEnv(container: Obj): Env {
  const env: Env = {};
  for (const from of container['envFrom'] ?? []) {
    const cm = from['configMapRef']?.['name'];
    const doc = ofKind('ConfigMap').find((d) => d['metadata']['name'] === cm);
    Object.assign(env, doc?.['data'] ?? {});
  }
  for (const e of container['env'] ?? []) {
    const secretRef = e['valueFrom']?.['secretKeyRef'];
    const cmRef = e['valueFrom']?.['configMapKeyRef'];
    if (secretRef) env[e['name']] = SECRET_STAND_INS[secretRef['key']]?.() ?? 'unknown-secret';
    else if (cmRef)
      env[e['name']] = ofKind('ConfigMap').find((d) => d['metadata']['name'] === cmRef['name'])?.['data']?.[
        cmRef['key']
      ];
    else
      env[e['name']] = String(e['value'] ?? '').replace(/\$\(([A-Z0-9_]+)\)/g, (_m, name: string) => env[name] ?? '');
  }
  return env;
}

/** The variables a service's config class reads at boot (it reads them all before reporting problems). */
function variablesRead(service: string): Set<string> {
  const seen = new Set<string>();
  const env = new Proxy({} as Env, {
    get: (_t, p) => (seen.add(String(p)), undefined),
    has: (_t, p) => (seen.add(String(p)), false),
  });
  try {
    VALIDATORS[service](env);
  } catch {
    // an empty environment is invalid; only the names read matter here
  }
  return seen;
}

const appDeployments = ofKind('Deployment').filter(
  (d) => d['metadata']['labels']?.['app.kubernetes.io/component'] === 'service',
);

describe('deploy/k8s manifests', () => {
  it('finds the manifests of every service', () => {
    expect(appDeployments.map((d) => d['metadata']['name']).sort()).toEqual(Object.keys(VALIDATORS).sort());
  });

  it('validates every object against its Kubernetes schema (kubernetes-models)', () => {
    const script = join(__dirname, 'validate-k8s-schemas.mjs');
    const out = execFileSync(process.execPath, [script], {
      input: JSON.stringify(manifests),
      cwd: ROOT,
      encoding: 'utf8',
    });
    const results = JSON.parse(out) as { file: string; kind: string; name: string; error: string | null }[];
    expect(results).toHaveLength(manifests.length);
    const unknown = results.filter((r) => r.error === 'unknown');
    expect(
      unknown.filter((r) => {
        const doc = manifests.find((m) => m.file === r.file && m.doc['metadata']?.['name'] === r.name)!.doc;
        return !CUSTOM_KINDS.has(`${doc['apiVersion']} ${doc['kind']}`);
      }),
    ).toEqual([]);
    expect(results.filter((r) => r.error !== null && r.error !== 'unknown')).toEqual([]);
    expect(results.filter((r) => r.error === null).length).toBeGreaterThan(40);
  });

  it('a deliberately broken Deployment fails schema validation (the check is live)', () => {
    const broken = structuredClone(appDeployments[0]);
    broken['spec']['template']['spec']['containers'][0]['ports'][0]['containerPort'] = 'three thousand';
    const out = execFileSync(process.execPath, [join(__dirname, 'validate-k8s-schemas.mjs')], {
      input: JSON.stringify([{ file: 'broken.yaml', doc: broken }]),
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(JSON.parse(out)[0].error).toMatch(/containerPort/);
  });

  it('kustomization lists every manifest except the secrets example, and only files that exist', () => {
    const kustomization = load(readFileSync(join(K8S, 'kustomization.yaml'), 'utf8')) as Obj;
    const resources: string[] = kustomization['resources'];
    for (const r of resources) expect(existsSync(join(K8S, r))).toBe(true);
    expect(resources.sort()).toEqual(
      files.filter((f) => f !== 'kustomization.yaml' && f !== 'secrets.example.yaml').sort(),
    );
  });

  it('deploys only services that exist (apps/<SERVICE>/src/main.ts)', () => {
    for (const d of appDeployments) {
      const service = containersOf(d)[0]['env'].find((e: Obj) => e['name'] === 'SERVICE')?.['value'];
      expect(service).toBe(d['metadata']['name']);
      expect(existsSync(join(ROOT, 'apps', service, 'src', 'main.ts'))).toBe(true);
    }
  });

  it('every Service selects a workload and its targetPorts are container ports of it', () => {
    const services = ofKind('Service');
    expect(services.length).toBeGreaterThan(10);
    for (const svc of services) {
      const name = svc['metadata']['name'];
      const selected = workloads.filter((w) => matches(svc['spec']['selector'] ?? {}, podLabels(w)));
      expect({ service: name, selected: selected.length > 0 }).toEqual({ service: name, selected: true });
      const ports = selected.flatMap((w) => containersOf(w).flatMap((c) => c['ports'] ?? []));
      for (const p of svc['spec']['ports']) {
        const target = p['targetPort'] ?? p['port'];
        const found = ports.some((cp: Obj) =>
          typeof target === 'number' ? cp['containerPort'] === target : cp['name'] === target,
        );
        expect({ service: name, targetPort: target, found }).toEqual({
          service: name,
          targetPort: target,
          found: true,
        });
      }
    }
  });

  it('every PodDisruptionBudget, NetworkPolicy pod selector and HPA target names a workload', () => {
    for (const pdb of ofKind('PodDisruptionBudget')) {
      const sel = pdb['spec']['selector']['matchLabels'];
      expect({ pdb: pdb['metadata']['name'], ok: workloads.some((w) => matches(sel, podLabels(w))) }).toEqual({
        pdb: pdb['metadata']['name'],
        ok: true,
      });
    }
    for (const np of ofKind('NetworkPolicy')) {
      const sel = np['spec']['podSelector']['matchLabels'] ?? {};
      if (Object.keys(sel).length === 0) continue; // the whole namespace
      expect({ policy: np['metadata']['name'], ok: workloads.some((w) => matches(sel, podLabels(w))) }).toEqual({
        policy: np['metadata']['name'],
        ok: true,
      });
    }
    for (const hpa of ofKind('HorizontalPodAutoscaler')) {
      const ref = hpa['spec']['scaleTargetRef'];
      expect(workloads.some((w) => w['kind'] === ref['kind'] && w['metadata']['name'] === ref['name'])).toBe(true);
    }
  });

  it('every secretKeyRef, configMapKeyRef, envFrom and volume names an existing Secret / ConfigMap and key', () => {
    const missing: string[] = [];
    for (const w of workloads) {
      const where = `${w['kind']}/${w['metadata']['name']}`;
      for (const c of containersOf(w)) {
        for (const from of c['envFrom'] ?? []) {
          if (from['configMapRef'] && !configMaps.has(from['configMapRef']['name']))
            missing.push(`${where}: ConfigMap ${from['configMapRef']['name']}`);
          if (from['secretRef'] && !secrets.has(from['secretRef']['name']))
            missing.push(`${where}: Secret ${from['secretRef']['name']}`);
        }
        for (const e of c['env'] ?? []) {
          const s = e['valueFrom']?.['secretKeyRef'];
          if (s && !secrets.get(s['name'])?.has(s['key'])) missing.push(`${where}: Secret ${s['name']}/${s['key']}`);
          const m = e['valueFrom']?.['configMapKeyRef'];
          if (m && !configMaps.get(m['name'])?.has(m['key']))
            missing.push(`${where}: ConfigMap ${m['name']}/${m['key']}`);
        }
      }
      for (const v of w['spec']['template']['spec']['volumes'] ?? []) {
        if (v['configMap'] && !configMaps.has(v['configMap']['name']))
          missing.push(`${where}: volume ConfigMap ${v['configMap']['name']}`);
        if (v['secret'] && !secrets.has(v['secret']['secretName']))
          missing.push(`${where}: volume Secret ${v['secret']['secretName']}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it.each(Object.keys(VALIDATORS))('%s boots with the environment its Deployment provides', (service) => {
    const deployment = appDeployments.find((d) => d['metadata']['name'] === service)!;
    const env = containerEnv(containersOf(deployment)[0]);
    expect(() => VALIDATORS[service](env)).not.toThrow();
    expect(env['DATABASE_URL']).toMatch(new RegExp(`^postgres://postgres:[0-9a-f]{48}@${service}-db:5432/postgres$`));
  });

  it('contracts gets the market platform URL (ConfigMap) and API key (contracts-secrets); reconciliation is configurable', () => {
    const contracts = containersOf(appDeployments.find((d) => d['metadata']['name'] === 'contracts')!)[0];
    const env = containerEnv(contracts);
    expect(Object.keys(env)).toEqual(expect.arrayContaining(['MARKET_PLATFORM_URL', 'MARKET_PLATFORM_API_KEY']));
    const configured = validateContractsConfig({ ...env, MARKET_PLATFORM_URL: 'https://fdc.example.gov.cn' }) as Obj;
    expect(configured['reconciliation']['marketPlatform']['url']).toBe('https://fdc.example.gov.cn');
    expect(configured['reconciliation']['marketPlatform']['apiKey']).toBe(env['MARKET_PLATFORM_API_KEY']);
  });
});

describe('docker compose and deploy/compose.env.example', () => {
  const compose = load(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8')) as Obj;
  const composeText = readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8');
  const example = readFileSync(join(ROOT, 'deploy', 'compose.env.example'), 'utf8');
  const assigned = new Set([...example.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]));
  const mentioned = new Set([...example.matchAll(/^#?\s?([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]));
  /** set by compose (or derived per service), never by .env */
  const composeOwned = (service: string) =>
    new Set([
      'PORT',
      'HOST',
      'DATABASE_URL',
      'NATS_URL',
      `${service.toUpperCase()}_PORT`,
      `${service.toUpperCase()}_DB_NAME`,
    ]);
  /** tests only: refused with NODE_ENV=production */
  const TEST_ONLY = new Set(['PERMITS_CLOCK_FILE']);

  it.each(Object.keys(VALIDATORS))('%s: compose passes every variable its config class reads', (service) => {
    const { ['<<']: shared, ...own } = compose['services'][service]['environment'] as Obj; // YAML merge key (x-app-env)
    const environment: Obj = { ...shared, ...own };
    const owned = composeOwned(service);
    const notPassed = [...variablesRead(service)].filter(
      (v) => !owned.has(v) && !TEST_ONLY.has(v) && !(v in environment),
    );
    expect(notPassed).toEqual([]);
    // what the container gets with .env unset except the required (${VAR:?}) values: the empty pass-throughs
    // (${VAR:-}) must mean "the default" to the config class
    const standIn = (name: string) =>
      name === 'POSTGRES_PASSWORD' ? randomBytes(24).toString('hex') : SECRET_STAND_INS[name]?.();
    const resolved: Env = Object.fromEntries(
      Object.entries(environment).map(([k, v]) => [
        k,
        String(v).replace(/\$\{([A-Z0-9_]+)(?::([-?])([^}]*))?\}/g, (_m, name: string, op?: string, rest?: string) =>
          op === '?' ? (standIn(name) ?? 'unknown-required') : (rest ?? ''),
        ),
      ]),
    );
    expect(() => VALIDATORS[service](resolved)).not.toThrow();
  });

  it('every ${VAR} compose reads is in compose.env.example, the required ones assigned', () => {
    const interpolated = [...composeText.matchAll(/\$\{([A-Z][A-Z0-9_]*)(:[-?])?/g)];
    expect(interpolated.length).toBeGreaterThan(40);
    expect(interpolated.map((m) => m[1]).filter((v) => !mentioned.has(v))).toEqual([]);
    const required = interpolated.filter((m) => m[2] === ':?').map((m) => m[1]);
    expect(required).toEqual(expect.arrayContaining(['GATEWAY_PII_KEY', 'CONTRACTS_PII_KEY', 'PRESALE_SIGNING_KEY']));
    expect(required.filter((v) => !assigned.has(v))).toEqual([]);
  });

  it('compose.env.example names no variable that compose does not read', () => {
    const read = new Set([...composeText.matchAll(/\$\{([A-Z][A-Z0-9_]*)/g)].map((m) => m[1]));
    expect([...mentioned].filter((v) => !read.has(v))).toEqual([]);
  });
});
