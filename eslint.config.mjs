// Lint for the browser's drawing scripts, run by the test command (README, .ci/run): the rules that
// find real mistakes (undefined or unused names, == where === is meant, unreachable code), with no
// style rules of their own beyond what the code already keeps.
const browser = {
  window: "readonly", document: "readonly", console: "readonly", setTimeout: "readonly", Promise: "readonly",
  URL: "readonly", JSON: "readonly", Math: "readonly", Object: "readonly", Error: "readonly",
  ResizeObserver: "readonly", MutationObserver: "readonly", SVGElement: "readonly", requestAnimationFrame: "readonly", performance: "readonly",
};
const rules = {
  "no-undef": "error",
  "no-unused-vars": "error",
  "no-redeclare": "error",
  "no-dupe-keys": "error",
  "no-unreachable": "error",
  "no-const-assign": "error",
  "no-shadow-restricted-names": "error",
  "no-self-assign": "error",
  "no-fallthrough": "error",
  "use-isnan": "error",
  "valid-typeof": "error",
  eqeqeq: "error",
  "no-eval": "error",
  "no-implied-eval": "error",
};
export default [
  {
    files: ["static/samarbeidskart/kart.js"],
    languageOptions: { ecmaVersion: 2020, sourceType: "script", globals: { ...browser, L: "readonly" } },
    rules,
  },
  {
    files: ["static/samarbeidskart/live.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: { ...browser, L: "readonly", Samarbeidskart: "readonly" } },
    rules,
  },
];
