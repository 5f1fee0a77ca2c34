// Checks the deployment files of Circles.
//
//   node validate.mjs k8s <rendered.yaml> --overlay <name>
//       every object against the Kubernetes / Gateway API schemas (kubernetes-models), then the deployment rules:
//       probes, resources, securityContext, ServiceAccount, Service, ServiceMonitor, HPA, PDB, NetworkPolicy, routes,
//       references.
//   node validate.mjs compose <docker-compose.yml> <nginx.conf>
//       health checks and depends_on conditions in the compose file; the gateway routes in nginx.conf.
//
// Prints one line per failure and "N passed, N failed"; exits 1 on any failure.
import { readFileSync } from "node:fs";
import { parseAllDocuments, parse } from "yaml";

const SERVICES = ["community-service", "event-service", "merchant-service", "feed-service", "notification-service",
  "media-service"];
const WITH_DATABASE = { "community-service": "COMMUNITY", "event-service": "EVENT", "merchant-service": "MERCHANT",
  "notification-service": "NOTIFICATION", "media-service": "MEDIA" };
// notification-service keeps everything in PostgreSQL (live delivery included) and has no write budget: no Redis.
const WITHOUT_REDIS = new Set(["notification-service"]);
// ARCHITECTURE.md, "Gateway routes": path prefix -> service.
const ROUTES = {
  "/api/communities": "community-service",
  "/api/posts": "community-service",
  "/api/interests": "community-service",
  "/api/people": "community-service",
  "/api/topics": "community-service",
  "/api/activities": "event-service",
  "/api/merchants": "merchant-service",
  "/api/promotions": "merchant-service",
  "/api/sourcing": "merchant-service",
  "/api/feeds": "feed-service",
  "/api/notifications": "notification-service",
  "/api/media": "media-service",
};
// Signed uploads go through the gateway's origin to the object store, path and Host unchanged.
const UPLOAD_PATH = "/media-store";
const UPLOAD_BACKEND = "media-store";
// Server-Sent Events paths -> the service that streams them.
const SSE_PATHS = { "/api/feeds/me/stream": "feed-service", "/api/notifications/stream": "notification-service" };
// Every path the /api routes leave: the web client (docs/web-client.md).
const WEB_PATH = "/";
const HEALTH = { startupProbe: "/q/health/started", livenessProbe: "/q/health/live", readinessProbe: "/q/health/ready" };
// Secrets the operator creates (every overlay but dev); nothing else may be missing from a render.
const OPERATOR_SECRETS = new Set(SERVICES.map((s) => `${s}-secrets`).concat(["circles-gateway-tls"]));

const MODELS = {
  "v1/Namespace": "kubernetes-models/v1/Namespace",
  "v1/ConfigMap": "kubernetes-models/v1/ConfigMap",
  "v1/Secret": "kubernetes-models/v1/Secret",
  "v1/Service": "kubernetes-models/v1/Service",
  "v1/ServiceAccount": "kubernetes-models/v1/ServiceAccount",
  "apps/v1/Deployment": "kubernetes-models/apps/v1/Deployment",
  "apps/v1/StatefulSet": "kubernetes-models/apps/v1/StatefulSet",
  "autoscaling/v2/HorizontalPodAutoscaler": "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler",
  "policy/v1/PodDisruptionBudget": "kubernetes-models/policy/v1/PodDisruptionBudget",
  "networking.k8s.io/v1/NetworkPolicy": "kubernetes-models/networking.k8s.io/v1/NetworkPolicy",
  "gateway.networking.k8s.io/v1/Gateway": "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/Gateway",
  "gateway.networking.k8s.io/v1/HTTPRoute": "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRoute",
};
// Implementation-specific policies (deploy/k8s/components): no published schema, so the fields Circles relies on are
// checked by hand in step 6.
const POLICIES = new Set([
  "gateway.envoyproxy.io/v1alpha1/ClientTrafficPolicy",
  "gateway.envoyproxy.io/v1alpha1/BackendTrafficPolicy",
]);
// Prometheus Operator objects: no schema in kubernetes-models either; step 4 checks each service's ServiceMonitor.
const MONITORING = new Set(["monitoring.coreos.com/v1/ServiceMonitor"]);
// The services' quarkus.http.limits.max-body-size, which every gateway applies too.
const MAX_BODY = { nginx: "256k", kubernetes: "256Ki" };

let passed = 0;
const failures = [];
function check(ok, what) {
  if (ok) passed++;
  else failures.push(what);
  return ok;
}
function finish() {
  for (const f of failures) console.log(`FAIL ${f}`);
  console.log(`${passed} passed, ${failures.length} failed`);
  process.exit(failures.length ? 1 : 0);
}
const id = (o) => `${o.kind}/${o.metadata?.name}`;
const matches = (selector, labels) =>
  Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v);
// Generated ConfigMaps and Secrets carry a hash suffix in the dev overlay.
const sameName = (actual, wanted) => actual === wanted || new RegExp(`^${wanted}-[a-z0-9]{10}$`).test(actual);

async function k8s(file, overlay) {
  const docs = parseAllDocuments(readFileSync(file, "utf8"));
  const objects = [];
  for (const d of docs) {
    if (d.errors.length) check(false, `${file}: YAML: ${d.errors[0].message}`);
    const o = d.toJS();
    if (o) objects.push(o);
  }
  check(objects.length > 0, `${file}: renders no object`);

  // 1. Schemas.
  for (const o of objects) {
    const key = `${o.apiVersion}/${o.kind}`;
    if (POLICIES.has(key) || MONITORING.has(key)) continue;
    if (!check(MODELS[key], `${id(o)}: no schema for ${key} (add it to MODELS if it is meant to be there)`)) continue;
    const mod = await import(MODELS[key]);
    try {
      new mod[o.kind](o).validate();
      check(true);
    } catch (e) {
      check(false, `${id(o)}: schema: ${e.message}`);
    }
  }

  const byKind = (kind) => objects.filter((o) => o.kind === kind);
  const find = (kind, name) => objects.find((o) => o.kind === kind && o.metadata.name === name);
  const findGenerated = (kind, name) => objects.find((o) => o.kind === kind && sameName(o.metadata.name, name));

  // 2. Namespace: everything namespaced lives in "circles".
  for (const o of objects) {
    if (o.kind === "Namespace") continue;
    check(o.metadata.namespace === "circles", `${id(o)}: namespace is ${o.metadata.namespace}, not circles`);
  }

  // 3. Every workload (services and dev infrastructure).
  const workloads = [...byKind("Deployment"), ...byKind("StatefulSet")];
  for (const w of workloads) {
    const pod = w.spec.template.spec;
    check(matches(w.spec.selector.matchLabels, w.spec.template.metadata.labels), `${id(w)}: selector does not match its pods`);
    check(pod.securityContext?.runAsNonRoot === true, `${id(w)}: pod runAsNonRoot`);
    check(pod.securityContext?.seccompProfile?.type === "RuntimeDefault", `${id(w)}: pod seccompProfile RuntimeDefault`);
    check(pod.automountServiceAccountToken === false, `${id(w)}: automountServiceAccountToken false`);
    for (const c of [...(pod.initContainers ?? []), ...pod.containers]) {
      const where = `${id(w)} container ${c.name}`;
      const sc = c.securityContext ?? {};
      check(/^[^:@]+(:[^:@]+)$/.test(c.image) && !c.image.endsWith(":latest"), `${where}: image ${c.image} needs a fixed tag`);
      check(sc.allowPrivilegeEscalation === false, `${where}: allowPrivilegeEscalation false`);
      check(sc.capabilities?.drop?.includes("ALL"), `${where}: capabilities drop ALL`);
      check(sc.runAsNonRoot === true, `${where}: runAsNonRoot`);
      check(sc.seccompProfile?.type === "RuntimeDefault", `${where}: seccompProfile RuntimeDefault`);
      check(sc.privileged !== true, `${where}: not privileged`);
      for (const r of ["requests", "limits"]) {
        check(c.resources?.[r]?.cpu && c.resources?.[r]?.memory, `${where}: resources.${r} cpu and memory`);
      }
      check(c.livenessProbe && c.readinessProbe, `${where}: liveness and readiness probes`);
      // Every referenced ConfigMap / Secret must be in the render (prod: the operator's Secrets excepted).
      for (const ref of c.envFrom ?? []) {
        if (ref.configMapRef) {
          check(ref.configMapRef.optional || find("ConfigMap", ref.configMapRef.name),
            `${where}: ConfigMap ${ref.configMapRef.name} is not rendered`);
        }
        if (ref.secretRef) {
          const external = overlay !== "dev" && OPERATOR_SECRETS.has(ref.secretRef.name);
          check(ref.secretRef.optional || external || find("Secret", ref.secretRef.name),
            `${where}: Secret ${ref.secretRef.name} is not rendered`);
        }
      }
    }
    for (const v of pod.volumes ?? []) {
      if (v.configMap) {
        check(v.configMap.optional || find("ConfigMap", v.configMap.name), `${id(w)}: volume ConfigMap ${v.configMap.name} is not rendered`);
      }
      if (v.secret) {
        check(v.secret.optional || find("Secret", v.secret.secretName), `${id(w)}: volume Secret ${v.secret.secretName} is not rendered`);
      }
    }
  }

  // 4. The four services.
  for (const s of SERVICES) {
    const d = find("Deployment", s);
    if (!check(d, `Deployment/${s} missing`)) continue;
    const pod = d.spec.template.spec;
    const c = pod.containers.find((x) => x.name === s);
    if (!check(c, `Deployment/${s}: no container named ${s}`)) continue;
    check(new RegExp(`^circles/${s}:\\d+\\.\\d+\\.\\d+$`).test(c.image), `Deployment/${s}: image ${c.image} is not circles/${s}:<version>`);
    check(d.metadata.labels?.["app.kubernetes.io/component"] === "service", `Deployment/${s}: label app.kubernetes.io/component=service`);
    for (const [probe, path] of Object.entries(HEALTH)) {
      check(c[probe]?.httpGet?.path === path, `Deployment/${s}: ${probe} on ${path}`);
    }
    check(c.ports?.some((p) => p.containerPort === 8080 && p.name === "http"), `Deployment/${s}: container port http 8080`);
    check(c.securityContext?.readOnlyRootFilesystem === true, `Deployment/${s}: readOnlyRootFilesystem`);
    const tmpMount = c.volumeMounts?.find((m) => m.mountPath === "/tmp");
    check(tmpMount && pod.volumes?.find((v) => v.name === tmpMount.name)?.emptyDir, `Deployment/${s}: emptyDir on /tmp`);
    const cm = c.envFrom?.find((r) => r.configMapRef)?.configMapRef;
    const sec = c.envFrom?.find((r) => r.secretRef)?.secretRef;
    check(cm && sameName(cm.name, `${s}-config`), `Deployment/${s}: envFrom ConfigMap ${s}-config`);
    check(sec && sameName(sec.name, `${s}-secrets`) && sec.optional === false, `Deployment/${s}: envFrom Secret ${s}-secrets, optional: false`);
    const idx = (k) => c.envFrom?.findIndex((r) => r[k]);
    check(idx("configMapRef") < idx("secretRef"), `Deployment/${s}: the Secret comes after the ConfigMap in envFrom (so it wins)`);
    check(pod.serviceAccountName === s, `Deployment/${s}: serviceAccountName ${s}`);
    check(find("ServiceAccount", s)?.automountServiceAccountToken === false, `ServiceAccount/${s}: present, automountServiceAccountToken false`);

    const config = cm && find("ConfigMap", cm.name);
    check(config?.data?.QUARKUS_HTTP_PORT === "8080", `ConfigMap ${s}-config: QUARKUS_HTTP_PORT=8080`);
    if (overlay === "dev") {
      const env = { ...(config?.data ?? {}), ...(find("Secret", sec?.name)?.data ?? {}) };
      check(env.KAFKA_BOOTSTRAP_SERVERS, `dev ${s}: KAFKA_BOOTSTRAP_SERVERS set`);
      if (WITH_DATABASE[s]) {
        for (const k of [`${WITH_DATABASE[s]}_DB_URL`, `${WITH_DATABASE[s]}_DB_JDBC_URL`, "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD"]) {
          check(env[k], `dev ${s}: ${k} set`);
        }
      }
      // feed-service keeps timelines in Redis, every service its per-user write budgets.
      if (!WITHOUT_REDIS.has(s)) check(env.REDIS_URL, `dev ${s}: REDIS_URL set`);
    }
    if (overlay.startsWith("prod") && !WITHOUT_REDIS.has(s)) {
      check(config?.data?.QUARKUS_REDIS_CLIENT_TYPE === "cluster", `prod ${s}: QUARKUS_REDIS_CLIENT_TYPE=cluster`);
    }

    const svc = find("Service", s);
    if (check(svc, `Service/${s} missing`)) {
      check(matches(svc.spec.selector, d.spec.template.metadata.labels), `Service/${s}: selector does not match the pods`);
      check(svc.spec.ports?.some((p) => p.port === 80 && (p.targetPort === "http" || p.targetPort === 8080)), `Service/${s}: port 80 -> http (8080)`);
    }
    // Metrics: a ServiceMonitor scraping /q/metrics through the http port of this service's Service, and no other.
    const sm = find("ServiceMonitor", s);
    if (check(sm, `ServiceMonitor/${s} missing`)) {
      const selected = byKind("Service").filter((x) => matches(sm.spec.selector?.matchLabels, x.metadata.labels));
      check(Object.keys(sm.spec.selector?.matchLabels ?? {}).length && selected.length === 1 && selected[0] === svc,
        `ServiceMonitor/${s}: selects Service/${s} only (selects ${selected.map((x) => x.metadata.name).join(", ") || "none"})`);
      const endpoints = sm.spec.endpoints ?? [];
      check(endpoints.length > 0 && endpoints.every((e) => e.path === "/q/metrics"
        && svc?.spec.ports?.some((p) => p.name === e.port && p.targetPort === "http")),
      `ServiceMonitor/${s}: endpoints scrape /q/metrics on the Service's http port`);
    }
    const hpa = find("HorizontalPodAutoscaler", s);
    if (check(hpa, `HorizontalPodAutoscaler/${s} missing`)) {
      check(hpa.spec.scaleTargetRef.kind === "Deployment" && hpa.spec.scaleTargetRef.name === s, `HPA/${s}: targets Deployment/${s}`);
      check(hpa.spec.metrics?.some((m) => m.resource?.name === "cpu"), `HPA/${s}: scales on CPU`);
      check(hpa.spec.minReplicas <= d.spec.replicas && d.spec.replicas <= hpa.spec.maxReplicas, `HPA/${s}: replicas ${d.spec.replicas} within min..max`);
    }
    const pdb = find("PodDisruptionBudget", s);
    check(pdb && matches(pdb.spec.selector.matchLabels, d.spec.template.metadata.labels), `PodDisruptionBudget/${s}: present and selecting the pods`);
    const np = find("NetworkPolicy", s);
    if (check(np && matches(np.spec.podSelector.matchLabels, d.spec.template.metadata.labels), `NetworkPolicy/${s}: present and selecting the pods`)) {
      check(np.spec.ingress?.some((r) => r.ports?.some((p) => p.port === 8080)), `NetworkPolicy/${s}: ingress to 8080`);
      const egressPorts = (np.spec.egress ?? []).flatMap((r) => (r.ports ?? []).map((p) => p.port));
      const needs = (WITH_DATABASE[s] ? [9092, 5432] : [9092]).concat(WITHOUT_REDIS.has(s) ? [] : [6379]);
      for (const p of needs) check(egressPorts.includes(p), `NetworkPolicy/${s}: egress to port ${p}`);
    }
    if (overlay === "dev") check(d.spec.replicas === 1, `dev Deployment/${s}: 1 replica (is ${d.spec.replicas})`);
    if (overlay === "prod") check(d.spec.replicas >= 2, `prod Deployment/${s}: at least 2 replicas (is ${d.spec.replicas})`);
  }

  // 5. Network policies shared by the namespace.
  const nps = byKind("NetworkPolicy");
  check(nps.some((p) => Object.keys(p.spec.podSelector ?? {}).length === 0 && !p.spec.ingress && !p.spec.egress
    && p.spec.policyTypes?.includes("Ingress") && p.spec.policyTypes?.includes("Egress")), "a default-deny NetworkPolicy (ingress and egress)");
  check(nps.some((p) => Object.keys(p.spec.podSelector ?? {}).length === 0
    && p.spec.egress?.some((r) => r.ports?.some((x) => x.port === 53 && x.protocol === "UDP"))), "a NetworkPolicy allowing DNS egress");
  // A peer selecting pods of this namespace must select pods that exist (or the gateway's proxies, labelled by the
  // Gateway API implementation), so no label added by a transformer silently narrows it to nothing.
  const GATEWAY_PEER = { "circles.dev/gateway-dataplane": "true" };
  for (const p of nps) {
    for (const rule of p.spec.ingress ?? []) {
      for (const peer of rule.from ?? []) {
        if (!peer.podSelector || peer.namespaceSelector) continue;
        const sel = peer.podSelector.matchLabels ?? {};
        const isGateway = JSON.stringify(sel) === JSON.stringify(GATEWAY_PEER) && !peer.podSelector.matchExpressions;
        const exprs = peer.podSelector.matchExpressions ?? [];
        const selects = (labels) => matches(sel, labels) && exprs.every((e) => e.operator === "In" && e.values.includes(labels?.[e.key]));
        check(isGateway || workloads.some((w) => selects(w.spec.template.metadata.labels)),
          `${id(p)}: ingress peer ${JSON.stringify(peer.podSelector)} selects no pod`);
        if (exprs.length) {
          for (const e of exprs) for (const v of e.values) {
            check(workloads.some((w) => w.spec.template.metadata.labels?.[e.key] === v), `${id(p)}: ingress peer ${e.key}=${v} selects no pod`);
          }
        }
      }
    }
  }
  for (const w of workloads.filter((x) => x.metadata.labels?.["app.kubernetes.io/component"] === "infrastructure")) {
    check(nps.some((p) => matches(p.spec.podSelector.matchLabels, w.spec.template.metadata.labels) && p.spec.ingress?.length),
      `${id(w)}: a NetworkPolicy lets its clients in`);
  }

  // 6. Gateway and routes.
  const gateways = byKind("Gateway");
  check(gateways.length === 1 && gateways[0].spec.gatewayClassName, "one Gateway with a gatewayClassName");
  const routes = byKind("HTTPRoute");
  check(routes.length === SERVICES.length + 1, `one HTTPRoute per service and one for the web client (found ${routes.length})`);
  const served = {};
  for (const r of routes) {
    for (const p of r.spec.parentRefs) {
      check(gateways.some((g) => g.metadata.name === p.name), `HTTPRoute/${r.metadata.name}: parent Gateway ${p.name} not rendered`);
    }
    for (const rule of r.spec.rules) {
      for (const b of rule.backendRefs ?? []) {
        const svc = find("Service", b.name);
        check(svc?.spec.ports?.some((p) => p.port === b.port), `HTTPRoute/${r.metadata.name}: backend ${b.name}:${b.port} is not a rendered Service port`);
      }
      for (const m of rule.matches ?? []) {
        check(m.path?.type === "PathPrefix", `HTTPRoute/${r.metadata.name}: PathPrefix matches only`);
        served[m.path.value] = { service: rule.backendRefs?.[0]?.name, rule };
      }
    }
  }
  for (const [prefix, service] of Object.entries(ROUTES)) {
    check(served[prefix]?.service === service, `route ${prefix} -> ${service} (is ${served[prefix]?.service})`);
  }
  for (const [path, service] of Object.entries(SSE_PATHS)) {
    const sse = served[path];
    check(sse?.service === service && sse.rule.timeouts?.request === "0s", `route ${path} -> ${service} without a request timeout`);
  }
  check(served[UPLOAD_PATH]?.service === UPLOAD_BACKEND, `route ${UPLOAD_PATH} -> ${UPLOAD_BACKEND} (is ${served[UPLOAD_PATH]?.service})`);
  check(served[WEB_PATH]?.service === "web-client", `route ${WEB_PATH} -> web-client (is ${served[WEB_PATH]?.service})`);
  const web = find("Deployment", "web-client");
  if (check(web, "Deployment/web-client missing")) {
    const c = web.spec.template.spec.containers.find((x) => x.name === "web-client");
    check(/^circles\/web-client:\d+\.\d+\.\d+$/.test(c?.image ?? ""), `Deployment/web-client: image ${c?.image} is not circles/web-client:<version>`);
    check(c?.securityContext?.readOnlyRootFilesystem === true, "Deployment/web-client: readOnlyRootFilesystem");
    check(find("NetworkPolicy", "web-client"), "NetworkPolicy/web-client missing");
  }
  const unexpected = Object.keys(served).filter((p) => !(p in ROUTES) && !(p in SSE_PATHS) && p !== UPLOAD_PATH && p !== WEB_PATH);
  check(unexpected.length === 0, `routes not in the architecture: ${unexpected.join(", ")}`);
  for (const [prefix, { rule }] of Object.entries(served)) {
    if (!(prefix in SSE_PATHS)) check(rule.timeouts?.request && rule.timeouts.request !== "0s", `route ${prefix}: a request timeout`);
  }
  // Gateway limits, when an implementation's policies are rendered: attached to the Gateway, with the values that
  // matter set.
  for (const p of objects.filter((o) => POLICIES.has(`${o.apiVersion}/${o.kind}`))) {
    const refs = p.spec?.targetRefs ?? [];
    // The upload route's own policy: streamed bodies (no buffer limit), still a cap on connections.
    if (refs.length === 1 && refs[0].kind === "HTTPRoute" && refs[0].name === "media-service") {
      check(!p.spec.requestBuffer && p.spec.circuitBreaker?.maxConnections > 0, `${id(p)}: streams uploads, caps connections`);
      continue;
    }
    check(refs.length > 0 && refs.every((r) => r.kind === "Gateway" && gateways.some((g) => g.metadata.name === r.name)),
      `${id(p)}: targets the rendered Gateway`);
    if (p.kind === "ClientTrafficPolicy") {
      check(p.spec.connection?.connectionLimit?.value > 0, `${id(p)}: a connection limit`);
      check(p.spec.timeout?.http?.requestReceivedTimeout, `${id(p)}: a request receive timeout`);
    } else {
      check(p.spec.requestBuffer?.limit === MAX_BODY.kubernetes, `${id(p)}: request body limit ${MAX_BODY.kubernetes}`);
      check(p.spec.circuitBreaker?.maxConnections > 0, `${id(p)}: a cap on connections to each service`);
    }
  }

  // 7. Secrets: only the dev overlay renders any, and those hold dev-only values.
  const secrets = byKind("Secret");
  if (overlay !== "dev") check(secrets.length === 0, `${overlay} renders no Secret (found ${secrets.map((x) => x.metadata.name).join(", ")})`);
  for (const sct of secrets) {
    for (const [k, v] of Object.entries(sct.data ?? {})) {
      if (/PASSWORD|TOKEN|KEY/.test(k)) {
        check(Buffer.from(v, "base64").toString().startsWith("dev-only"), `${id(sct)}: ${k} is not named as a dev-only value`);
      }
    }
  }
}

function compose(file, nginxFile) {
  const doc = parse(readFileSync(file, "utf8"), { merge: true });
  const services = doc.services ?? {};
  for (const s of [...SERVICES, "kafka", "postgres", "redis", "gateway"]) {
    check(services[s], `compose: service ${s} missing`);
  }
  for (const [name, s] of Object.entries(services)) {
    check(s.healthcheck?.test, `compose ${name}: health check`);
    check(s.image && !s.image.endsWith(":latest") && s.image.includes(":"), `compose ${name}: image with a fixed tag`);
    const deps = s.depends_on ?? {};
    check(!Array.isArray(deps), `compose ${name}: depends_on with conditions`);
    for (const [dep, cond] of Object.entries(Array.isArray(deps) ? {} : deps)) {
      check(cond?.condition === "service_healthy", `compose ${name}: depends_on ${dep} condition service_healthy`);
    }
  }
  for (const s of SERVICES) {
    const svc = services[s] ?? {};
    const env = svc.environment ?? {};
    check(svc.build?.dockerfile === "src/main/docker/Dockerfile.jvm", `compose ${s}: builds src/main/docker/Dockerfile.jvm`);
    check(svc.image === `circles/${s}:0.1.0` || /^circles\/[a-z-]+:\d+\.\d+\.\d+$/.test(svc.image ?? ""), `compose ${s}: image circles/${s}:<version>`);
    check(String(env.QUARKUS_HTTP_PORT) === "8080" && env.KAFKA_BOOTSTRAP_SERVERS, `compose ${s}: QUARKUS_HTTP_PORT and KAFKA_BOOTSTRAP_SERVERS`);
    if (WITH_DATABASE[s]) {
      check(env[`${WITH_DATABASE[s]}_DB_URL`] && env[`${WITH_DATABASE[s]}_DB_JDBC_URL`], `compose ${s}: database URLs`);
      check(String(env.QUARKUS_DATASOURCE_PASSWORD ?? "").startsWith("dev-only"), `compose ${s}: the password is named as a dev-only value`);
    }
    // feed-service keeps timelines in Redis, every service its per-user write budgets.
    if (!WITHOUT_REDIS.has(s)) {
      check(env.REDIS_URL, `compose ${s}: REDIS_URL`);
      check(svc.depends_on?.redis?.condition === "service_healthy", `compose ${s}: depends_on redis`);
    }
  }
  check(services.gateway?.ports?.some((p) => String(p).startsWith("8080:")), "compose gateway: host port 8080");

  // The nginx routes: which location answers a path, nginx's way (regex locations in order, else the "/" prefix).
  const conf = readFileSync(nginxFile, "utf8");
  const locations = [...conf.matchAll(/location\s+~\s+(\S+)\s*\{([^}]*)\}/g)].map(([, re, body]) => ({
    re: new RegExp(re),
    upstream: body.match(/proxy_pass\s+http:\/\/([\w-]+)/)?.[1],
    unbuffered: /proxy_buffering\s+off/.test(body),
  }));
  const route = (path) => locations.find((l) => l.re.test(path));
  for (const [prefix, service] of Object.entries(ROUTES)) {
    for (const path of [prefix, `${prefix}/`, `${prefix}/0a1b/c?x=1`.split("?")[0]]) {
      check(route(path)?.upstream === service, `nginx: ${path} -> ${service} (is ${route(path)?.upstream})`);
    }
    check(!route(`${prefix}x`), `nginx: ${prefix}x must not match a route`);
  }
  const upload = conf.match(/location\s+\^~\s+\/media-store\/\s*\{([^}]*)\}/)?.[1] ?? "";
  check(/proxy_pass\s+http:\/\/media-store;/.test(upload) && /proxy_set_header\s+Host\s+\$http_host;/.test(upload),
    "nginx: /media-store/ -> media-store with the Host header the URL was signed for");
  for (const [path, service] of Object.entries(SSE_PATHS)) {
    check(route(path)?.upstream === service && route(path).unbuffered, `nginx: ${path} -> ${service} with proxy_buffering off`);
  }
  for (const path of ["/", "/api", "/api/", "/api/unknown", "/q/health", "/q/metrics"]) {
    check(!route(path), `nginx: ${path} must reach no service`);
  }
  check(/location\s+\/api\s*\{[^}]*return\s+404/.test(conf), "nginx: an /api path no route matches returns 404");
  // The web client at "/": the built files, unknown paths to index.html, a CSP without inline script.
  const web = conf.match(/location\s+\/\s*\{([^}]*)\}/)?.[1] ?? "";
  check(/try_files\s+\$uri\s+\/index\.html/.test(web) && /root\s+\S+/.test(web), "nginx: / serves the web client with index.html for unknown paths");
  check(/add_header\s+Content-Security-Policy\s/.test(web), "nginx: / sends a Content-Security-Policy");
  const csp = conf.match(/\$web_csp\s*\{\s*default\s+"([^"]+)"/)?.[1] ?? "";
  check(/script-src 'self'/.test(csp) && !/unsafe-inline|unsafe-eval/.test(csp), `nginx: the web CSP allows only the app's own scripts (${csp})`);
  check(!/dev\/token/.test(conf), "nginx: no development sign-in behind the compose gateway");
  // Edge limits: body size as the services', connections and request rate per client address, timeouts.
  check(new RegExp(`^\\s*client_max_body_size\\s+${MAX_BODY.nginx};`, "m").test(conf), `nginx: client_max_body_size ${MAX_BODY.nginx}`);
  for (const directive of ["limit_conn_zone", "limit_conn", "limit_req_zone", "limit_req", "client_body_timeout", "client_header_timeout", "proxy_read_timeout"]) {
    check(new RegExp(`^\\s*${directive}\\s`, "m").test(conf), `nginx: ${directive}`);
  }
  check(/error_page\s+413\b/.test(conf) && /error_page\s+429\b/.test(conf), "nginx: 413 and 429 answered as problem+json");
  for (const s of SERVICES) check(conf.includes(`server ${s}:8080`), `nginx: upstream ${s}:8080`);
}

const [mode, ...args] = process.argv.slice(2);
if (mode === "k8s") {
  const overlay = args[args.indexOf("--overlay") + 1];
  if (!args.includes("--overlay") || !overlay) {
    console.error("usage: node validate.mjs k8s <rendered.yaml> --overlay <name>");
    process.exit(2);
  }
  await k8s(args[0], overlay);
} else if (mode === "compose") {
  compose(args[0], args[1]);
} else {
  console.error("usage: node validate.mjs k8s <rendered.yaml> --overlay <name> | compose <docker-compose.yml> <nginx.conf>");
  process.exit(2);
}
finish();
