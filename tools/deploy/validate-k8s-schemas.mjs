// Validates Kubernetes objects against their OpenAPI schemas with kubernetes-models (ESM only, hence this
// child process of tools/deploy/k8s-manifests.spec.ts). Reads [{ file, doc }] as JSON on stdin and prints
// [{ file, kind, name, error }] (error null when valid, "unknown" when kubernetes-models has no model).
import { readFileSync } from 'node:fs';

const input = JSON.parse(readFileSync(0, 'utf8'));
const results = [];
for (const { file, doc } of input) {
  const [group, version] = doc.apiVersion.includes('/') ? doc.apiVersion.split('/') : ['', doc.apiVersion];
  const path = group ? `kubernetes-models/${group}/${version}/${doc.kind}` : `kubernetes-models/${version}/${doc.kind}`;
  let Model;
  try {
    Model = (await import(path))[doc.kind];
  } catch {
    Model = undefined;
  }
  let error = 'unknown';
  if (Model) {
    try {
      new Model(doc).validate();
      error = null;
    } catch (err) {
      error = String(err.message ?? err);
    }
  }
  results.push({ file, kind: doc.kind, name: doc.metadata?.name ?? null, error });
}
process.stdout.write(JSON.stringify(results));
