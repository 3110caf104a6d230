/* The app's live map (layers/live_map.py): a Streamlit v2 component that keeps one Leaflet map in
   the page across reruns. Streamlit calls this function again with new data on every change; the
   map, its zoom and the geometries it has received stay, and only the drawing is replaced. */
const cache = (window.__skGeoms = window.__skGeoms || {});  // key → GeoJSON geometry, for the page's life

function load(tag, attrs) {
  return new Promise((resolve, reject) => {
    const el = document.createElement(tag);
    Object.assign(el, attrs);
    el.onload = resolve;
    el.onerror = () => reject(new Error("kunne ikke laste " + (attrs.src || attrs.href)));
    document.head.appendChild(el);
  });
}

function assets(base) {
  if (!window.__skAssets) {
    const url = (p) => new URL(base + p, window.location.href).href;
    window.__skAssets = Promise.all([
      load("link", {rel: "stylesheet", href: url("leaflet/leaflet.css")}),
      load("link", {rel: "stylesheet", href: url("samarbeidskart/kart.css")}),
      load("script", {src: url("leaflet/leaflet.js")}),
      load("script", {src: url("samarbeidskart/kart.js")}),  // uses L only when it draws: fetched alongside
    ]);
  }
  return window.__skAssets;
}

/* Repairs of Streamlit's page for keyboard and screen-reader users (ui/streamlit_internals.py):
   - The names of its own controls (and Leaflet's zoom buttons) are English: they are said in Norwegian.
   - Its file uploader names its button only by English text, which the page hides (ui/page.py says
     it in Norwegian with CSS, which assistive technology may not read): it gets a Norwegian name.
   - A rerun may draw a control anew (a download button that makes its file when pressed), and the
     keyboard's focus falls back to the page's start. It is put back on the control drawn in its
     place: the same kind of element with the same name (WCAG 2.4.3). */
const UPLOADER_BUTTON = '[data-testid="stFileUploaderDropzone"] button:not([aria-label])';
/* Streamlit's and Leaflet's own English names of controls, in Norwegian (the page's language). */
const NORWEGIAN = {
  "Skip to main content": "Hopp til hovedinnholdet", "Link to heading": "Lenke til overskriften",
  "Show/hide columns": "Vis eller skjul kolonner", "Download as CSV": "Last ned som CSV", "Search": "Søk",
  "Fullscreen": "Fullskjerm", "Close fullscreen": "Lukk fullskjerm", "Clear all": "Fjern alle",
  "Clear value": "Tøm", "Close": "Lukk", "Zoom in": "Zoom inn", "Zoom out": "Zoom ut",
};
function norwegian(text) {
  if (NORWEGIAN[text]) { return NORWEGIAN[text]; }
  return text && text.startsWith("Help for ") ? "Hjelp om " + text.slice(9) : null;
}
const NAMED = '[aria-label], [title], [data-testid="stSkipToContent"]';
function translate(root) {
  /* ``root`` and what is in it: a part of the page just added (or the whole page, at first) */
  const found = root.matches && root.matches(NAMED) ? [root] : [];
  root.querySelectorAll(NAMED).forEach((el) => found.push(el));
  found.forEach((el) => {
    ["aria-label", "title"].forEach((attr) => {
      const said = norwegian(el.getAttribute(attr));
      if (said) { el.setAttribute(attr, said); }
    });
    if (el.dataset.testid === "stSkipToContent" && NORWEGIAN[el.textContent]) { el.textContent = NORWEGIAN[el.textContent]; }
  });
  root.querySelectorAll(UPLOADER_BUTTON).forEach((b) => b.setAttribute("aria-label", "Velg fil"));
}
function nameOf(el) { return el.getAttribute("aria-label") || el.innerText || ""; }
function repairPage() {
  if (window.__skRepaired) { return; }
  window.__skRepaired = true;
  let last = null;  // the element that last had the keyboard's focus
  let lost = null;  // … when a rerun took it away (disabled it, or drew it anew), and since when
  let since = 0;
  document.addEventListener("focusin", (e) => { last = e.target; lost = null; });
  const refocus = () => {
    // noted as soon as the change happens: the browser may move the focus to the page a moment later
    if (!lost && last && (last.disabled || !last.isConnected)) { lost = last; since = Date.now(); }
    if (!lost || document.activeElement !== document.body) { return; }
    if (Date.now() - since > 10000) { lost = null; return; }
    const name = nameOf(lost);
    const target = lost.isConnected ? lost : [...document.querySelectorAll(lost.tagName)].find((el) => name && nameOf(el) === name);
    if (target && !target.disabled) { target.focus({preventScroll: true}); }
  };
  translate(document.body);
  // only what a change added is looked at (a rerun changes much of the page; the map's shapes are skipped)
  new MutationObserver((records) => {
    records.forEach((r) => r.addedNodes.forEach((n) => {
      if (n.nodeType === 1 && !(n instanceof SVGElement) && !n.classList.contains("leaflet-marker-icon")) { translate(n); }
    }));
    refocus();
  }).observe(document.body, {childList: true, subtree: true, attributes: true, attributeFilter: ["disabled"]});
}

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  if (data.preload) {  // the page's first element: fetch Leaflet and the drawing script right away
    assets(data.assets);
    repairPage();
    return;
  }
  let root = parentElement.querySelector(".sk-live");
  if (!root) {
    root = document.createElement("div");
    root.className = "sk-live";
    root.setAttribute("role", "region");
    root.setAttribute("aria-label", "Kart");
    parentElement.appendChild(root);
  }
  root.style.height = data.height + "px";
  root.style.width = "100%";
  Object.assign(cache, data.geoms);
  const seq = (root.__skSeq = (root.__skSeq || 0) + 1);
  assets(data.assets).then(() => {
    if (seq !== root.__skSeq) { return; }  // a newer change arrived while the assets loaded
    const lacking = window.Samarbeidskart.missing(data.view, cache);
    if (lacking.length) {  // a change the page never drew (an interrupted rerun): ask for the shapes again
      setTriggerValue("mangler", lacking.length);
      return;
    }
    if (!root.__skMap) {
      root.__skMap = L.map(root, {zoomSnap: 0.25, preferCanvas: false});
      new ResizeObserver(() => root.__skMap.invalidateSize({pan: false})).observe(root);
      let clicks = 0;
      root.__skMap.on("click", (e) => setTriggerValue("klikk", {lat: e.latlng.lat, lng: e.latlng.lng, n: ++clicks}));
    }
    root.__skState = window.Samarbeidskart.draw(root.__skMap, data.view, cache, root.__skState);
    root.dataset.view = data.id;  // which view is drawn (tests and the benchmark wait for it)
    root.dataset.draws = String((+root.dataset.draws || 0) + 1);
    if (data.drawnUrl && root.__skTold !== data.drawnUrl) {  // a first page: its sidebar waits for this (ui/first_draw.py)
      root.__skTold = data.drawnUrl;
      window.fetch(new URL(data.drawnUrl, window.location.href), {method: "POST", keepalive: true}).catch(() => {});
    }
  });
}
