/* Samarbeidskart: draws a map payload (layers/web_map.py) on a Leaflet map.
   The one drawing script of the browser: inlined into the standalone HTML export, and loaded once
   by the app's live map, which calls draw() again on the same map for every change. Texts in the
   payload are escaped by the server; nothing here builds HTML from data. */
(function (global) {
  "use strict";

  /* A geometry in the payload's compact form (layers/web_map.py: encode): each ring or line as
     integers, the first pair absolute, then differences, scaled by 10^d. */
  function line(q, scale) {
    var out = [], x = 0, y = 0;
    for (var i = 0; i < q.length; i += 2) { x += q[i]; y += q[i + 1]; out.push([x / scale, y / scale]); }
    return out;
  }
  function decode(g) {
    if (!g || !g.q) { return g; }
    var s = Math.pow(10, g.d), coords;
    if (g.type === "LineString" || g.type === "MultiPoint") { coords = line(g.q, s); }
    else if (g.type === "Point") { coords = line(g.q, s)[0]; }
    else if (g.type === "Polygon" || g.type === "MultiLineString") { coords = g.q.map(function (r) { return line(r, s); }); }
    else { coords = g.q.map(function (p) { return p.map(function (r) { return line(r, s); }); }); }
    return {type: g.type, coordinates: coords};
  }
  function geometry(geoms, key) {  /* decoded once, then kept decoded */
    var g = geoms[key];
    if (g && g.type === "GeometryCollection" && g.geometries.some(function (p) { return p.q; })) {
      g = geoms[key] = {type: g.type, geometries: g.geometries.map(decode)};
    } else if (g && g.q) {
      g = geoms[key] = decode(g);
    }
    return g;
  }

  function collection(columns, geoms) {
    var feats = [];
    if (!columns) { return {type: "FeatureCollection", features: feats}; }
    columns.g.forEach(function (key, i) {
      if (!key || !geometry(geoms, key)) { return; }
      var props = {};
      Object.keys(columns).forEach(function (c) { if (c !== "g") { props[c] = columns[c][i]; } });
      feats.push({type: "Feature", id: i, geometry: geoms[key], properties: props});
    });
    return {type: "FeatureCollection", features: feats};
  }

  /* Keys the payload refers to that ``geoms`` lacks (the live map asks the server for them). */
  function missing(view, geoms) {
    var keys = [];
    ["areas", "lines", "highlight"].forEach(function (part) {
      if (view[part]) { view[part].g.forEach(function (k) { if (k && !geoms[k]) { keys.push(k); } }); }
    });
    if (view.context && !geoms[view.context]) { keys.push(view.context); }
    return keys;
  }

  function declutter(labels, all) {
    /* The spec placed every label to fit at the map's own view; zoomed out, a written label that would
       overlap one placed before it (numbered keys first, never hidden; then arrangements) is hidden. */
    var placed = [];
    labels.forEach(function (m) {
      var el = m.getElement() && m.getElement().firstChild;
      if (!el) { return; }
      el.style.visibility = "visible";
      if (all || el.classList.contains("sk-num")) { placed.push(el.getBoundingClientRect()); return; }
      var r = el.getBoundingClientRect();
      var hit = placed.some(function (p) {
        return r.left < p.right + 2 && r.right > p.left - 2 && r.top < p.bottom + 1 && r.bottom > p.top - 1;
      });
      if (hit) { el.style.visibility = "hidden"; } else { placed.push(r); }
    });
  }

  function fit(map, state) {
    /* Keep the data clear of the title (top left) and the legend (right). */
    var container = map.getContainer();
    var title = container.querySelector(".sk-title"), legend = container.querySelector(".sk-legend");
    map.fitBounds(state.bounds, {paddingTopLeft: [12, (title ? title.offsetHeight : 0) + 16],
                                 paddingBottomRight: [(legend ? legend.offsetWidth : 0) + 16, 24],
                                 animate: false});
    state.fitZoom = map.getZoom();
  }

  function basemap(map, view, state) {
    if (state.tilesUrl === view.tiles) { return; }
    if (state.tiles) { map.removeLayer(state.tiles); state.tiles = null; }
    if (view.tiles) {
      state.tiles = L.tileLayer(view.tiles, {maxZoom: 18, attribution: view.tileAttribution}).addTo(map);
    }
    state.tilesUrl = view.tiles;
    map.getContainer().classList.toggle("sk-tiles", !!view.tiles);
  }

  var NARROW_PX = 560;  // a map narrower than this starts with its legend folded (kart.css: the same width)

  function overlay(map, view, state) {
    var container = map.getContainer();
    if (!state.overlay) {
      state.overlay = document.createElement("div");
      container.appendChild(state.overlay);
      L.DomEvent.disableClickPropagation(state.overlay);
      L.DomEvent.disableScrollPropagation(state.overlay);
      L.control.scale({imperial: false}).addTo(map);
      map.attributionControl.setPrefix(false);
    }
    var before = state.overlay.querySelector(".sk-legend details");
    var folded = before && !before.open;
    state.overlay.innerHTML = view.overlay;  // escaped by the server (layers/web_map.py)
    var folding = state.overlay.querySelector(".sk-legend details");
    if (folding) {
      // folded as the user left it; on a narrow map (a phone, or 200 % zoom) folded from the start,
      // so that the map keeps its room (WCAG 1.4.10): one click or Enter opens it
      if (folded || (!before && container.clientWidth < NARROW_PX)) { folding.open = false; }
      folding.addEventListener("toggle", function () { fit(map, state); });
    }
    if (state.attribution !== view.attribution) {
      if (state.attribution) { map.attributionControl.removeAttribution(state.attribution); }
      map.attributionControl.addAttribution(view.attribution);
      state.attribution = view.attribution;
    }
  }

  /* The casing under each feature of ``fc`` that has one (property c): a line ``extra`` pixels wider
     than its own, in the casing's colour; then, unless ``casingOnly``, its edge again on top. */
  function outlines(fc, group, extra, casingOnly) {
    var cased = {type: "FeatureCollection", features: fc.features.filter(function (f) { return f.properties.c; })};
    if (!cased.features.length) { return; }
    L.geoJson(cased, {interactive: false, style: function (f) {
      return {color: f.properties.c, weight: f.properties.w + extra, fill: false, opacity: 1, className: "sk-casing"};
    }}).addTo(group);
    if (!casingOnly) {
      L.geoJson(cased, {interactive: false, style: function (f) {
        return {color: f.properties.e, weight: f.properties.w, fill: false, opacity: 1, className: "sk-outline"};
      }}).addTo(group);
    }
  }

  var described = 0;
  function describe(map, view, state) {
    /* The map's accessible name and its text summary (WCAG 1.1.1): read by screen readers when the
       map takes focus, hidden from sight; set as text, never as HTML. A link to the same facts as a
       table where the page has one (view.tableLink). */
    var container = map.getContainer();
    if (!state.description) {
      state.description = document.createElement("p");
      state.description.className = "sk-sr";
      state.description.id = "sk-beskrivelse-" + (++described);
      container.appendChild(state.description);
      container.setAttribute("role", "region");
      container.setAttribute("aria-roledescription", "kart");
      container.setAttribute("aria-describedby", state.description.id);
    }
    container.setAttribute("aria-label", view.name || "Kart");
    state.description.textContent = view.summary || "";
    var title = container.querySelector(".sk-title");
    if (view.tableLink && title) {
      var link = document.createElement("a");
      link.className = "sk-tablelink";
      link.href = "#" + view.tableLink;
      link.textContent = "Kartet som tabell";
      title.appendChild(link);
    }
  }

  /* Draw ``view`` on ``map`` with geometries from ``geoms`` (key → GeoJSON geometry). ``state``
     is what an earlier draw on the same map returned: the data layers are replaced, the map, its
     basemap and its zoom stay (the view is fitted again only when its bounds change). */
  function draw(map, view, geoms, state) {
    state = state || {};
    if (!state.group) { state.group = L.layerGroup().addTo(map); } else { state.group.clearLayers(); }
    var group = state.group;
    map.getContainer().classList.add("sk-map");
    basemap(map, view, state);
    overlay(map, view, state);
    describe(map, view, state);
    // the container may have changed size (a chosen arrangement's details beside the map): measure it
    map.invalidateSize({pan: false});
    // fit first, then add the layers: each path is projected and drawn once, at the view it is shown in
    var bounds = JSON.stringify(view.bounds);
    if (state.boundsKey !== bounds) {
      state.boundsKey = bounds;
      state.bounds = view.bounds;
      fit(map, state);
    }
    if (view.context && geometry(geoms, view.context)) {
      var c = view.styles.context;
      L.geoJson(geometry(geoms, view.context), {interactive: false, style: {color: c.color, weight: c.weight, fill: false}})
        .addTo(group);
    }
    var areaFeatures = collection(view.areas, geoms);  // made once: drawn, then their outlines
    var areas = L.geoJson(areaFeatures, {
      style: function (f) {
        var p = f.properties;
        return {fillColor: p.f, color: p.e, weight: p.w, fillOpacity: p.o, opacity: p.w > 0 ? 1 : 0};
      },
      onEachFeature: function (f, layer) {
        if (f.properties.s) { return; }
        layer.bindTooltip(f.properties.t, {sticky: true});
        layer.on("mouseover", function () { layer.setStyle({weight: 3, color: "#000"}); });
        layer.on("mouseout", function () { areas.resetStyle(layer); });
      }
    }).addTo(group);
    // outlines that carry meaning (an arrangement drawn as an outline): on top, over their casing
    outlines(areaFeatures, group, view.styles.casing);
    if (view.lines) {
      var lineFeatures = collection(view.lines, geoms);
      outlines(lineFeatures, group, view.styles.casing, true);
      L.geoJson(lineFeatures, {
        interactive: view.linetips,
        style: function (f) {
          var p = f.properties;
          return {color: p.e, weight: p.w, dashArray: p.d || null, opacity: view.styles.lineOpacity};
        },
        onEachFeature: function (f, layer) { if (f.properties.t) { layer.bindTooltip(f.properties.t, {sticky: true}); } }
      }).addTo(group);
    }
    if (view.highlight) {
      var highlightFeatures = collection(view.highlight, geoms);
      outlines(highlightFeatures, group, view.styles.casing, true);
      L.geoJson(highlightFeatures, {
        interactive: false,
        style: function (f) { var p = f.properties; return {color: p.e, weight: p.w, dashArray: p.d, fill: false}; }
      }).addTo(group);
    }
    var host = view.styles.host;
    view.hosts.forEach(function (h) {
      L.circleMarker([h[0], h[1]], {radius: host.radius, color: host.color, weight: host.weight,
                                    fillColor: host.fillColor, fillOpacity: 1}).bindTooltip(h[2]).addTo(group);
    });
    var kinds = ["", " kommune", " sk-num"];  // an arrangement, a kommune, a numbered key (layers/web_map.py)
    var labels = view.labels.slice().sort(function (a, b) { return b[3] - a[3]; }).map(function (l) {
      return L.marker([l[0], l[1]], {interactive: false, keyboard: false, icon: L.divIcon({className: "",
        iconSize: [0, 0], html: '<div class="sk-label' + kinds[l[3]] +
              '" style="transform:translate(-50%,-50%)">' + l[2] + "</div>"})
      }).addTo(group);
    });
    // The areas answer the mouse (tooltips, clicks) but are no tab stops: hundreds of nameless stops
    // would stand between a keyboard and the rest of the page. The map itself takes focus (arrow keys
    // pan, + and - zoom); its facts are in its description and in the table it links to.
    var untab = function () {
      map.getContainer().querySelectorAll("path.leaflet-interactive").forEach(function (p) { p.setAttribute("tabindex", "-1"); });
    };
    untab();
    if (state.declutter) { map.off("zoomend moveend resize", state.declutter); }
    // at the fitted view (or closer) every label shows, as the spec placed them; zoomed out, declutter
    state.declutter = function () { declutter(labels, map.getZoom() >= state.fitZoom); };
    map.on("zoomend moveend resize", state.declutter);
    [0, 200, 800].forEach(function (ms) { setTimeout(function () { state.declutter(); untab(); }, ms); });  // after layout
    return state;
  }

  global.Samarbeidskart = {draw: draw, missing: missing, collection: collection};
})(window);
