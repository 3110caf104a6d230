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

/* Streamlit's file uploader names its button only by English text, which the page hides (ui/page.py
   says it in Norwegian with CSS, which assistive technology may not read): give it a Norwegian
   accessible name, now and whenever Streamlit draws it anew (ui/streamlit_internals.py). */
const UPLOADER_BUTTON = '[data-testid="stFileUploaderDropzone"] button:not([aria-label])';
function nameUploader() {
  if (window.__skNamed) { return; }
  window.__skNamed = true;
  const name = () => document.querySelectorAll(UPLOADER_BUTTON).forEach((b) => b.setAttribute("aria-label", "Velg fil"));
  name();
  new MutationObserver(name).observe(document.body, {childList: true, subtree: true});
}

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  if (data.preload) {  // the page's first element: fetch Leaflet and the drawing script right away
    assets(data.assets);
    nameUploader();
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
  });
}
