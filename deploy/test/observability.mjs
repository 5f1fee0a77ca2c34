// The Grafana dashboards and the PrometheusRule of deploy/observability, and their checks.
//
//   node observability.mjs generate
//       writes deploy/observability/dashboards/*.json (defined below) and deploy/observability/prometheus-rule.yaml
//       (the groups of deploy/observability/rules/circles.rules.yaml, the one source of the rules).
//   node observability.mjs check
//       the committed files are what generate writes; dashboards use the ${DS_PROMETHEUS} data source only and
//       schemaVersion >= 36; every alert has a severity, a summary, a description and a runbook_url naming a heading
//       of docs/operations.md.
//
// Which metrics exist is checked against the running services by MetricsExportedIT (system-tests); the rules
// themselves by promtool (.ci/run).
import { readFileSync, writeFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse, stringify } from "yaml";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const OBS = join(ROOT, "deploy", "observability");
const RULES = join(OBS, "rules", "circles.rules.yaml");
const PROMETHEUS_RULE = join(OBS, "prometheus-rule.yaml");
const DASHBOARDS = join(OBS, "dashboards");
const OPERATIONS = join(ROOT, "docs", "operations.md");

const SERVICES = ["community-service", "event-service", "merchant-service", "feed-service", "notification-service",
  "media-service"];
const DS = { type: "prometheus", uid: "${DS_PROMETHEUS}" };
const RATE = "$__rate_interval";
// Long-lived Server-Sent Events responses would be the slowest "requests" of the services that stream.
const NOT_STREAMS = 'uri!~".*/stream"';

// ---- dashboards ------------------------------------------------------------------------------------------------

function panel(title, description, unit, targets, { w = 12, h = 8, type = "timeseries", max } = {}) {
  return {
    type,
    title,
    description,
    datasource: DS,
    fieldConfig: { defaults: { unit, ...(max === undefined ? {} : { max }), min: 0 }, overrides: [] },
    options: type === "timeseries"
      ? { legend: { displayMode: "table", placement: "bottom", calcs: ["lastNotNull", "max"] }, tooltip: { mode: "multi" } }
      : { reduceOptions: { calcs: ["lastNotNull"], fields: "", values: false } },
    targets: targets.map(([expr, legendFormat], i) => ({ datasource: DS, expr, legendFormat, refId: String.fromCharCode(65 + i) })),
    gridPos: { w, h },
  };
}

function dashboard(uid, title, description, panels) {
  // Two panels a row, 24 columns wide.
  let x = 0, y = 0, rowHeight = 0;
  const placed = panels.map((p, i) => {
    if (x + p.gridPos.w > 24) { x = 0; y += rowHeight; rowHeight = 0; }
    const gridPos = { x, y, w: p.gridPos.w, h: p.gridPos.h };
    x += p.gridPos.w;
    rowHeight = Math.max(rowHeight, p.gridPos.h);
    return { id: i + 1, ...p, gridPos };
  });
  return {
    uid,
    title,
    description,
    tags: ["circles"],
    editable: true,
    schemaVersion: 39,
    version: 1,
    time: { from: "now-6h", to: "now" },
    refresh: "1m",
    timezone: "utc",
    templating: {
      list: [{ name: "DS_PROMETHEUS", label: "Prometheus", type: "datasource", query: "prometheus", current: {}, hide: 0 }],
    },
    annotations: { list: [] },
    links: [{ title: "Circles", type: "dashboards", tags: ["circles"], asDropdown: true }],
    panels: placed,
  };
}

function serviceDashboard(service) {
  const job = `job="${service}"`;
  const count = (extra = "") => `http_server_requests_seconds_count{${job}${extra}}`;
  const bucket = `http_server_requests_seconds_bucket{${job}, ${NOT_STREAMS}}`;
  return dashboard(`circles-${service}`, `Circles / ${service}`,
    `HTTP traffic of ${service}: request rate, 5xx ratio, latency (docs/operations.md, "SLOs and alerts").`, [
      panel("Request rate", "Requests per second by route (Quarkus's http_server_requests_seconds).", "reqps",
        [[`sum by (method, uri) (rate(${count()}[${RATE}]))`, "{{method}} {{uri}}"]]),
      panel("5xx ratio", "Share of requests answered 5xx; the availability SLO allows 0.5 % over 30 days.", "percentunit",
        [[`sum(rate(${count(', status=~"5.."')}[${RATE}])) / sum(rate(${count()}[${RATE}]))`, "5xx"],
          [`sum(rate(${count(', status=~"4.."')}[${RATE}])) / sum(rate(${count()}[${RATE}]))`, "4xx"]]),
      panel("Latency p50 / p99", "Across all routes but live streams, from the histogram buckets.", "s",
        [[`histogram_quantile(0.5, sum by (le) (rate(${bucket}[${RATE}])))`, "p50"],
          [`histogram_quantile(0.99, sum by (le) (rate(${bucket}[${RATE}])))`, "p99"]]),
      panel("Latency p99 by route", "The slowest routes first in the legend.", "s",
        [[`histogram_quantile(0.99, sum by (le, method, uri) (rate(${bucket}[${RATE}])))`, "{{method}} {{uri}}"]]),
      panel("Responses by status", "Per second, by HTTP status.", "reqps",
        [[`sum by (status) (rate(${count()}[${RATE}]))`, "{{status}}"]]),
      panel("Replicas scraped", "Pods Prometheus reaches for this service.", "short",
        [[`count(count by (pod, instance) (${count()}))`, "replicas"]]),
    ]);
}

const DLQ = 'topic=~".+[.]dlq[.].+"';
const pipeline = dashboard("circles-event-pipeline", "Circles / event pipeline",
  "From a committed change to the feeds: outbox backlog, relay, consumer lag, dead letters, feed freshness.", [
    panel("Outbox backlog", "Rows committed but not yet on Kafka, per service (sampled at each relay sweep). Growing: Kafka is unreachable from that service.", "short",
      [["max by (job) (circles_outbox_waiting)", "{{job}}"]]),
    panel("Events relayed", "Events the relays published per second.", "ops",
      [[`sum by (job) (rate(circles_outbox_published_total[${RATE}]))`, "{{job}}"]]),
    panel("Relay failures", "Relay passes that failed (Kafka down or refusing).", "short",
      [[`sum by (job) (increase(circles_outbox_publish_failures_total[${RATE}]))`, "{{job}}"]]),
    panel("Consumer lag by consumer", "Records behind the end of the partitions, per service and channel (client_id kafka-consumer-<channel>: one consumer group).", "short",
      [["sum by (job, client_id) (kafka_consumer_fetch_manager_records_lag)", "{{job}} {{client_id}}"]]),
    panel("Consumer lag by topic", "The same lag per topic read.", "short",
      [["sum by (job, topic) (kafka_consumer_fetch_manager_records_lag)", "{{job}} {{topic}}"]]),
    panel("Dead-lettered records (1 h)", "Records sent to <topic>.dlq.<consumer> in the last hour; the SLO is none.", "short",
      [[`sum by (job, topic) (increase(kafka_producer_topic_record_send_total{${DLQ}}[1h]))`, "{{topic}}"]]),
    panel("Feed freshness p50 / p99", "From a post's publishing to readable (its card and community timeline) and fanned out (in every active member's inbox). SLO: 99 % fanned out within 5 s.", "s",
      [[`histogram_quantile(0.5, sum by (le, stage) (rate(circles_feed_post_delay_seconds_bucket[${RATE}])))`, "p50 {{stage}}"],
        [`histogram_quantile(0.99, sum by (le, stage) (rate(circles_feed_post_delay_seconds_bucket[${RATE}])))`, "p99 {{stage}}"]]),
    panel("Posts fanned out within 5 s", "The freshness SLI.", "percentunit",
      [[`sum(rate(circles_feed_post_delay_seconds_bucket{stage="fanned_out", le=~"5|5[.]0"}[${RATE}])) / sum(rate(circles_feed_post_delay_seconds_count{stage="fanned_out"}[${RATE}]))`, "within 5 s"]],
      { max: 1 }),
  ]);

const pools = dashboard("circles-pools", "Circles / Redis and PostgreSQL pools",
  "The services' reactive PostgreSQL pools and Redis connections (Vert.x pool metrics, Quarkus Redis client metrics).", [
    panel("PostgreSQL connections in use", "Per service; the pool has 20 per replica.", "short",
      [["sum by (job) (sql_pool_active)", "{{job}} in use"], ["sum by (job) (sql_pool_idle)", "{{job}} idle"]]),
    panel("PostgreSQL pool wait queue", "Requests waiting for a connection.", "short",
      [["sum by (job) (sql_pool_queue_size)", "{{job}}"]]),
    panel("PostgreSQL pool wait time", "Average wait for a connection.", "s",
      [[`sum by (job) (rate(sql_pool_queue_delay_seconds_sum[${RATE}])) / sum by (job) (rate(sql_pool_queue_delay_seconds_count[${RATE}]))`, "{{job}}"]]),
    panel("PostgreSQL connection use time", "Average time a connection is held.", "s",
      [[`sum by (job) (rate(sql_pool_usage_seconds_sum[${RATE}])) / sum by (job) (rate(sql_pool_usage_seconds_count[${RATE}]))`, "{{job}}"]]),
    panel("Redis connections in use", "Per service.", "short",
      [["sum by (job) (redis_pool_active)", "{{job}} in use"], ["sum by (job) (redis_pool_idle)", "{{job}} idle"]]),
    panel("Redis pool wait queue", "Requests waiting for a Redis connection.", "short",
      [["sum by (job) (redis_pool_queue_size)", "{{job}}"]]),
    panel("Redis commands", "Commands (or pipelined batches) per second, and failures.", "ops",
      [[`sum by (job) (rate(redis_commands_count_total[${RATE}]))`, "{{job}}"],
        [`sum by (job) (rate(redis_commands_failure_total[${RATE}]))`, "{{job}} failed"]]),
    panel("Redis command time", "Average duration of a command or batch.", "s",
      [[`sum by (job) (rate(redis_commands_duration_seconds_sum[${RATE}])) / sum by (job) (rate(redis_commands_duration_seconds_count[${RATE}]))`, "{{job}}"]]),
  ]);

function dashboards() {
  const all = {};
  for (const s of SERVICES) all[`circles-${s}.json`] = serviceDashboard(s);
  all["circles-event-pipeline.json"] = pipeline;
  all["circles-pools.json"] = pools;
  return Object.fromEntries(Object.entries(all).map(([f, d]) => [f, JSON.stringify(d, null, 2) + "\n"]));
}

// ---- the PrometheusRule ----------------------------------------------------------------------------------------

function prometheusRule() {
  const rules = parse(readFileSync(RULES, "utf8"));
  const object = {
    apiVersion: "monitoring.coreos.com/v1",
    kind: "PrometheusRule",
    metadata: {
      name: "circles",
      namespace: "circles",
      labels: { "app.kubernetes.io/part-of": "circles", "app.kubernetes.io/component": "monitoring" },
    },
    spec: { groups: rules.groups },
  };
  return "# Generated from deploy/observability/rules/circles.rules.yaml by `node deploy/test/observability.mjs generate`:\n"
    + "# edit that file, not this one.   kubectl apply -f deploy/observability/prometheus-rule.yaml\n"
    + stringify(object, { lineWidth: 0 });
}

// ---- checks ----------------------------------------------------------------------------------------------------

let passed = 0;
const failures = [];
function check(ok, what) {
  if (ok) passed++;
  else failures.push(what);
  return ok;
}

// GitHub's heading anchors: lower case, punctuation but hyphens and underscores dropped, spaces to hyphens.
function anchors(markdown) {
  return new Set(markdown.split("\n").filter((l) => /^#{1,6} /.test(l)).map((l) =>
    l.replace(/^#+ /, "").trim().toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, "").replace(/ /g, "-")));
}

function checkAll() {
  const wanted = dashboards();
  const present = readdirSync(DASHBOARDS).filter((f) => f.endsWith(".json"));
  check(JSON.stringify(present.sort()) === JSON.stringify(Object.keys(wanted).sort()),
    `dashboards: ${present.join(", ")} are not the generated ${Object.keys(wanted).join(", ")}`);
  for (const [file, text] of Object.entries(wanted)) {
    let committed = "";
    try { committed = readFileSync(join(DASHBOARDS, file), "utf8"); } catch { /* reported below */ }
    check(committed === text, `dashboards/${file}: differs from what observability.mjs generates (run it with generate)`);
    const d = JSON.parse(committed || text);
    check(d.schemaVersion >= 36, `dashboards/${file}: schemaVersion ${d.schemaVersion} < 36`);
    check(d.templating?.list?.some((v) => v.name === "DS_PROMETHEUS" && v.type === "datasource"),
      `dashboards/${file}: no DS_PROMETHEUS data source variable`);
    const sources = [];
    JSON.stringify(d, (k, v) => { if (k === "datasource") sources.push(v); return v; });
    check(sources.every((s) => s?.uid === "${DS_PROMETHEUS}"), `dashboards/${file}: a data source other than \${DS_PROMETHEUS}`);
    for (const p of d.panels) {
      check(p.targets?.length && p.targets.every((t) => t.expr), `dashboards/${file}: panel "${p.title}" without queries`);
    }
  }
  let rule = "";
  try { rule = readFileSync(PROMETHEUS_RULE, "utf8"); } catch { /* reported below */ }
  check(rule === prometheusRule(), "prometheus-rule.yaml: differs from circles.rules.yaml (run observability.mjs generate)");

  const headings = anchors(readFileSync(OPERATIONS, "utf8"));
  const groups = parse(readFileSync(RULES, "utf8")).groups;
  for (const r of groups.flatMap((g) => g.rules).filter((x) => x.alert)) {
    check(["critical", "warning"].includes(r.labels?.severity), `alert ${r.alert}: severity critical or warning`);
    check(r.annotations?.summary && r.annotations?.description, `alert ${r.alert}: summary and description`);
    const anchor = /^docs\/operations\.md#(.+)$/.exec(r.annotations?.runbook_url ?? "")?.[1];
    check(anchor && headings.has(anchor), `alert ${r.alert}: runbook_url ${r.annotations?.runbook_url} is not a heading of docs/operations.md`);
  }
  for (const f of failures) console.log(`FAIL ${f}`);
  console.log(`observability: ${passed} passed, ${failures.length} failed`);
  process.exit(failures.length ? 1 : 0);
}

const command = process.argv[2];
if (command === "generate") {
  for (const [file, text] of Object.entries(dashboards())) writeFileSync(join(DASHBOARDS, file), text);
  writeFileSync(PROMETHEUS_RULE, prometheusRule());
  console.log(`wrote ${Object.keys(dashboards()).length} dashboards and prometheus-rule.yaml`);
} else if (command === "check") {
  checkAll();
} else {
  console.error("usage: node observability.mjs generate|check");
  process.exit(2);
}
