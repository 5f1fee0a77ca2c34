#!/usr/bin/env bash
# Mutation testing of the rule classes (PIT), then their scores into docs/testing.md.
#
#   tools/mutation/run.sh                 every module that names rule classes
#   tools/mutation/run.sh feed-service    only these modules (the table then lists only them)
#   tools/mutation/run.sh --report-only   rewrite docs/testing.md from the reports already in target/
#
# Each module names its classes and their plain unit tests in its pom (pit.targetClasses, pit.targetTests); the
# "mutation" profile in platform-bom configures PIT. No *IT suite runs and nothing is started: the rules are pure.
# HTML reports: <module>/target/pit-reports/index.html.
set -euo pipefail
cd "$(dirname "$0")/../.."

all=(platform-runtime community-service event-service merchant-service feed-service notification-service media-service)
report_only=false
modules=()
for arg in "$@"; do
  case "$arg" in
    --report-only) report_only=true ;;
    *) modules+=("$arg") ;;
  esac
done
[ ${#modules[@]} -gt 0 ] || modules=("${all[@]}")

if [ "$report_only" = false ]; then
  for module in "${modules[@]}"; do rm -rf "$module/target/pit-reports"; done
  # test-compile, not test: surefire (and its *IT suites) never runs; PIT runs the named unit tests itself.
  # --fail-at-end: one module's failure still leaves the others' reports; the table then says which is missing.
  build=0
  ./mvnw -B -Pmutation --fail-at-end -pl "$(IFS=,; echo "${modules[*]}")" -am \
    test-compile org.pitest:pitest-maven:mutationCoverage || build=$?
fi
python3 tools/mutation/report.py "${modules[@]}"
exit "${build:-0}"
